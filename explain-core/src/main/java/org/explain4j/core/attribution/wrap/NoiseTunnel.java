package org.explain4j.core.attribution.wrap;

import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SmoothGrad, SmoothGrad-squared and VarGrad around any method (like Captum's NoiseTunnel; docs/METHODS.md
 * §4): each asked question is answered on n noisy copies x + N(0, sigma^2) of its sample, and the n maps
 * are reduced to their mean, the mean of their squares, or their variance E[a^2] - E[a]^2. The question
 * stays the one asked about the clean sample (P does not change with the noise).
 *
 * <p>sigma is a fraction of each sample's value range, max(x) - min(x) (the SmoothGrad paper suggests
 * 10-20%). All K x n noisy rows are one array, handed to the wrapped method {@code batchSize} rows at a
 * time; the noise comes from one generator seeded per call, so a call repeats its numbers.
 */
public final class NoiseTunnel implements AttributionMethod {

    /** How the n maps are reduced. */
    public enum Reduction {
        SMOOTHGRAD("smoothgrad"), SMOOTHGRAD_SQUARED("smoothgrad-sq"), VARGRAD("vargrad");

        private final String id;

        Reduction(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final AttributionMethod inner;
    private final Reduction reduction;
    private final int samples;
    private final double sigmaFraction;
    private final long seed;
    private final int batchSize;

    public NoiseTunnel(AttributionMethod inner, Reduction reduction, int samples, double sigmaFraction, long seed, int batchSize) {
        if (samples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("noise samples and batch size must be at least 1");
        }
        if (!(sigmaFraction >= 0) || Double.isInfinite(sigmaFraction)) {
            throw new IllegalArgumentException("the noise level must be a finite number >= 0");
        }
        this.inner = inner;
        this.reduction = reduction;
        this.samples = samples;
        this.sigmaFraction = sigmaFraction;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    /** {@code smoothgrad} around vanilla gradients; {@code smoothgrad-guided-backprop} around another method. */
    @Override
    public String name() {
        return inner.name().equals("vanilla") ? reduction.id() : reduction.id() + "-" + inner.name();
    }

    @Override
    public ExplainableModel model() {
        return inner.model();
    }

    @Override
    public Forward forward(INDArray inputs) {
        return inner.forward(inputs);
    }

    @Override
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        int[] sampleOf = AttributionMethod.samples(forward, asked);
        List<Question> questions = AttributionMethod.questions(asked);
        int k = sampleOf.length;
        Repeats copies = Repeats.of(sampleOf, questions, samples);
        List<Question> repeatedQuestions = copies.questions();
        NoisyRows noisy = new NoisyRows(forward.input(), copies.rows(), sigmaFraction, seed);
        AnswerSums sums = null;
        Space space = null;
        long[] mapShape = null;
        // The copies never exist all at once, nor do their maps: each chunk is drawn into one reused buffer and its maps
        // are added to per-answer sums before the next is drawn (fresh memory is what costs here: docs/METHODS.md §4).
        for (int from = 0; from < copies.rows().length; from += batchSize) {
            int to = Math.min(copies.rows().length, from + batchSize);
            INDArray chunk = noisy.draw(from, to);
            // Row r of the chunk is asked its own question: the one-per-row call lets a gradient method skip
            // a prediction pass the questions do not need (it would cost a forward per chunk).
            List<Explanation> answers = inner.explain(chunk, repeatedQuestions.subList(from, to));
            INDArray maps = rows(answers);
            if (sums == null) {
                space = answers.get(0).space();
                mapShape = java.util.Arrays.copyOfRange(maps.shape(), 1, maps.rank());
                sums = new AnswerSums(k, maps.length() / maps.size(0), maps.dataType(), reduction != Reduction.SMOOTHGRAD);
            }
            sums.add(maps, null, from, samples);
        }
        INDArray mean = sums.sums().divi(samples);
        INDArray reduced = switch (reduction) {
            case SMOOTHGRAD -> mean;
            case SMOOTHGRAD_SQUARED -> sums.squares().divi(samples);
            case VARGRAD -> sums.squares().divi(samples).subi(mean.mul(mean));
        };
        long[] outShape = new long[mapShape.length + 1];
        outShape[0] = k;
        System.arraycopy(mapShape, 0, outShape, 1, mapShape.length);
        return Explanations.of(sampleOf, questions, name(), space, reduced.reshape('c', outShape), Map.of());
    }

    /** The answers' maps in order, [n, ...]: their shared batch array when they have one. */
    static INDArray rows(List<Explanation> answers) {
        INDArray shared = answers.get(0).maps();
        boolean same = shared.size(0) == answers.size();
        for (int i = 0; same && i < answers.size(); i++) {
            same = answers.get(i).maps() == shared && answers.get(i).row() == i;
        }
        return same ? shared : Nd4j.stack(0, answers.stream().map(Explanation::raw).toArray(INDArray[]::new));
    }
}
