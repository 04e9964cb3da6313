package org.explain4j.recognition.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.recognition.nets.ResNet18;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every method's cost on a VGG16- and a ResNet-18-shaped network at 224x224, batch 1, random seeded
 * weights: one "Why P?" answer (its question given, P the predicted class) timed alternately with a
 * plain forward pass; the ratio is the median of per-repetition ratios. The wrappers (SmoothGrad with n
 * samples, Integrated Gradients with n steps) are put against n times one vanilla gradient, timed
 * alternately with it: batching their repeats must keep them within 1.2 x n x vanilla. K contrasts of an
 * input-gradient method cost K backward passes of the whole network, run as one batch: measured the same way.
 */
public final class MethodBenchmark {

    /** One line: a method's median time, the forward's, their ratio, and for wrappers the ratio to n vanilla gradients. */
    public record Line(String network, String method, int questions, double seconds, double forwardSeconds, double ratio,
                       double perVanilla, double target, String targetOf) {
        public boolean meetsTarget() {
            double v = targetOf.equals("forward") ? ratio : perVanilla;
            return Double.isNaN(target) || v <= target;
        }
    }

    private static final List<String> SINGLE = List.of("gradcam", "gradcam++", "vanilla", "input-x-gradient", "guided-backprop",
            "deconvnet", "positive-saliency", "guided-gradcam");

    private final Stopwatch stopwatch;
    private final long seed;
    private final int samples;
    private final int batch;
    private final Consumer<String> progress;

    public MethodBenchmark(int warmup, int repetitions, long seed, int samples, int batch, Consumer<String> progress) {
        this.stopwatch = new Stopwatch(warmup, repetitions);
        this.seed = seed;
        this.samples = samples;
        this.batch = batch;
        this.progress = progress;
    }

    /** Runs every measurement, handing each line to {@code lines} as soon as it is measured (a long run keeps what it printed). */
    public void run(Consumer<Line> lines) {
        progress.accept("building VGG16 (138 M parameters)");
        network("VGG16", Vgg16.build(1000, seed), Vgg16.LAYER, lines);
        progress.accept("building ResNet-18");
        network("ResNet-18", ResNet18.build(1000, seed).withBatchNormFolded(), ResNet18.LAYER, lines);
    }

    private void network(String name, ExplainableModel model, String layer, Consumer<Line> lines) {
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), 1, 3, 224, 224).castTo(DataType.FLOAT);
        Runnable forward = () -> model.forward(x, List.of(model.outputVariable()));
        int p = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable()).argMax(1).getInt(0);
        GradientEngine engine = new GradientEngine(model);
        AttributionMethod vanillaMethod = spec("vanilla", layer).create(engine);
        List<Question> whyP = List.of(new ClassQuestion.WhyP(p));
        Runnable oneVanilla = () -> vanillaMethod.explain(x, whyP);
        double forwardSeconds = Double.NaN;
        for (String method : SINGLE) {
            AttributionMethod m = method.equals("vanilla") ? vanillaMethod : spec(method, layer).create(engine);
            Line l = measure(name, method, () -> m.explain(x, whyP), forward,
                    method.equals("vanilla") || method.equals("guided-backprop") ? 2.5 : Double.NaN);
            if (method.equals("vanilla")) {
                forwardSeconds = l.forwardSeconds();
            }
            lines.accept(l);
        }
        // K = 10 contrasts of an input-gradient method: 10 whole-network backward passes in one batch of 10 rows.
        List<Question> ten = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            ten.add(new ClassQuestion.WhyPRatherQ(p, (p + 1 + k) % 1000));
        }
        INDArray tenRows = x.repeat(0, 10);
        lines.accept(againstVanilla(name, "vanilla, 10 contrasts", 10, () -> vanillaMethod.explain(tenRows, ten), oneVanilla, 10,
                forwardSeconds, Double.NaN));
        for (String wrapper : List.of("smoothgrad", "integrated-gradients")) {
            AttributionMethod m = spec(wrapper, layer).create(engine);
            lines.accept(againstVanilla(name, wrapper + " (n = " + samples + ")", 1, () -> m.explain(x, whyP), oneVanilla, samples,
                    forwardSeconds, 1.2));
        }
    }

    private MethodSpec spec(String method, String layer) {
        return new MethodSpec(method, layer, samples, null, samples, null, null, seed, batch);
    }

    private Line measure(String network, String method, Runnable explain, Runnable forward, double target) {
        progress.accept(network + " " + method);
        Stopwatch.Paired p = stopwatch.paired(explain, forward);
        return new Line(network, method, 1, p.taskSeconds(), p.baselineSeconds(), p.medianRatio(), Double.NaN, target, "forward");
    }

    /**
     * A row timed alternately with one vanilla gradient of the same image, so that the ratio to {@code n} of them is a
     * median of per-repetition ratios, like every forward ratio (timed apart, the two drifted with the machine's phase:
     * docs/BENCHMARKS.md). Its ratio to the forward divides by the vanilla row's forward median.
     */
    private Line againstVanilla(String network, String method, int questions, Runnable explain, Runnable vanilla, int n,
                                double forwardSeconds, double target) {
        progress.accept(network + " " + method);
        Stopwatch.Paired p = stopwatch.paired(explain, vanilla);
        return new Line(network, method, questions, p.taskSeconds(), forwardSeconds, p.taskSeconds() / forwardSeconds,
                p.medianRatio() / n, target, "n x vanilla");
    }
}
