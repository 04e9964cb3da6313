import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.explain4j.datasets.idx.IdxReader;
import org.explain4j.core.novelty.features.GradientSite;
import org.explain4j.core.novelty.features.GradientSummary;
import org.explain4j.core.novelty.features.SampleLoss;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where `bench --novelty`'s time goes, per batch of 64 MNIST test images through GradCON's autoencoder, after 60
 * warm-up calls of each (SameDiff's per-call cost keeps falling for about a hundred calls, and this machine's first
 * touches of fresh memory are slow): the forward, the forward and backward to the decoder outputs, the features call
 * that forms every per-sample gradient and the statistics on them, the summaries that `bench --novelty` computes
 * instead (GradientFeatures.summarise); then per decoder layer the formed rows against the summary. docs/BENCHMARKS.md
 * quotes it:
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*:explain-cli/target/explain-cli.jar" scripts/ProfileGradientFeatures.java
 */
public class ProfileGradientFeatures {

    public static void main(String[] args) {
        int n = 64;
        int reps = 30;
        SameDiff ae = GradConAutoencoder.build(1, 1, DataType.FLOAT);
        // the first 64 MNIST test images (data/mnist: scripts/install-data.sh mnist)
        INDArray x = IdxReader.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte")).get(NDArrayIndex.interval(0, n))
                .castTo(DataType.FLOAT).reshape(n, 1, 28, 28);
        GradientFeatures weights = new GradientFeatures(ae, "input", "reconstruction", SampleLoss.reconstruction(), 784,
                GradConAutoencoder.DECODER_WEIGHTS);
        GradientFeatures outputs = new GradientFeatures(ae, "input", "reconstruction", SampleLoss.reconstruction(), 784,
                List.of("up1_conv", "up2_conv", "up3_conv", "up4_conv"));
        List<INDArray> ref = new ArrayList<>();
        for (String w : GradConAutoencoder.DECODER_WEIGHTS) {
            ref.add(Nd4j.rand(ae.getVariable(w).getArr().shape()).castTo(DataType.FLOAT).reshape(-1));
        }
        for (int i = 0; i < 60; i++) { // SameDiff's per-call overhead keeps falling for ~100 calls (JIT)
            weights.compute(x);
            outputs.compute(x);
            ae.output(Map.of("input", x), "reconstruction");
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            ae.output(Map.of("input", x), "reconstruction");
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            outputs.compute(x);
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            weights.compute(x);
        }
        long t3 = System.nanoTime();
        GradientFeatures.Batch b = weights.compute(x);
        for (int i = 0; i < reps; i++) {
            SampleStatistics.of(b, GradConAutoencoder.DECODER_WEIGHTS, ref, ref);
        }
        long t4 = System.nanoTime();
        GradientFeatures.Prepared refs = weights.prepare(SampleStatistics.references(GradConAutoencoder.DECODER_WEIGHTS, ref, ref));
        for (int i = 0; i < reps; i++) {
            SampleStatistics.of(weights.summarise(x, refs), GradConAutoencoder.DECODER_WEIGHTS, ref, ref);
        }
        long t5 = System.nanoTime();
        System.out.printf("per batch of %d: forward %.1f ms, forward+backward to the decoder outputs %.1f ms, features %.1f ms,"
                + " statistics %.1f ms; summaries and statistics without forming the gradients %.1f ms%n", n, ms(t1 - t0, reps),
                ms(t2 - t1, reps), ms(t3 - t2, reps), ms(t4 - t3, reps), ms(t5 - t4, reps));

        // per decoder layer, on this batch's own inputs and output gradients: the formed rows (GradientSite.perSample:
        // im2col, batched product, permuted copy) against the summary (norms and two dots)
        Map<String, INDArray> acts = ae.output(Map.of("input", x), "down4", "up1", "up2", "up3");
        GradientFeatures.Batch dys = outputs.compute(x);
        String[] inputs = {"down4", "up1", "up2", "up3"};
        for (int l = 0; l < 4; l++) {
            GradientSite site = weights.sites().get(l);
            INDArray in = acts.get(inputs[l]);
            String out = "up" + (l + 1) + "_conv";
            INDArray dy = dys.site(out).reshape(ae.getVariable(out).eval(Map.of("input", x)).shape());
            GradientSummary.References two = site.prepare(List.of(ref.get(l), ref.get(l)), ae.getVariable(site.name()).getArr().shape(),
                    DataType.FLOAT);
            for (int i = 0; i < 30; i++) {
                site.perSample(in, dy);
                site.summary(in, dy, two);
            }
            long s0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                site.perSample(in, dy);
            }
            long s1 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                site.summary(in, dy, two);
            }
            long s2 = System.nanoTime();
            System.out.printf("%s: rows formed %.1f ms, summary %.1f ms%n", site.name(), ms(s1 - s0, reps), ms(s2 - s1, reps));
        }
    }

    private static double ms(long nanos, int reps) {
        return nanos / 1e6 / reps;
    }
}
