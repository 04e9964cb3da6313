package org.explain4j.core.saliency.implicit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Implicit saliency (Sun, Prabhushankar, AlRegib, ICIP 2020): where a recogniser expected its answer. The
 * question's class P is the expectation; every conflicting label Q ({@link ConflictingLabels}) is one
 * contrastive question "Why P, rather than Q?" (the cross-entropy to Q backpropagated to the layer); each
 * answer is a {@link PseudoMap}; a {@link Combination} turns a sample's pseudo maps into its map. All the
 * labels of a batch share its one forward pass and go through the backward as rows of one batch (the
 * K-contrast machinery: with a dense head, only the head's backward runs per label).
 *
 * <p>Several layers are fused by scaling each layer's map to [0, 1], resizing it (bilinear) to the finest of
 * their grids and averaging: the map then lives on that grid. With one layer the map is left unscaled.
 *
 * <p>Details: {@link #PSEUDO_MAPS} [A, 3, h, w], the pseudo maps of the three most likely conflicting labels
 * (on the map's grid; fused like the maps), and {@link #CONFLICTING} [A, 3], those labels (-1 where there are
 * fewer).
 */
public final class ImplicitSaliency implements AttributionMethod {

    public static final String NAME = "implicit";
    public static final String PSEUDO_MAPS = "pseudoMaps";
    public static final String CONFLICTING = "conflicting";
    public static final int SHOWN = 3;
    /** Gradient elements per backward chunk (32 Mi floats): bounds memory for 999 labels on a VGG16 layer. */
    private static final long CHUNK_ELEMENTS = 1L << 25;

    private final GradientEngine engine;
    private final List<String> layers;
    private final ConflictingLabels labels;
    private final PseudoMap pseudo;
    private final Combination combination;

    public ImplicitSaliency(GradientEngine engine, List<String> layers, ConflictingLabels labels, PseudoMap pseudo,
                            Combination combination) {
        ExplainableModel m = engine.model();
        if (!m.isClassifier()) {
            throw new IllegalArgumentException("implicit saliency contradicts a classifier's expectation; this model is a regressor");
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("name at least one layer");
        }
        for (String l : layers) {
            if (!m.explainableLayers().contains(l)) {
                throw new IllegalArgumentException("unknown layer '" + l + "'; explainable layers: " + String.join(", ", m.explainableLayers()));
            }
        }
        if (labels instanceof ConflictingLabels.Given g) {
            for (int c : g.classes()) {
                if (c >= m.outputWidth()) {
                    throw new IllegalArgumentException("conflicting label " + c + " is not a class (the model has " + m.outputWidth() + ")");
                }
            }
        }
        this.engine = engine;
        this.layers = List.copyOf(new LinkedHashSet<>(layers));
        this.labels = labels;
        this.pseudo = pseudo;
        this.combination = combination;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExplainableModel model() {
        return engine.model();
    }

    public List<String> layers() {
        return layers;
    }

    /** A short description for reports: labels, pseudo maps, combination, layers. */
    public String describe() {
        return "implicit (conflicting " + labels.describe() + ", " + pseudo.id() + " pseudo maps, " + combination.id()
                + ", at " + String.join("+", layers) + ")";
    }

    @Override
    public Forward forward(INDArray input) {
        ExplainableModel m = engine.model();
        Set<String> wanted = new LinkedHashSet<>(layers);
        wanted.add(m.outputVariable());
        layers.forEach(l -> wanted.addAll(engine.headVariables(l)));
        Map<String, INDArray> out = m.forward(input, new ArrayList<>(wanted));
        String grid = finest(out);
        return new Forward(input, grid, out.get(grid), out.get(m.outputVariable()), m.outputKind(), Map.copyOf(out));
    }

    @Override
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        for (String l : layers) {
            if (!forward.kept().containsKey(l)) {
                throw new IllegalArgumentException("the forward pass kept no activations of layer " + l);
            }
        }
        int[] samples = AttributionMethod.samples(forward, asked);
        Rows rows = rows(forward, asked, samples);
        String grid = finest(forward.kept());
        long outH = forward.kept().get(grid).size(2);
        long outW = forward.kept().get(grid).size(3);
        int a = asked.size();
        INDArray fused = null;
        INDArray shown = null;
        for (String layer : layers) {
            LayerMaps maps = layerMaps(layer, forward, rows, a);
            INDArray map = maps.combined;
            INDArray three = maps.shown.reshape((long) a * SHOWN, maps.h, maps.w);
            if (layers.size() > 1) {
                map = MapOps.normalise(MapOps.upsample(map, (int) outH, (int) outW));
                three = MapOps.normalise(MapOps.upsample(three, (int) outH, (int) outW));
            }
            fused = fused == null ? map : fused.addi(map);
            shown = shown == null ? three : shown.addi(three);
        }
        if (layers.size() > 1) {
            fused.divi(layers.size());
            shown.divi(layers.size());
        }
        DataType type = engine.model().dataType();
        Map<String, INDArray> details = Map.of(PSEUDO_MAPS, shown.reshape(a, SHOWN, outH, outW).castTo(type), CONFLICTING, rows.shownLabels);
        return Explanations.of(samples, AttributionMethod.questions(asked), NAME, new Space.Layer(grid), fused.castTo(type), details);
    }

    /** One row per (asked question, conflicting label). */
    private record Rows(int[] owner, int[] sampleOf, int[] rank, List<Question> questions, double[] probability,
                        double[] counts, double[] weightTotals, INDArray shownLabels) {
    }

    private Rows rows(Forward forward, List<Asked> asked, int[] samples) {
        List<Integer> owner = new ArrayList<>();
        List<Integer> rank = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        List<Double> probability = new ArrayList<>();
        double[] counts = new double[asked.size()];
        double[] totals = new double[asked.size()];
        INDArray shownLabels = Nd4j.valueArrayOf(new long[] {asked.size(), SHOWN}, -1f, DataType.FLOAT);
        INDArray probs = forward.probabilities().castTo(DataType.DOUBLE);
        for (int i = 0; i < asked.size(); i++) {
            // One row read per sample, not one native read per label (999 of them for ImageNet).
            double[] p = probs.getRow(samples[i]).toDoubleVector();
            if (!(asked.get(i).question() instanceof ClassQuestion q)) {
                throw new IllegalArgumentException("implicit saliency answers questions about a class, not " + asked.get(i).question().slug());
            }
            int expected = q.p();
            int[] conflicting = labels.of(forward.ranked(samples[i]), expected);
            if (conflicting.length == 0) {
                throw new IllegalArgumentException("no conflicting label left for expectation " + expected + " (labels: " + labels.describe() + ")");
            }
            for (int k = 0; k < conflicting.length; k++) {
                owner.add(i);
                rank.add(k);
                questions.add(new ClassQuestion.WhyPRatherQ(expected, conflicting[k]));
                double pk = p[conflicting[k]];
                probability.add(pk);
                totals[i] += pk;
                if (k < SHOWN) {
                    shownLabels.putScalar(i, k, conflicting[k]);
                }
            }
            counts[i] = conflicting.length;
        }
        int[] own = owner.stream().mapToInt(Integer::intValue).toArray();
        int[] sampleOf = Arrays.stream(own).map(o -> samples[o]).toArray();
        return new Rows(own, sampleOf, rank.stream().mapToInt(Integer::intValue).toArray(), questions,
                probability.stream().mapToDouble(Double::doubleValue).toArray(), counts, totals, shownLabels);
    }

    private record LayerMaps(INDArray combined, INDArray shown, long h, long w) {
    }

    private LayerMaps layerMaps(String layer, Forward forward, Rows rows, int a) {
        INDArray acts = forward.kept().get(layer);
        long c = acts.size(1);
        long h = acts.size(2);
        long w = acts.size(3);
        int total = rows.owner.length;
        // Grad-CAM pseudo maps above a dense head never build the [K, C, h, w] gradient (the engine pools it), and
        // one chunk lets the head take its transfer-matrix path for many labels of one sample.
        boolean pooled = pseudo == PseudoMap.GRAD_CAM && !engine.headVariables(layer).isEmpty();
        int chunk = pooled ? total : (int) Math.max(1, Math.min(total, CHUNK_ELEMENTS / (c * h * w)));
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, a, h * w);
        INDArray weighted = Nd4j.zeros(DataType.DOUBLE, a, h * w);
        INDArray squares = Nd4j.zeros(DataType.DOUBLE, a, h * w);
        INDArray shown = Nd4j.zeros(DataType.DOUBLE, a, SHOWN, h * w);
        for (int start = 0; start < total; start += chunk) {
            int end = Math.min(total, start + chunk);
            int[] sampleOf = Arrays.copyOfRange(rows.sampleOf, start, end);
            INDArray m = pseudo.maps(engine, layer, forward, sampleOf, rows.questions.subList(start, end))
                    .castTo(DataType.DOUBLE).reshape(end - start, h * w);
            // Rows to samples as a [A, k] membership matrix: the three sums are three GEMMs.
            int k = end - start;
            double[] memberValues = new double[a * k];
            double[] probabilityValues = new double[a * k];
            for (int r = start; r < end; r++) {
                memberValues[rows.owner[r] * k + r - start] = 1;
                probabilityValues[rows.owner[r] * k + r - start] = rows.probability[r];
                if (rows.rank[r] < SHOWN) {
                    shown.get(NDArrayIndex.point(rows.owner[r]), NDArrayIndex.point(rows.rank[r]), NDArrayIndex.all())
                            .assign(m.getRow(r - start));
                }
            }
            INDArray member = Nd4j.create(memberValues, new long[] {a, k}, DataType.DOUBLE);
            INDArray byProbability = Nd4j.create(probabilityValues, new long[] {a, k}, DataType.DOUBLE);
            sum.addi(Nd4j.gemm(member, m, false, false));
            weighted.addi(Nd4j.gemm(byProbability, m, false, false));
            squares.addi(Nd4j.gemm(member, m.mul(m), false, false));
        }
        INDArray counts = Nd4j.createFromArray(rows.counts).reshape(a, 1);
        INDArray totals = Nd4j.createFromArray(rows.weightTotals).reshape(a, 1);
        INDArray combined = combination.combine(sum, weighted, squares, counts, totals).reshape(a, h, w);
        return new LayerMaps(combined, shown.reshape(a, SHOWN, h, w), h, w);
    }

    /** The layer with the most grid cells: the fused map's grid. */
    private String finest(Map<String, INDArray> values) {
        String best = layers.get(0);
        for (String l : layers) {
            INDArray v = values.get(l);
            INDArray b = values.get(best);
            if (v != null && b != null && v.size(2) * v.size(3) > b.size(2) * b.size(3)) {
                best = l;
            }
        }
        return best;
    }
}
