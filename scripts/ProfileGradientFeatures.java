import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.memory.ScratchWorkspace;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.explain4j.core.novelty.features.GradientSite;
import org.explain4j.core.novelty.features.GradientSummary;
import org.explain4j.core.novelty.features.TransposedProduct;
import org.explain4j.core.novelty.features.SampleLoss;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.datasets.idx.IdxReader;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where `bench --novelty`'s time goes: the 10,000 MNIST test images (data/mnist: scripts/install-data.sh mnist) in
 * batches of 64 through GradCON's autoencoder, each stage a whole pass, the three stages in turn three times and the
 * last round reported (SameDiff's per-call cost keeps falling for hundreds of calls): the forward alone; the forward and the backward to the first
 * decoder layer's output (an activation site, norms only); every decoder weight's summary with two references, as
 * the bench computes it. Then each decoder weight's summary alone, on one batch's real inputs and output gradients,
 * inside the scratch workspace as GradientFeatures.summarise runs it, 200 calls after 100 warm-up calls.
 * docs/BENCHMARKS.md quotes it:
 *     mvn -q -DskipTests install
 *     java -Xmx6g -cp "explain-cli/target/lib/*:explain-cli/target/explain-cli.jar" scripts/ProfileGradientFeatures.java
 */
public class ProfileGradientFeatures {

    public static void main(String[] args) {
        int n = 64;
        SameDiff ae = GradConAutoencoder.build(1, 1, DataType.FLOAT);
        INDArray images = IdxReader.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte")).castTo(DataType.FLOAT)
                .reshape(-1, 1, 28, 28);
        int total = (int) images.size(0);
        List<INDArray> ref = new ArrayList<>();
        for (String w : GradConAutoencoder.DECODER_WEIGHTS) {
            ref.add(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), ae.getVariable(w).getArr().shape())
                    .castTo(DataType.FLOAT).reshape(-1));
        }
        GradientFeatures weights = features(ae, GradConAutoencoder.DECODER_WEIGHTS);
        GradientFeatures.Prepared refs = weights.prepare(SampleStatistics.references(GradConAutoencoder.DECODER_WEIGHTS, ref, ref));
        GradientFeatures backward = features(ae, List.of("up1_conv"));
        GradientFeatures.Prepared none = backward.prepare(Map.of());
        double forward = 0;
        double withBackward = 0;
        double summaries = 0;
        for (int round = 0; round < 3; round++) { // the last round is reported
            forward = pass(total, n, x -> ae.output(Map.of("input", x), "reconstruction"), images);
            withBackward = pass(total, n, x -> backward.summarise(x, none), images);
            summaries = pass(total, n, x -> weights.summarise(x, refs), images);
        }
        System.out.printf("10,000 images, batch %d: forward %.2f s; forward + backward to up1_conv %.2f s; with the four decoder"
                + " weights' summaries %.2f s (%.2f x the forward)%n", n, forward, withBackward, summaries, summaries / forward);

        INDArray x = images.get(NDArrayIndex.interval(0, n));
        GradientFeatures outputs = features(ae, List.of("up1_conv", "up2_conv", "up3_conv", "up4_conv"));
        Map<String, INDArray> acts = ae.output(Map.of("input", x), "down4", "up1", "up2", "up3", "up1_conv", "up2_conv", "up3_conv",
                "up4_conv");
        GradientFeatures.Batch dys = outputs.compute(x);
        String[] inputs = {"down4", "up1", "up2", "up3"};
        StringBuilder line = new StringBuilder("per batch of 64, each decoder weight's summary:");
        for (int l = 0; l < 4; l++) {
            GradientSite site = weights.sites().get(l);
            INDArray in = acts.get(inputs[l]);
            String out = "up" + (l + 1) + "_conv";
            INDArray dy = dys.site(out).reshape(acts.get(out).shape());
            GradientSummary.References two = site.prepare(List.of(ref.get(l), ref.get(l)), ae.getVariable(site.name()).getArr().shape(),
                    DataType.FLOAT);
            for (int i = 0; i < 100; i++) {
                summary(site, in, dy, two);
            }
            long s0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                summary(site, in, dy, two);
            }
            line.append(String.format(" %s %.1f ms", site.name(), (System.nanoTime() - s0) / 200e6));
        }
        System.out.println(line);
    }

    private static GradientFeatures features(SameDiff ae, List<String> sites) {
        return new GradientFeatures(ae, GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT, SampleLoss.reconstruction(), 784, sites);
    }

    /** The products GradientFeatures.summarise uses (oneDNN's where it loads). */
    private static final TransposedProduct PRODUCT = TransposedProduct.fastest();

    private static void summary(GradientSite site, INDArray in, INDArray dy, GradientSummary.References refs) {
        try (MemoryWorkspace ws = ScratchWorkspace.open("profile")) {
            site.summary(in, dy, refs, PRODUCT);
        }
    }

    private static double pass(int total, int n, java.util.function.Consumer<INDArray> task, INDArray images) {
        long t0 = System.nanoTime();
        for (int s = 0; s < total; s += n) {
            task.accept(images.get(NDArrayIndex.interval(s, Math.min(total, s + n))));
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
