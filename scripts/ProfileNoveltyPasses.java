import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.datasets.idx.IdxReader;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.experiment.AutoencoderScoring;
import org.explain4j.recognition.novelty.train.ReferenceGradient;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * `bench --novelty`'s two tasks pass by pass, to see warm-up and steady state: the 10,000 MNIST test images
 * (data/mnist) scored by gradient features (AutoencoderScoring.statistics, as the bench) and then reconstructed
 * (the forward), PASSES pairs, each pair's times and ratio printed. It uses only APIs that older commits have too,
 * so the same script compares two builds (docs/BENCHMARKS.md, "Novelty"):
 *     mvn -q -DskipTests install
 *     java -Xmx6g -cp "explain-cli/target/lib/*:explain-cli/target/explain-cli.jar" scripts/ProfileNoveltyPasses.java 14
 */
public class ProfileNoveltyPasses { public static void main(String[] a) {
    int batch=64;
    INDArray x = IdxReader.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte")).castTo(DataType.FLOAT).reshape(-1,1,28,28);
    SameDiff ae = GradConAutoencoder.build(1, 1, DataType.FLOAT);
    ReferenceGradient ref = new ReferenceGradient(); List<INDArray> shapes = new ArrayList<>();
    for (String w : GradConAutoencoder.DECODER_WEIGHTS) shapes.add(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(1), ae.getVariable(w).getArr().shape()).castTo(DataType.FLOAT));
    ref.update(shapes);
    AutoencoderScoring sc = new AutoencoderScoring(ae, 1, ref, x.get(NDArrayIndex.interval(0, batch)), batch, (d,t)->{});
    int n=(int)x.size(0);
    for (int r=0;r<Integer.parseInt(a.length > 0 ? a[0] : "14");r++) {
      long t0=System.nanoTime(); sc.statistics(x,(d,t)->{}); long t1=System.nanoTime();
      for (int s=0;s<n;s+=batch) ae.output(Map.of("input", x.get(NDArrayIndex.interval(s, Math.min(n, s+batch)))), "reconstruction");
      long t2=System.nanoTime();
      System.out.printf("%2d features %.2f forward %.2f ratio %.2f%n", r, (t1-t0)/1e9, (t2-t1)/1e9, (double)(t1-t0)/(t2-t1));
    }
}}
