package org.explain4j.core.attribution.wrap;

import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.gradient.BatchRows;
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
        int[] repeated = copies.rows();
        List<Question> repeatedQuestions = copies.questions();
        INDArray noisy = noisyCopies(forward.input(), repeated);
        List<Explanation> first = null;
        INDArray all = null;
        for (int from = 0; from < repeated.length; from += batchSize) {
            int to = Math.min(repeated.length, from + batchSize);
            INDArray chunk = noisy.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
            // Row r of the chunk is asked its own question: the one-per-row call lets a gradient method skip
            // a prediction pass the questions do not need (it would cost a forward per chunk).
            List<Explanation> answers = inner.explain(chunk, repeatedQuestions.subList(from, to));
            INDArray maps = rows(answers);
            if (all == null) {
                first = answers;
                long[] shape = maps.shape().clone();
                shape[0] = repeated.length;
                all = Nd4j.create(maps.dataType(), shape);
            }
            all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).assign(maps);
        }
        long[] mapShape = java.util.Arrays.copyOfRange(all.shape(), 1, all.rank());
        long perMap = all.length() / all.size(0);
        INDArray grouped = all.reshape('c', k, samples, perMap);
        INDArray mean = grouped.mean(1);
        INDArray reduced = switch (reduction) {
            case SMOOTHGRAD -> mean;
            case SMOOTHGRAD_SQUARED -> grouped.mul(grouped).mean(1);
            case VARGRAD -> grouped.mul(grouped).mean(1).subi(mean.mul(mean));
        };
        long[] outShape = new long[mapShape.length + 1];
        outShape[0] = k;
        System.arraycopy(mapShape, 0, outShape, 1, mapShape.length);
        return Explanations.of(sampleOf, questions, name(), first.get(0).space(), reduced.reshape('c', outShape), Map.of());
    }

    /** Rows of the inputs, one per repeat, each plus N(0, (fraction x its sample's value range)^2). */
    private INDArray noisyCopies(INDArray inputs, int[] repeated) {
        INDArray rows = BatchRows.of(inputs, repeated);
        long n = inputs.size(0);
        INDArray flat = inputs.reshape('c', n, inputs.length() / n);
        INDArray range = flat.max(1).subi(flat.min(1)).muli(sigmaFraction).reshape(n, 1);
        INDArray sigma = BatchRows.of(range, repeated);
        INDArray noise = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), rows.shape()).castTo(rows.dataType());
        INDArray flatNoise = noise.reshape('c', rows.size(0), rows.length() / rows.size(0)).muliColumnVector(sigma.castTo(rows.dataType()));
        return rows.addi(flatNoise.reshape('c', rows.shape()));
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
