package org.explain4j.recognition.bench;

import java.util.List;
import java.util.function.Consumer;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.recognition.nets.ResNet18;
import org.explain4j.recognition.nets.ResNet50;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Absolute times for the side-by-side with PyTorch (scripts/bench-side-by-side.sh; scripts/bench-pytorch.py
 * times the same rows): forward, Grad-CAM ("Why P?" per sample), 10 contrasts about one image and a vanilla
 * input gradient, on VGG16, ResNet-18 and ResNet-50 shapes at 224x224, batch 1, and forward and Grad-CAM at
 * batch 8. Medians after warm-up, which goes on past the asked runs until the JIT compilers are quiet
 * ({@link Stopwatch#settledMedian}); the ResNets' batch norms are folded, as an opened model file's are.
 */
public final class PeerBenchmark {

    /** One measured task: its median wall time in seconds, and the warm-up runs it took to settle. */
    public record Row(String network, int batch, String task, double seconds, int warmupRuns) {
    }

    private static final int CLASSES = 1000;
    private static final int CONTRASTS = 10;

    private final Stopwatch stopwatch;
    private final long seed;
    private final Consumer<String> progress;

    public PeerBenchmark(int warmup, int repetitions, long seed, Consumer<String> progress) {
        this.stopwatch = new Stopwatch(warmup, repetitions);
        this.seed = seed;
        this.progress = progress;
    }

    /** Measures every row, handing each to {@code rows} as soon as it is measured. */
    public void run(Consumer<Row> rows) {
        progress.accept("building VGG16");
        network("VGG16", Vgg16.build(CLASSES, seed), Vgg16.LAYER, rows);
        progress.accept("building ResNet-18");
        network("ResNet-18", ResNet18.build(CLASSES, seed).withBatchNormFolded(), ResNet18.LAYER, rows);
        progress.accept("building ResNet-50");
        network("ResNet-50", ResNet50.build(CLASSES, seed).withBatchNormFolded(), ResNet50.LAYER, rows);
    }

    private void network(String name, ExplainableModel model, String layer, Consumer<Row> rows) {
        // The previous network's native memory (oneDNN plans among it) is freed when the collector finds it garbage and
        // JavaCPP's deallocator thread gets to it: both done now, before this network's rows, not during its first one.
        System.gc();
        org.bytedeco.javacpp.Pointer.deallocateReferences();
        GradientEngine engine = new GradientEngine(model);
        CamExplainer cam = new CamExplainer(engine, layer);
        AttributionMethod vanilla = MethodSpec.of("vanilla").create(engine);
        for (int batch : new int[] {1, 8}) {
            INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed + batch), batch, 3, 224, 224).castTo(DataType.FLOAT);
            rows.accept(measure(name, batch, "forward", () -> model.forward(x, List.of(model.outputVariable()))));
            rows.accept(measure(name, batch, "Grad-CAM", () -> ExplanationBenchmark.gradCam(cam, x)));
            if (batch == 1) {
                rows.accept(measure(name, batch, CONTRASTS + " contrasts", () -> ExplanationBenchmark.contrasts(cam, x, CONTRASTS)));
                // P found beforehand, as the PyTorch script does: the row times one input gradient (forward and backward).
                int p = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable()).argMax(1).getInt(0);
                List<Question> whyP = List.of(new ClassQuestion.WhyP(p));
                rows.accept(measure(name, batch, "vanilla gradient", () -> vanilla.explain(x, whyP)));
            }
        }
    }

    private Row measure(String network, int batch, String task, Runnable run) {
        progress.accept(network + ", batch " + batch + ", " + task);
        Stopwatch.Timed t = stopwatch.settledMedian(run);
        return new Row(network, batch, task, t.medianSeconds(), t.warmupRuns());
    }
}
