package org.explain4j.core.attribution.wrap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The noisy copies of a noise tunnel, drawn a chunk at a time into one reused buffer. Copy r is
 * x_s + N(0, sigma_s^2), s = rows[r], sigma_s = fraction x (max(x_s) - min(x_s)); its noise comes from a generator
 * seeded by (seed, r) alone, so a copy is the same whatever the chunking and whichever other copies are drawn.
 */
final class NoisyRows {

    private final INDArray inputs;
    private final int[] rows;
    private final double[] sigma;
    private final long seed;
    private final Random random;
    private final long[] shape;
    private INDArray buffer;

    NoisyRows(INDArray inputs, int[] rows, double sigmaFraction, long seed) {
        long n = inputs.size(0);
        this.inputs = inputs.reshape('c', n, inputs.length() / n);
        this.rows = rows;
        this.sigma = this.inputs.max(1).subi(this.inputs.min(1)).muli(sigmaFraction).toDoubleVector();
        this.seed = seed;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.shape = inputs.shape().clone();
    }

    /** Copies [from, to) as [to - from, ...input shape]; the array is overwritten by the next draw of as many rows. */
    INDArray draw(int from, int to) {
        int c = to - from;
        if (buffer == null || buffer.size(0) != c) {
            long[] s = shape.clone();
            s[0] = c;
            buffer = Nd4j.create(inputs.dataType(), s);
        }
        INDArray flat = buffer.reshape('c', c, inputs.size(1));
        for (int i = 0; i < c; i++) {
            int sample = rows[from + i];
            INDArray row = flat.getRow(i);
            if (sigma[sample] > 0) {
                random.setSeed(rowSeed(from + i));
                Nd4j.getExecutioner().exec(new GaussianDistribution(row, 0.0, sigma[sample]), random);
                row.addi(inputs.getRow(sample));
            } else {
                row.assign(inputs.getRow(sample));
            }
        }
        return buffer;
    }

    /** SplitMix64's finaliser of (seed, r): neighbouring copies get unrelated generator seeds. */
    private long rowSeed(long r) {
        long z = seed + (r + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
