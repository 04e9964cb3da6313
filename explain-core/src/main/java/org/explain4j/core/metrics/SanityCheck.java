package org.explain4j.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MapViews;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model-randomisation sanity check (Adebayo et al., NeurIPS 2018; docs/METHODS.md §4): the layers'
 * weights are re-initialised cascading from the output down, and after each step the maps of the same
 * inputs and questions are compared with the trained model's: Spearman rank correlation of the signed
 * maps and of their absolute values, and SSIM of the displayed views. A method that depends on the
 * model shows falling similarity; one that ignores it (an edge detector) stays at 1.
 *
 * <p>Layers are the groups of weight tensors that share a name stem ({@code conv1_W} / {@code conv1_b};
 * {@code features.0.weight} / {@code features.0.bias}), ordered by where the graph first uses them. A
 * re-initialised tensor is drawn from N(0, s^2) with s the trained tensor's standard deviation (a constant
 * tensor, such as a zero bias, is drawn with s = 0.01), seeded; batch-norm statistics (names ending in
 * mean or var) are kept. Questions stay those asked of the trained
 * model (its P), so only the map changes.
 */
public final class SanityCheck {

    /** After randomising the top {@code layers.size()} layers: mean similarities over the inputs. */
    public record Step(List<String> layers, double spearman, double spearmanAbs, double ssim) {
    }

    /** The steps, from one layer to all; {@link #passes} when the fully randomised maps no longer rank alike. */
    public record Result(List<Step> steps) {
        /** Mean |Spearman| of the maps' absolute values below {@code threshold} once every layer is randomised. */
        public boolean passes(double threshold) {
            return !steps.isEmpty() && Math.abs(steps.get(steps.size() - 1).spearmanAbs()) < threshold;
        }
    }

    /** Batch-norm statistics are no weights: a random "variance" could be negative. */
    private static final java.util.regex.Pattern STATISTICS = java.util.regex.Pattern.compile("(?i).*(mean|var)$");

    private final ExplainableModel model;
    private final Function<GradientEngine, AttributionMethod> method;
    private final long seed;

    public SanityCheck(ExplainableModel model, Function<GradientEngine, AttributionMethod> method, long seed) {
        this.model = model;
        this.method = method;
        this.seed = seed;
    }

    /** {@code inputs} [N, ...], one question per input. */
    public Result run(INDArray inputs, List<? extends Question> questions) {
        int h = (int) inputs.size(2);
        int w = (int) inputs.size(3);
        List<Explanation> original = method.apply(new GradientEngine(model)).explain(inputs, questions);
        List<List<String>> layers = layersFromTheTop(model.graph(), model.outputVariable());
        List<Step> steps = new ArrayList<>();
        SameDiff randomised = model.graph().dup();
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        List<String> done = new ArrayList<>();
        for (List<String> layer : layers) {
            for (String weight : layer) {
                SDVariable v = randomised.getVariable(weight);
                INDArray trained = v.getArr();
                double std = trained.length() > 1 ? trained.castTo(DataType.DOUBLE).stdNumber().doubleValue() : 0;
                double s = std > 0 ? std : 0.01;
                v.setArray(Nd4j.randn(rng, trained.shape()).castTo(trained.dataType()).muli(s));
            }
            done.add(stem(layer.get(0)));
            ExplainableModel m = ExplainableModel.of(randomised, model.card());
            List<Explanation> after = method.apply(new GradientEngine(m)).explain(inputs, questions);
            double sp = 0;
            double spAbs = 0;
            double ssim = 0;
            for (int i = 0; i < original.size(); i++) {
                double[] a = MetricMaps.signed(original.get(i), h, w).reshape(h * w).toDoubleVector();
                double[] b = MetricMaps.signed(after.get(i), h, w).reshape(h * w).toDoubleVector();
                sp += safe(Correlation.spearman(a, b));
                spAbs += safe(Correlation.spearman(abs(a), abs(b)));
                // SSIM's 11x11 window needs views of at least that size: smaller inputs are compared upsampled.
                int sh = Math.max(h, 11);
                int sw = Math.max(w, 11);
                ssim += Ssim.of(MapViews.toDisplay(original.get(i), sh, sw), MapViews.toDisplay(after.get(i), sh, sw));
            }
            int n = original.size();
            steps.add(new Step(List.copyOf(done), sp / n, spAbs / n, ssim / n));
            // The next step starts from this graph: the randomisation cascades. A fresh copy keeps engines apart.
            randomised = randomised.dup();
        }
        return new Result(steps);
    }

    /** A constant map has no ranks: count it as uncorrelated (0) rather than NaN. */
    private static double safe(double r) {
        return Double.isNaN(r) ? 0 : r;
    }

    private static double[] abs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    /** Weight tensors the output depends on, grouped by name stem, the group used last in the graph first. */
    static List<List<String>> layersFromTheTop(SameDiff graph, String output) {
        java.util.Set<String> needed = org.explain4j.core.model.GraphCut.ancestors(graph, output);
        List<String> opOrder = new ArrayList<>(graph.getOps().keySet());
        Map<String, Integer> firstUse = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE || !needed.contains(v.name()) || !v.dataType().isFPType()
                    || STATISTICS.matcher(v.name()).matches()) {
                continue;
            }
            List<String> consumers = graph.getVariables().get(v.name()).getInputsForOp();
            int first = consumers == null ? Integer.MAX_VALUE
                    : consumers.stream().mapToInt(opOrder::indexOf).filter(i -> i >= 0).min().orElse(Integer.MAX_VALUE);
            String stem = stem(v.name());
            groups.computeIfAbsent(stem, k -> new ArrayList<>()).add(v.name());
            firstUse.merge(stem, first, Math::min);
        }
        List<String> stems = new ArrayList<>(groups.keySet());
        stems.sort((a, b) -> Integer.compare(firstUse.get(b), firstUse.get(a)));
        List<List<String>> out = new ArrayList<>();
        stems.forEach(s -> out.add(groups.get(s)));
        return out;
    }

    private static String stem(String name) {
        int cut = Math.max(name.lastIndexOf('_'), name.lastIndexOf('.'));
        return cut > 0 ? name.substring(0, cut) : name;
    }
}
