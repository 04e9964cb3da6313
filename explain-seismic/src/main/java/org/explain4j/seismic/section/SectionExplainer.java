package org.explain4j.seismic.section;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.run.MemoryBudget;
import org.explain4j.core.run.Runner;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Explains a whole seismic section with a patch classifier: windows of the model's patch size every
 * {@code stride} traces and samples ({@link SectionWindows}) go through the library's {@link Runner} in batches
 * (one forward and one explain call per batch), every window asks the same questions, and each question's window
 * maps are averaged where windows overlap ({@link WindowPaste}). Any method of the family explains; the questions
 * are any {@link SectionQuestions}.
 */
public final class SectionExplainer {

    /** Told after each window. */
    @FunctionalInterface
    public interface Progress {
        void window(int done, int total);
    }

    /**
     * The process's working set this explainer keeps to between batches: a survey's sections stream from disk, and a
     * section's windows are cut a batch at a time, so a 1000-trace inline of a 2.2 GB survey was explained at a peak
     * of 0.85-0.93 GiB for the whole process (docs/BENCHMARKS.md, "Seismic sections").
     */
    public static final long MEMORY_BYTES = 400L << 20;

    private final AttributionMethod method;
    private final int stride;
    private final int batchSize;

    public SectionExplainer(AttributionMethod method, int stride, int batchSize) {
        if (stride < 1 || batchSize < 1) {
            throw new IllegalArgumentException("stride and batch size must be at least 1");
        }
        this.method = method;
        this.stride = stride;
        this.batchSize = batchSize;
    }

    /** The model's square patch side (its input is [1, side, side]). */
    public static int patchOf(ExplainableModel model) {
        long[] s = model.inputShape();
        if (s.length != 3 || s[0] != 1 || s[1] != s[2]) {
            throw new IllegalArgumentException("a section is explained with a one-channel square patch model; this one takes "
                    + java.util.Arrays.toString(s));
        }
        return (int) s[1];
    }

    /** The windows a section of this size is explained in. */
    public SectionWindows windows(int traces, int samples) {
        return new SectionWindows(traces, samples, patchOf(method.model()), stride);
    }

    /** {@code section} [traces][samples], as SEG-Y slices come. */
    public SectionExplanation explain(float[][] section, SectionQuestions questions, Progress progress) {
        return explain(image(section), questions, progress);
    }

    /** {@code image} [samples, traces] (rows are depth), in the model's input units. */
    public SectionExplanation explain(INDArray image, SectionQuestions questions, Progress progress) {
        long start = System.nanoTime();
        ExplainableModel model = method.model();
        SectionWindows w = windows((int) image.size(1), (int) image.size(0));
        WindowCutter cutter = new WindowCutter(image, w, model.dataType());
        WindowPaste paste = new WindowPaste(w, questions);
        int[] done = {0};
        try {
            new Runner(method, questions.policy(), batchSize, MEMORY_BYTES).run(cutter, paste, (s, ok) -> progress.window(++done[0], w.count()));
        } catch (IOException e) {
            throw new UncheckedIOException("pasting into memory does not write", e);
        }
        return paste.result(questions.captions(model::labelOf), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Only classifies the windows, in the same batches as {@link #explain} (the model's plain forward pass, nothing
     * kept for a backward): the class of each window, row-major. The baseline of the speed target.
     */
    public int[] classify(INDArray image) {
        ExplainableModel model = method.model();
        SectionWindows w = windows((int) image.size(1), (int) image.size(0));
        WindowCutter cutter = new WindowCutter(image, w, model.dataType());
        int[] out = new int[w.count()];
        MemoryBudget memory = new MemoryBudget(MEMORY_BYTES);
        for (int from = 0; from < out.length; from += batchSize) {
            int to = Math.min(out.length, from + batchSize);
            INDArray x = cutter.cut(from, to);
            int[] classes = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable()).argMax(1).toIntVector();
            System.arraycopy(classes, 0, out, from, classes.length);
            memory.settle();
        }
        return out;
    }

    /** [traces][samples] as the image [samples, traces] the windows are cut from. */
    public static INDArray image(float[][] section) {
        return Nd4j.createFromArray(section).transpose().dup('c');
    }
}
