package org.explain4j.recognition.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.saliency.implicit.Combination;
import org.explain4j.core.saliency.implicit.ConflictingLabels;
import org.explain4j.core.saliency.implicit.ImplicitSaliency;
import org.explain4j.core.saliency.implicit.PseudoMap;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.recognition.nets.ResNet18;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The explanation-overhead benchmark of BENCHMARKS.md: a VGG16-shaped network at 224x224 (Grad-CAM
 * at relu5_3 over forward, batch 1 and 8; K = 1, 10, 100 contrasts about one image over one forward)
 * and a ResNet-18-shaped one (Grad-CAM at layer4; K = 1,000 contrasts). Random seeded weights: speed
 * does not depend on them. Every explanation time includes its own forward pass, the head pass and
 * the Grad-CAM reduction; each figure is a median after warm-up, all measured in one process.
 */
public final class ExplanationBenchmark {

    private static final int CLASSES = 1000;

    private final Stopwatch stopwatch;
    private final long seed;
    private final Consumer<String> progress;

    public ExplanationBenchmark(int warmup, int repetitions, long seed, Consumer<String> progress) {
        this.stopwatch = new Stopwatch(warmup, repetitions);
        this.seed = seed;
        this.progress = progress;
    }

    public List<BenchmarkLine> run() {
        return run(true);
    }

    /**
     * The benchmark's rows; {@code all} false measures implicit saliency alone (999 conflicting labels on both
     * networks, target 2x forward).
     */
    public List<BenchmarkLine> run(boolean all) {
        List<BenchmarkLine> lines = new ArrayList<>();
        progress.accept("building VGG16 (138 M parameters) and ResNet-18");
        ExplainableModel vgg = Vgg16.build(CLASSES, seed);
        // As a model file would be opened for explaining (ModelFiles): batch norms folded into their convolutions.
        ExplainableModel resnet = ResNet18.build(CLASSES, seed).withBatchNormFolded();
        if (!all) {
            lines.addAll(implicitRows(vgg, resnet));
            return lines;
        }
        CamExplainer vggCam = new CamExplainer(new GradientEngine(vgg), Vgg16.LAYER);
        for (int batch : new int[] {1, 8}) {
            INDArray x = input(batch);
            Runnable forward = () -> vgg.forward(x, List.of(vgg.outputVariable()));
            lines.add(measure("VGG16", "Grad-CAM", batch, batch, () -> gradCam(vggCam, x), forward, 1.2));
            if (batch == 1) {
                for (int k : new int[] {1, 10, 100}) {
                    lines.add(measure("VGG16", "contrasts", 1, k, () -> contrasts(vggCam, x, k), forward, k == 1 ? 1.2 : k == 10 ? 1.3 : 3.0));
                }
            }
        }
        CamExplainer resCam = new CamExplainer(new GradientEngine(resnet), ResNet18.LAYER);
        INDArray x = input(1);
        Runnable forward = () -> resnet.forward(x, List.of(resnet.outputVariable()));
        lines.add(measure("ResNet-18", "Grad-CAM", 1, 1, () -> gradCam(resCam, x), forward, Double.NaN));
        lines.add(measure("ResNet-18", "contrasts", 1, 1000, () -> contrasts(resCam, x, 1000), forward, 1.5));
        lines.addAll(implicitRows(vgg, resnet));
        return lines;
    }

    /** Implicit saliency of one image: its prediction contradicted by the 999 other labels, Grad-CAM pseudo maps, mean. */
    private List<BenchmarkLine> implicitRows(ExplainableModel vgg, ExplainableModel resnet) {
        return List.of(implicitRow("VGG16", vgg, Vgg16.LAYER), implicitRow("ResNet-18", resnet, ResNet18.LAYER));
    }

    private BenchmarkLine implicitRow(String name, ExplainableModel net, String layer) {
        INDArray x = input(1);
        ImplicitSaliency implicit = new ImplicitSaliency(new GradientEngine(net), List.of(layer),
                new ConflictingLabels.AllButExpected(), PseudoMap.GRAD_CAM, Combination.MEAN);
        Runnable forward = () -> net.forward(x, List.of(net.outputVariable()));
        return measure(name, "implicit saliency", 1, CLASSES - 1, () -> implicit(implicit, x), forward, 2.0);
    }

    private static void implicit(ImplicitSaliency method, INDArray x) {
        Forward f = method.forward(x);
        method.explain(f, List.of(new Asked(0, new ClassQuestion.WhyP(f.predicted(0)))));
    }

    private BenchmarkLine measure(String network, String task, int batch, int questions, Runnable explain, Runnable forward,
                                  double target) {
        progress.accept(network + " " + task + ", batch " + batch + ", " + questions + " question(s)");
        Stopwatch.Paired p = stopwatch.paired(explain, forward);
        return new BenchmarkLine(network, task, batch, questions, p.taskSeconds(), p.baselineSeconds(), p.medianRatio(), target);
    }

    /** "Why P?" for every sample, P the predicted class: one forward, one head pass. */
    static void gradCam(CamExplainer cam, INDArray x) {
        Forward f = cam.forward(x);
        List<Asked> asked = new ArrayList<>();
        for (int b = 0; b < f.batchSize(); b++) {
            asked.add(new Asked(b, new ClassQuestion.WhyP(f.predicted(b))));
        }
        cam.explain(f, asked);
    }

    /** "Why P, rather than Q?" for the K classes after P: one forward, one head pass of K rows. */
    static void contrasts(CamExplainer cam, INDArray x, int k) {
        Forward f = cam.forward(x);
        int[] ranked = f.ranked(0);
        List<Asked> asked = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            asked.add(new Asked(0, new ClassQuestion.WhyPRatherQ(ranked[0], ranked[(i + 1) % ranked.length])));
        }
        cam.explain(f, asked);
    }


    private INDArray input(int batch) {
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed + batch), batch, 3, 224, 224).castTo(DataType.FLOAT);
    }
}
