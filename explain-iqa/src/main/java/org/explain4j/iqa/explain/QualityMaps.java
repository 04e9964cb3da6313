package org.explain4j.iqa.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.ScoreQuestion;
import org.explain4j.core.run.MemoryBudget;
import org.explain4j.iqa.nets.Diqam;
import org.explain4j.iqa.score.QualityScorer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * "Why s?" and "Why s, rather than t?" over a whole image for a DIQaM-family model: a window slides over
 * the image at {@code stride} (windows cut by im2col), every window is explained at the layer (windows
 * batched, one forward and one backward per batch), and the window maps are upsampled and pasted with
 * col2im, overlaps averaged.
 *
 * <p>The score explained is the image's: s = sum_i a_i y_i / sum_i a_i over the windows (a_i = 1 for an
 * unweighted model, the mean). Its gradient at window i's activations is
 * (a_i dy_i/dA_i + (y_i - s) da_i/dA_i) / sum a, and Grad-CAM is linear in the gradient, so window i's
 * "Why s?" map is G_i = (n / sum a) (a_i M_i + (y_i - s) W_i) with M_i, W_i the Grad-CAM maps of y_i and
 * a_i (n windows; for the mean, G_i = M_i). For L = (s - t)^2, dL/dA_i = 2 (s - t) dS/dA_i, so every
 * contrast map is the "Why s?" map times 2 (s - t) / n: computed once, scaled per target. A target above
 * the score flips the sign (docs/METHODS.md): after ReLU the map shows what keeps quality down — for a
 * weighted model, the windows that score below s and weigh much. An unweighted model whose window maps
 * are all positive has nothing to show there: its "rather than 1" maps are empty after ReLU.
 */
public final class QualityMaps {

    private static final int BATCH = 256;
    private static final int WINDOWS_PER_BAND = 2048;

    private final ExplainableModel model;
    private final String layer;
    private final GradientEngine scoreEngine;
    private final CamExplainer scoreCam;
    private final CamExplainer weightCam;
    private final List<String> forwardVariables;
    private final QualityScorer scorer;
    private final int patch;
    private final int windowsPerBand;

    public QualityMaps(ExplainableModel model, String layer) {
        this(model, layer, WINDOWS_PER_BAND);
    }

    /** {@code windowsPerBand}: about how many windows are cut at once (tests make it small to cross bands). */
    QualityMaps(ExplainableModel model, String layer, int windowsPerBand) {
        this.windowsPerBand = windowsPerBand;
        if (model.isClassifier()) {
            throw new IllegalArgumentException("quality maps need a regressor (one score per patch)");
        }
        this.model = model;
        this.layer = layer;
        this.scorer = new QualityScorer(model);
        if (scorer.variant().fullReference()) {
            throw new IllegalArgumentException("quality maps explain no-reference models; a full-reference model needs its reference too");
        }
        this.scoreEngine = new GradientEngine(model);
        this.scoreCam = new CamExplainer(scoreEngine, layer);
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>(List.of(layer, model.outputVariable()));
        wanted.addAll(scoreEngine.headVariables(layer));
        if (scorer.variant().weighted()) {
            // The weight branch explained as a model of its own over the same graph; both share one forward.
            GradientEngine weightEngine = new GradientEngine(ExplainableModel.of(model.graph(), model.card().withOutputVariable(Diqam.PATCH_WEIGHT)));
            this.weightCam = new CamExplainer(weightEngine, layer);
            wanted.add(Diqam.PATCH_WEIGHT);
            wanted.addAll(weightEngine.headVariables(layer));
        } else {
            this.weightCam = null;
        }
        this.forwardVariables = List.copyOf(wanted);
        this.patch = (int) model.inputShape()[1];
    }

