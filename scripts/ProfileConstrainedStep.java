import java.nio.file.Path;
import org.explain4j.datasets.idx.IdxReader;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.train.GradConTraining;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What GradCON's constraint costs a training step: GradConTraining on the first 1,280 MNIST test images (data/mnist),
 * batch 64, 2 epochs (40 steps, each epoch followed by a validation pass over 64 images), without and with the
 * constraint, three rounds (the JIT warms up over the first). docs/NOVELTY.md quotes it:
 *     mvn -q -DskipTests install
 *     java -Xmx6g -cp "explain-cli/target/lib/*:explain-cli/target/explain-cli.jar" scripts/ProfileConstrainedStep.java
 */
public class ProfileConstrainedStep { public static void main(String[] a) {
  INDArray x = IdxReader.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte")).castTo(DataType.FLOAT).reshape(-1,1,28,28);
  INDArray train = x.get(NDArrayIndex.interval(0, 1280)), val = x.get(NDArrayIndex.interval(1280, 1344));
  for (int round = 0; round < 3; round++) for (boolean c : new boolean[]{false, true}) {
    SameDiff ae = GradConAutoencoder.build(1, 1, DataType.FLOAT);
    GradConTraining t = new GradConTraining(ae, ty -> GradConAutoencoder.build(1, 0, ty), "input", "reconstruction", GradConAutoencoder.DECODER_WEIGHTS,
        new GradConTraining.Settings(2, 64, 1e-3, 0, 0.03, c, 1));
    long t0 = System.nanoTime();
    GradConTraining.Result r = t.train(train, val, (e, b, n, l) -> {});
    System.out.printf("round %d constrained=%s: 40 steps %.2f s (%.1f ms a step); last train loss %.4f mse %.4f%n", round, c, (System.nanoTime()-t0)/1e9, (System.nanoTime()-t0)/40e6,
      r.epochs().get(1).trainLoss(), r.epochs().get(1).trainMse());
  }
}}
