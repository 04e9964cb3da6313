import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.explain4j.core.novelty.features.SampleLoss;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where `bench --novelty`'s time goes, per batch of 64 through GradCON's autoencoder: the forward, the forward and
 * backward to the decoder outputs, the whole features call, the statistics; then the per-sample weight products of
 * the four decoder layers split into im2col, the batched product and the permuted copy (the same ND4J calls as
 * GradientSite); and the statistics the way `bench --novelty` now computes them (GradientFeatures.summarise: norms and
 * dots without forming the per-sample gradients). docs/BENCHMARKS.md quotes it:
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*:explain-cli/target/explain-cli.jar" scripts/ProfileGradientFeatures.java
 */
public class ProfileGradientFeatures {

    public static void main(String[] args) {
        int n = 64;
        int reps = 20;
        SameDiff ae = GradConAutoencoder.build(1, 1, DataType.FLOAT);
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), n, 1, 28, 28).castTo(DataType.FLOAT);
        GradientFeatures weights = new GradientFeatures(ae, "input", "reconstruction", SampleLoss.reconstruction(), 784,
                GradConAutoencoder.DECODER_WEIGHTS);
        GradientFeatures outputs = new GradientFeatures(ae, "input", "reconstruction", SampleLoss.reconstruction(), 784,
                List.of("up1_conv", "up2_conv", "up3_conv", "up4_conv"));
        List<INDArray> ref = new ArrayList<>();
        for (String w : GradConAutoencoder.DECODER_WEIGHTS) {
            ref.add(Nd4j.rand(ae.getVariable(w).getArr().shape()).castTo(DataType.FLOAT).reshape(-1));
        }
        for (int i = 0; i < 5; i++) {
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
        Map<String, List<INDArray>> refs = SampleStatistics.references(GradConAutoencoder.DECODER_WEIGHTS, ref, ref);
        for (int i = 0; i < reps; i++) {
            SampleStatistics.of(weights.summarise(x, refs), GradConAutoencoder.DECODER_WEIGHTS, ref, ref);
        }
        long t5 = System.nanoTime();
        System.out.printf("per batch of %d: forward %.1f ms, forward+backward to the decoder outputs %.1f ms, features %.1f ms,"
                + " statistics %.1f ms; summaries and statistics without forming the gradients %.1f ms%n", n, ms(t1 - t0, reps),
                ms(t2 - t1, reps), ms(t3 - t2, reps), ms(t4 - t3, reps), ms(t5 - t4, reps));

        long[][] layers = {{64, 64, 3, 4, 2}, {64, 32, 4, 8, 1}, {32, 32, 8, 14, 2}, {32, 1, 14, 28, 1}}; // C, O, in, out, pad
        double im2col = 0;
        double product = 0;
        double permute = 0;
        for (int i = 0; i < reps; i++) {
            for (long[] l : layers) {
                INDArray in = Nd4j.rand(DataType.FLOAT, n, l[0], l[2], l[2]);
                INDArray dy = Nd4j.rand(DataType.FLOAT, n, l[1], l[3], l[3]);
                int p = (int) l[4];
                long s0 = System.nanoTime();
                INDArray col = Nd4j.create(DataType.FLOAT, n, l[1], 4, 4, l[2], l[2]);
                Convolution.im2col(dy, 4, 4, 2, 2, p, p, false, col);
                long s1 = System.nanoTime();
                INDArray w = Nd4j.matmul(col.reshape(n, l[1] * 16, -1), in.reshape(n, l[0], -1), null, false, true, false);
                long s2 = System.nanoTime();
                w.reshape(n, l[1], 4, 4, l[0]).permute(0, 2, 3, 1, 4).dup('c');
                long s3 = System.nanoTime();
                im2col += (s1 - s0) / 1e6;
                product += (s2 - s1) / 1e6;
                permute += (s3 - s2) / 1e6;
            }
        }
        System.out.printf("per-sample weight products, four decoder layers, per batch: im2col %.1f ms, batched matmul %.1f ms,"
                + " permuted copy %.1f ms%n", im2col / reps, product / reps, permute / reps);
    }

    private static double ms(long nanos, int reps) {
        return nanos / 1e6 / reps;
    }
}