    /**
     * The image score s of {@link QualityScorer} (non-overlapping tiles), the windows' score s_w that the maps
     * differentiate, the signed "Why s?" map [H,W] (the mean of the G_i over the windows covering each pixel),
     * the number of windows, and, when per-window contrasts were asked, what they need ({@link WindowMaps}).
     */
    public record WhyScore(double score, double windowScore, INDArray map, int windows, WindowMaps perWindow) {

        /** The signed "Why s, rather than t?" map of the image contrast: the gradient of (s_w - t)^2, pasted. */
        public INDArray rather(double target) {
            return map.mul(2 * (windowScore - target) / windows);
        }

        /** The "rather than t" map of the given contrast (a per-window one needs t among the targets asked for). */
        public INDArray rather(Contrast contrast, double target) {
            if (!contrast.perWindow()) {
                return rather(target);
            }
            if (perWindow == null) {
                throw new IllegalStateException("per-window contrasts were not asked for");
            }
            return contrast == Contrast.WINDOW_SIGNED ? perWindow.signed(target) : perWindow.relu(target);
        }

        /** ReLU, scaled to [0,1]: what a picture shows. */
        public static INDArray view(INDArray signed) {
            return MapOps.normalise(MapOps.relu(signed.reshape(1, signed.size(0), signed.size(1)))).reshape(signed.shape());
        }
    }

    /**
     * Per-window contrasts, averaged over the windows covering each pixel: {@code a} and {@code b} give the signed
     * paste for any t as a - t b (a = paste of 2 a_i y_i M_i, b = paste of 2 a_i M_i), {@code relu} the ReLU paste of
     * 2 a_i (y_i - t) M_i for each target asked for; {@code scores} holds the window scores y_i, row by row.
     */
    public record WindowMaps(INDArray a, INDArray b, Map<Double, INDArray> reluByTarget, INDArray scores, int rows, int cols) {

        public INDArray signed(double target) {
            return a.sub(b.mul(target));
        }

        public INDArray relu(double target) {
            INDArray m = reluByTarget.get(target);
            if (m == null) {
                throw new IllegalArgumentException("no ReLU-pasted map for t = " + target + "; asked: " + reluByTarget.keySet());
            }
            return m;
        }
    }

    /**
     * {@code chw}: the image [C,H,W] in the model's input scale. Windows are cut and explained a band of window
     * rows at a time and pasted into image-sized sums at once, so memory grows with the image, not with the
     * number of windows (a 4096 x 4096 image at stride 4 has a million windows of 3,072 values each).
     */
    public WhyScore explain(INDArray chw, int stride) {
        return explain(chw, stride, null, (done, total) -> { });
    }

    /** With the per-window contrasts for {@code targets} (the signed paste serves any t; the ReLU paste these). */
    public WhyScore explain(INDArray chw, int stride, List<Double> targets) {
        return explain(chw, stride, targets, (done, total) -> { });
    }

    /** Told after each batch of windows: a 4096 x 4096 image takes minutes. */
    @FunctionalInterface
    public interface Progress {
        void windows(long done, long total);
    }

