package org.explain4j.iqa.evidence;

import java.util.Arrays;
import java.util.List;
import org.explain4j.datasets.DatasetException;
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
        QualityMaps.WhyScore why = maps.explain(chw, stride);
        INDArray positive = Transforms.relu(why.rather(target), true);
        double total = positive.sumNumber().doubleValue();
        long h = positive.size(0);
        long w = positive.size(1);
        int x1 = (int) Math.min(w, region.x() + region.side());
        int y1 = (int) Math.min(h, region.y() + region.side());
        if (region.x() < 0 || region.y() < 0 || x1 <= region.x() || y1 <= region.y()) {
            throw new DatasetException(name + ": its region (" + region.x() + "," + region.y() + ", side " + region.side()
                    + ") lies outside the " + w + "x" + h + " image");
        }
        double inside = positive.get(NDArrayIndex.interval(region.y(), y1), NDArrayIndex.interval(region.x(), x1)).sumNumber().doubleValue();
        double area = (double) (x1 - region.x()) * (y1 - region.y()) / (h * w);
        // A map with no positive mass points nowhere: it counts as no better than even (ratio 0).
        return new Case(name, why.score(), total > 0 ? inside / total : 0, area);
    }
}
