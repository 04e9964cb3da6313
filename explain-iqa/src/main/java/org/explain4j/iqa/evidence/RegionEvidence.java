package org.explain4j.iqa.evidence;

import java.util.Arrays;
import java.util.List;
import org.explain4j.datasets.DatasetException;
import org.explain4j.iqa.explain.Contrast;
import org.explain4j.iqa.explain.QualityMaps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Does the "rather than t" map point at the damage? On an image distorted only inside a known square,
 * the share of the map's mass (its positive part, what a picture shows) inside the square, divided by
 * the square's share of the image's area: 1 is no better than spreading the map evenly, issue 4 asks
 * for at least 2.
 */
public final class RegionEvidence {

    /** One image: its score, the map's mass share inside the region, the region's area share. */
    public record Case(String image, double score, double massInside, double areaShare) {
        public double ratio() {
            return massInside / areaShare;
        }
    }

    /** Mean and median ratio over the cases, and the fraction of cases at 2 or more. */
    public record Summary(int images, double meanRatio, double medianRatio, double atLeastTwice) {

        public static Summary of(List<Case> cases) {
            double[] r = cases.stream().mapToDouble(Case::ratio).sorted().toArray();
            int n = r.length;
            if (n == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
            return new Summary(n, Arrays.stream(r).average().orElse(Double.NaN), median,
                    Arrays.stream(r).filter(v -> v >= 2).count() / (double) n);
        }
    }

    private RegionEvidence() {
    }

    /** Explains {@code chw} with {@code maps} at {@code stride} and measures the "rather than {@code target}" map. */
    public static Case measure(QualityMaps maps, String name, INDArray chw, DistortedRegion region, int stride, double target) {
        return measure(maps, name, chw, region, stride, target, Contrast.IMAGE);
    }

    /** As {@link #measure(QualityMaps, String, INDArray, DistortedRegion, int, double)} for the given contrast. */
    public static Case measure(QualityMaps maps, String name, INDArray chw, DistortedRegion region, int stride, double target,
                               Contrast contrast) {
        QualityMaps.WhyScore why = maps.explain(chw, stride, contrast.perWindow() ? java.util.List.of(target) : null);
        INDArray positive = Transforms.relu(why.rather(contrast, target), true);
        double total = positive.sumNumber().doubleValue();
        long h = positive.size(0);
        long w = positive.size(1);
        int[] sq = inside(name, region, h, w);
        double inside = positive.get(NDArrayIndex.interval(sq[1], sq[3]), NDArrayIndex.interval(sq[0], sq[2])).sumNumber().doubleValue();
        double area = (double) (sq[2] - sq[0]) * (sq[3] - sq[1]) / (h * w);
        // A map with no positive mass points nowhere: it counts as no better than even (ratio 0).
        return new Case(name, why.score(), total > 0 ? inside / total : 0, area);
    }

    /**
     * One image under the per-window contrast: t_below is the mean score of the windows that overlap the square
     * and t_above that of the windows that do not. Below the clean windows' scores, the "rather than t_below" map
     * should lie in the clean region (it merits more than t); above the damaged windows' scores, the "rather than
     * t_above" map should lie in the square (it prevents t). Each ratio is the map's positive mass share in that
     * region over the region's area share.
     */
    public record WindowCase(String image, double score, double tBelow, double tAbove, double cleanRatio, double squareRatio) {
    }

    /** The per-window contrast's evidence for one image: a forward pass for the window scores, then one explanation. */
    public static WindowCase measureWindows(QualityMaps maps, String name, INDArray chw, DistortedRegion region, int stride, Contrast contrast) {
        long h = chw.size(1);
        long w = chw.size(2);
        int[] square = inside(name, region, h, w);
        int patch = maps.patch();
        int rows = (int) ((h - patch) / stride + 1);
        int cols = (int) ((w - patch) / stride + 1);
        double[] y = maps.windowScores(chw, stride).reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        double damaged = 0;
        double clean = 0;
        int nDamaged = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int top = r * stride;
                int left = c * stride;
                boolean overlaps = top < square[3] && top + patch > square[1] && left < square[2] && left + patch > square[0];
                if (overlaps) {
                    damaged += y[r * cols + c];
                    nDamaged++;
                } else {
                    clean += y[r * cols + c];
                }
            }
        }
        if (nDamaged == 0 || nDamaged == y.length) {
            throw new DatasetException(name + ": every window, or none, overlaps its square; no clean and damaged windows to compare");
        }
        double tBelow = damaged / nDamaged;
        double tAbove = clean / (y.length - nDamaged);
        QualityMaps.WhyScore why = maps.explain(chw, stride, java.util.List.of(tBelow, tAbove));
        double area = (double) (square[2] - square[0]) * (square[3] - square[1]) / (h * w);
        double cleanShare = 1 - share(why.rather(contrast, tBelow), square);
        double squareShare = share(why.rather(contrast, tAbove), square);
        return new WindowCase(name, why.score(), tBelow, tAbove, cleanShare / (1 - area), squareShare / area);
    }

    /** The positive mass share of {@code map} inside the square {x0, y0, x1, y1}; 0 for a map with no positive mass. */
    private static double share(INDArray map, int[] square) {
        INDArray positive = Transforms.relu(map, true);
        double total = positive.sumNumber().doubleValue();
        double in = positive.get(NDArrayIndex.interval(square[1], square[3]), NDArrayIndex.interval(square[0], square[2])).sumNumber().doubleValue();
        return total > 0 ? in / total : 0;
    }

    /** The square clipped to the image as {x0, y0, x1, y1}; a square outside the image is a data error. */
    private static int[] inside(String name, DistortedRegion region, long h, long w) {
        int x1 = (int) Math.min(w, region.x() + region.side());
        int y1 = (int) Math.min(h, region.y() + region.side());
        if (region.x() < 0 || region.y() < 0 || x1 <= region.x() || y1 <= region.y()) {
            throw new DatasetException(name + ": its region (" + region.x() + "," + region.y() + ", side " + region.side()
                    + ") lies outside the " + w + "x" + h + " image");
        }
        return new int[] {region.x(), region.y(), x1, y1};
    }
}