    /**
     * As {@link #explain(INDArray, int)}, telling {@code progress} how many windows are done; {@code targets}
     * (null: none) asks for the per-window contrasts too, from the same window maps: no second pass.
     */
    public WhyScore explain(INDArray chw, int stride, List<Double> targets, Progress progress) {
        int h = (int) chw.size(1);
        int w = (int) chw.size(2);
        int rows = windowsAlong(h, stride);
        int cols = windowsAlong(w, stride);
        int n = rows * cols;
        INDArray y = Nd4j.create(DataType.DOUBLE, n, 1, 1);
        INDArray a = Nd4j.ones(DataType.DOUBLE, n, 1, 1);
        // G_i = (n / sum a) (a_i M_i + (y_i - s) W_i) needs s, known only at the end; pasting is linear, so the
        // three terms a_i M_i, y_i W_i and W_i are pasted apart and combined once s is known.
        INDArray pastedAM = Nd4j.create(DataType.DOUBLE, h, w);
        INDArray pastedYW = weightCam != null ? Nd4j.create(DataType.DOUBLE, h, w) : null;
        INDArray pastedW = weightCam != null ? Nd4j.create(DataType.DOUBLE, h, w) : null;
        INDArray cover = Nd4j.create(DataType.DOUBLE, h, w);
        // Per-window contrasts: 2 a_i (y_i - t) M_i, pasted signed as A - t B, or ReLU'd per window and target.
        boolean perWindow = targets != null;
        INDArray pastedA = perWindow ? Nd4j.create(DataType.DOUBLE, h, w) : null;
        INDArray pastedB = perWindow ? Nd4j.create(DataType.DOUBLE, h, w) : null;
        Map<Double, INDArray> pastedRelu = new java.util.LinkedHashMap<>();
        if (perWindow) {
            targets.forEach(t -> pastedRelu.put(t, Nd4j.create(DataType.DOUBLE, h, w)));
        }
        List<Asked> asked = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            asked.add(new Asked(i, new ScoreQuestion.WhyScore()));
        }
        // The band's window maps at the layer's resolution, filled batch by batch, pasted when the band ends.
        INDArray[] scoreMaps = new INDArray[1];
        INDArray[] weightMaps = new INDArray[1];
        walk(chw, stride, rows, cols, (batch, from, to, first, bandN) -> {
            Map<String, INDArray> out = model.forward(batch, forwardVariables);
            INDArrayIndex here = NDArrayIndex.interval(from, to);
            INDArrayIndex global = NDArrayIndex.interval(first + from, first + to);
            Forward f = new Forward(batch, layer, out.get(layer), out.get(model.outputVariable()), OutputKind.SCORE, out);
            INDArray m = scoreCam.explain(f, asked.subList(0, to - from)).get(0).maps();
            if (scoreMaps[0] == null) {
                scoreMaps[0] = Nd4j.create(DataType.DOUBLE, bandN, m.size(1), m.size(2));
            }
            scoreMaps[0].get(here).assign(m.castTo(DataType.DOUBLE));
            y.get(global).assign(f.output().castTo(DataType.DOUBLE).reshape(to - from, 1, 1));
            if (weightCam != null) {
                Forward fw = new Forward(batch, layer, out.get(layer), out.get(Diqam.PATCH_WEIGHT), OutputKind.SCORE, out);
                INDArray wm = weightCam.explain(fw, asked.subList(0, to - from)).get(0).maps();
                if (weightMaps[0] == null) {
                    weightMaps[0] = Nd4j.create(DataType.DOUBLE, bandN, wm.size(1), wm.size(2));
                }
                weightMaps[0].get(here).assign(wm.castTo(DataType.DOUBLE));
                a.get(global).assign(out.get(Diqam.PATCH_WEIGHT).castTo(DataType.DOUBLE).reshape(to - from, 1, 1));
            }
            progress.windows(first + to, n);
        }, (r0, r1, bandN) -> {
            INDArrayIndex bandWindows = NDArrayIndex.interval((long) r0 * cols, (long) r1 * cols);
            int top = r0 * stride;
            int bandH = (r1 - r0 - 1) * stride + patch;
            INDArray bandA = a.get(bandWindows);
            if (perWindow) {
                INDArray bandY = y.get(bandWindows);
                INDArray upM = MapOps.upsample(scoreMaps[0], patch, patch);
                INDArray twoA = bandA.mul(2);
                addBand(pastedA, paste(upM.mul(twoA).muli(bandY), r1 - r0, cols, stride, bandH, w), top);
                addBand(pastedB, paste(upM.muli(twoA), r1 - r0, cols, stride, bandH, w), top);
                // relu(c M) = c relu(M) for c > 0 and |c| relu(-M) for c < 0: two upsamples serve every target.
                INDArray upPos = MapOps.upsample(MapOps.relu(scoreMaps[0]), patch, patch);
                INDArray upNeg = MapOps.upsample(MapOps.relu(scoreMaps[0].neg()), patch, patch);
                for (Map.Entry<Double, INDArray> e : pastedRelu.entrySet()) {
                    INDArray c = bandY.sub(e.getKey()).muli(twoA);
                    INDArray windowMaps = upPos.mul(Transforms.relu(c, true)).addi(upNeg.mul(Transforms.relu(c.neg(), false)));
                    addBand(e.getValue(), paste(windowMaps, r1 - r0, cols, stride, bandH, w), top);
                }
            }
            addBand(pastedAM, paste(MapOps.upsample(scoreMaps[0].muli(bandA), patch, patch), r1 - r0, cols, stride, bandH, w), top);
            if (weightMaps[0] != null) {
                INDArray upW = MapOps.upsample(weightMaps[0], patch, patch);
                addBand(pastedW, paste(upW, r1 - r0, cols, stride, bandH, w), top);
                addBand(pastedYW, paste(upW.muli(y.get(bandWindows)), r1 - r0, cols, stride, bandH, w), top);
            }
            addBand(cover, paste(Nd4j.ones(DataType.DOUBLE, bandN, patch, patch), r1 - r0, cols, stride, bandH, w), top);
            scoreMaps[0] = null;
            weightMaps[0] = null;
        });
        double sumA = a.sumNumber().doubleValue();
        double windowScore = y.mul(a).sumNumber().doubleValue() / sumA;
        INDArray sum = pastedAM;
        if (pastedW != null) {
            sum.addi(pastedYW).subi(pastedW.muli(windowScore));
        }
        // Pixels that no window covers (right and bottom margins the stride does not reach) stay 0.
        INDArray covered = Transforms.max(cover, 1.0, false);
        INDArray map = sum.muli(n / sumA).divi(covered);
        WindowMaps windowMaps = null;
        if (perWindow) {
            pastedRelu.values().forEach(m -> m.divi(covered));
            windowMaps = new WindowMaps(pastedA.divi(covered), pastedB.divi(covered), pastedRelu, y.reshape(rows, cols), rows, cols);
        }
        return new WhyScore(imageScore(chw, stride, cols, y, a), windowScore, map, n, windowMaps);
    }

    /** One batch of a band's windows: rows [from, to) of the band, windows [first + from, first + to) of the image. */
    @FunctionalInterface
    private interface BatchStep {
        void batch(INDArray batch, int from, int to, long first, int bandWindows);
    }

    /** The end of the band of window rows [r0, r1). */
    @FunctionalInterface
    private interface BandEnd {
        void band(int r0, int r1, int bandWindows);
    }

    /**
     * Every window of the image, row by row: a band of window rows is cut at once, handed out {@value #BATCH} windows
     * at a time, and ended; between batches the memory budget collects what the batch left.
     */
    private void walk(INDArray chw, int stride, int rows, int cols, BatchStep step, BandEnd end) {
        int band = bandRows(cols);
        MemoryBudget memory = MemoryBudget.standard();
        for (int r0 = 0; r0 < rows; r0 += band) {
            int r1 = Math.min(rows, r0 + band);
            int bandN = (r1 - r0) * cols;
            INDArray windows = windows(chw, stride, r0, r1, cols);
            for (int from = 0; from < bandN; from += BATCH) {
                int to = Math.min(bandN, from + BATCH);
                step.batch(windows.get(NDArrayIndex.interval(from, to)).dup(), from, to, (long) r0 * cols, bandN);
                memory.settle();
            }
            end.band(r0, r1, bandN);
        }
    }

    public String layer() {
        return layer;
    }

    /** The side of a window in pixels (the model's patch). */
    public int patch() {
        return patch;
    }

    /** Window rows per band: about {@code windowsPerBand} windows, at least one row. */
    private int bandRows(int cols) {
        return Math.max(1, windowsPerBand / cols);
    }

    private static void addBand(INDArray image, INDArray band, int top) {
        image.get(NDArrayIndex.interval(top, top + band.size(0)), NDArrayIndex.all()).addi(band);
    }

    /**
     * The image score of {@link QualityScorer}: when the stride divides the patch size, the non-overlapping
     * tiles are among the windows already scored, so their scores are read off instead of forwarded again.
     */
    private double imageScore(INDArray chw, int stride, int cols, INDArray y, INDArray a) {
        if (patch % stride != 0) {
            return scorer.score(chw).score();
        }
        int step = patch / stride;
        long tileRows = chw.size(1) / patch;
        long tileCols = chw.size(2) / patch;
        long[] rows = new long[(int) (tileRows * tileCols)];
        for (int r = 0; r < tileRows; r++) {
            for (int c = 0; c < tileCols; c++) {
                rows[(int) (r * tileCols + c)] = (long) r * step * cols + (long) c * step;
            }
        }
        INDArray ty = y.reshape(-1).get(NDArrayIndex.indices(rows));
        INDArray ta = a.reshape(-1).get(NDArrayIndex.indices(rows));
        return ty.mul(ta).sumNumber().doubleValue() / ta.sumNumber().doubleValue();
    }

    /**
     * Only scores the same windows, in the same batches, as {@link #explain} explains ([N,1], row by row):
     * the baseline of the speed target "explaining costs at most twice scoring the same patches". A
     * weighted model's weights are computed too, as scoring an image with it needs them.
     */
    public INDArray windowScores(INDArray chw, int stride) {
        int rows = windowsAlong((int) chw.size(1), stride);
        int cols = windowsAlong((int) chw.size(2), stride);
        int n = rows * cols;
        List<String> wanted = scorer.variant().weighted() ? List.of(model.outputVariable(), Diqam.PATCH_WEIGHT) : List.of(model.outputVariable());
        INDArray scores = Nd4j.create(model.dataType(), n, 1);
        walk(chw, stride, rows, cols, (batch, from, to, first, bandN) -> scores.get(NDArrayIndex.interval(first + from, first + to))
                .assign(model.forward(batch, wanted).get(model.outputVariable())), (r0, r1, bandN) -> { });
        return scores;
    }

    /** How many window positions fit along a side of {@code size} pixels. */
    private int windowsAlong(int size, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1");
        }
        if (size < patch) {
            throw new IllegalArgumentException("the image (" + size + " pixels along a side) is smaller than one " + patch + "x" + patch + " patch");
        }
        return (size - patch) / stride + 1;
    }

    /** The windows of window rows [r0, r1), [N,C,patch,patch], row by row: one im2col of their band of the image. */
    private INDArray windows(INDArray chw, int stride, int r0, int r1, int cols) {
        int top = r0 * stride;
        int bandH = (r1 - r0 - 1) * stride + patch;
        INDArray bandImage = chw.get(NDArrayIndex.all(), NDArrayIndex.interval(top, top + bandH), NDArrayIndex.all());
        INDArray col = Convolution.im2col(bandImage.castTo(model.dataType()).dup('c').reshape(1, chw.size(0), bandH, chw.size(2)),
                patch, patch, stride, stride, 0, 0, false);
        // [1, C, kh, kw, rows, cols] -> [rows, cols, C, kh, kw]
        return col.reshape(col.size(1), patch, patch, r1 - r0, cols).permute(3, 4, 0, 1, 2).dup('c')
                .reshape((long) (r1 - r0) * cols, chw.size(0), patch, patch);
    }

    /** Sums window maps [N,patch,patch] into the image [H,W] where each window lies: col2im, the inverse of im2col. */
    private INDArray paste(INDArray perWindow, int rows, int cols, int stride, int h, int w) {
        INDArray col = perWindow.reshape(rows, cols, patch, patch).permute(2, 3, 0, 1).dup('c').reshape(1, 1, patch, patch, rows, cols);
        return Convolution.col2im(col, stride, stride, 0, 0, h, w).reshape(h, w);
    }
}
