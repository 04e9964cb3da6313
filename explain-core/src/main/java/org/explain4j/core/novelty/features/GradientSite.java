package org.explain4j.core.novelty.features;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Where a per-sample gradient is read: an activation (its gradient as it is), or the weight of a convolution,
 * transposed convolution or dense layer. A weight's per-sample gradient is built from the layer's per-sample
 * input and the gradient at its output, both of which one batched backward already holds separately per sample:
 * dL_n/dW = sum over positions of input_n (x) outputGradient_n, a batched matrix product after an im2col. This
 * costs one matrix product per layer where replicating the batch (one backward per sample) would cost a whole
 * backward per sample; {@code GradientFeaturesTest} checks the two agree. Features are flattened in the weight's
 * own layout, so the sum of the per-sample rows equals SameDiff's batch gradient of the weight.
 */
public sealed interface GradientSite permits GradientSite.Activation, GradientSite.ConvWeight, GradientSite.DeconvWeight,
        GradientSite.DenseWeight {

    /** The site's name: the activation or weight variable. */
    String name();

    /** The activation whose forward value the site needs (null for an activation site). */
    String input();

    /** The activation whose gradient the site needs. */
    String gradientOf();

    /** [N, d]: one row per sample, from the forward {@code input} and the gradient at {@code gradientOf}. */
    INDArray perSample(INDArray input, INDArray gradient);

    /**
     * {@code references}, each flattened as {@link #perSample} lays out a row, laid out once for {@link #summary};
     * {@code shape} is the weight's (null for an activation site), {@code type} the gradients' data type.
     */
    default GradientSummary.References prepare(List<INDArray> references, long[] shape, DataType type) {
        return GradientSummary.References.rows(references, type);
    }

    /**
     * The per-sample gradients' norms and dot products with the prepared references. Weight sites compute it without
     * materialising the rows where that is cheaper, forming per-sample products with {@code product}.
     */
    default GradientSummary summary(INDArray input, INDArray gradient, GradientSummary.References references,
                                    TransposedProduct product) {
        return GradientSummary.ofRows(perSample(input, gradient), references);
    }

    /** The gradient at an activation, flattened per sample. */
    record Activation(String name) implements GradientSite {
        @Override
        public String input() {
            return null;
        }

        @Override
        public String gradientOf() {
            return name;
        }

        @Override
        public INDArray perSample(INDArray input, INDArray gradient) {
            return gradient.reshape(gradient.size(0), -1);
        }
    }

    /**
     * A convolution weight [kH, kW, C, O] (SameDiff's layout): dW_n[i,j,c,o] = sum_p im2col(x_n)[c,i,j,p] dy_n[o,p].
     */
    record ConvWeight(String name, String input, String gradientOf, Window window) implements GradientSite {
        @Override
        public INDArray perSample(INDArray x, INDArray dy) {
            // im2col(x) [N, C*kh*kw, P] against dy [N, O, P]
            return window.product(x, dy);
        }

        @Override
        public GradientSummary.References prepare(List<INDArray> references, long[] shape, DataType type) {
            return window.prepare(references, shape[2], shape[3], type);
        }

        @Override
        public GradientSummary summary(INDArray x, INDArray dy, GradientSummary.References references, TransposedProduct product) {
            return window.summary(x, dy, references, product);
        }
    }

    /**
     * A transposed-convolution weight [kH, kW, O, C] (SameDiff's deconv2d layout, C the input channels): the
     * transposed convolution is the adjoint of a convolution with the same window, so
     * dW_n[i,j,o,c] = sum_q x_n[c,q] im2col(dy_n)[o,i,j,q], q running over the input positions.
     */
    record DeconvWeight(String name, String input, String gradientOf, Window window) implements GradientSite {
        @Override
        public INDArray perSample(INDArray x, INDArray dy) {
            // im2col(dy) [N, O*kh*kw, Q] against x [N, C, Q]
            return window.product(dy, x);
        }

        @Override
        public GradientSummary.References prepare(List<INDArray> references, long[] shape, DataType type) {
            return window.prepare(references, shape[2], shape[3], type);
        }

        @Override
        public GradientSummary summary(INDArray x, INDArray dy, GradientSummary.References references, TransposedProduct product) {
            return window.summary(dy, x, references, product);
        }
    }

    /** A dense weight [I, O] of y = x W: dW_n = x_n^T dy_n. */
    record DenseWeight(String name, String input, String gradientOf) implements GradientSite {
        @Override
        public INDArray perSample(INDArray x, INDArray dy) {
            long n = x.size(0);
            INDArray w = Nd4j.matmul(x.reshape(n, -1, 1), dy.reshape(n, 1, -1));
            return w.reshape(n, -1);
        }

        /** Also each reference as an [I, O] matrix, all side by side: [I, K O]. */
        @Override
        public GradientSummary.References prepare(List<INDArray> references, long[] shape, DataType type) {
            GradientSummary.References rows = GradientSummary.References.rows(references, type);
            if (rows.count() == 0) {
                return rows;
            }
            if (rows.rows().size(1) != shape[0] * shape[1]) {
                throw new IllegalArgumentException("a reference has " + rows.rows().size(1) + " values, the weight " + shape[0] * shape[1]);
            }
            INDArray side = rows.rows().reshape(rows.count(), shape[0], shape[1]).permute(1, 0, 2).dup('c')
                    .reshape(shape[0], rows.count() * shape[1]);
            return new GradientSummary.References(rows.count(), rows.rows(), side);
        }

        /** An outer product's norm is the product of its factors' norms, and its dot with R is x_n^T R dy_n. */
        @Override
        public GradientSummary summary(INDArray x, INDArray dy, GradientSummary.References references, TransposedProduct product) {
            long n = x.size(0);
            INDArray xs = x.reshape(n, -1);
            INDArray ds = dy.reshape(n, -1);
            INDArray norms = xs.norm2(1).muli(ds.norm2(1));
            int k = references.count();
            if (k == 0) {
                return new GradientSummary(norms, GradientSummary.noDots(n, x.dataType()));
            }
            INDArray xr = Nd4j.gemm(xs, references.stacked().castTo(xs.dataType()), false, false).reshape(n, k, ds.size(1));
            return new GradientSummary(norms, Nd4j.matmul(xr, ds.reshape(n, ds.size(1), 1)).reshape(n, k));
        }
    }

    /** A convolution window: kernel, stride and zero padding (no dilation, no "same" mode). */
    record Window(int kh, int kw, int sh, int sw, int ph, int pw) {
        /**
         * Per sample, sum over positions of im2col(windowed)[a,i,j,p] other[b,p], laid out [N, kh, kw, a, b] and
         * flattened: windowed [N, A, H, W], other [N, B, P] with P the window positions. One batched matrix product.
         */
        INDArray product(INDArray windowed, INDArray other) {
            long n = windowed.size(0);
            return TransposedProduct.ND4J.apply(columns(windowed, n), rows(other, n)).reshape(n, windowed.size(1), kh, kw, other.size(1))
                    .permute(0, 2, 3, 1, 4).dup('c').reshape(n, -1);
        }

        /** The windowed factor's im2col columns as [N, A kh kw, P]. */
        private INDArray columns(INDArray windowed, long n) {
            return columns(windowed).reshape(n, windowed.size(1) * kh * kw, -1);
        }

        /** The other factor as [N, B, P]. */
        private static INDArray rows(INDArray other, long n) {
            return other.dup('c').reshape(n, other.size(1), -1);
        }

        /**
         * References laid out [kh, kw, A, B] (the layer's weight layout) as rows in {@link #product}'s layout
         * [A, kh, kw, B], and side by side as the output channels of one convolution's weight [kh, kw, A, K B].
         */
        GradientSummary.References prepare(List<INDArray> references, long a, long b, DataType type) {
            if (references.isEmpty()) {
                return new GradientSummary.References(0, null, null);
            }
            INDArray[] rows = new INDArray[references.size()];
            INDArray[] kernels = new INDArray[references.size()];
            INDArray[] grouped = new INDArray[references.size()];
            for (int k = 0; k < rows.length; k++) {
                INDArray r = references.get(k);
                if (r.length() != (long) kh * kw * a * b) {
                    throw new IllegalArgumentException("a reference has " + r.length() + " values, the weight " + (long) kh * kw * a * b);
                }
                kernels[k] = r.castTo(type).reshape(kh, kw, a, b);
                rows[k] = kernels[k].permute(2, 0, 1, 3).dup('c').reshape(1, -1);
                grouped[k] = kernels[k].permute(3, 2, 0, 1).dup('c').reshape(1, -1);
            }
            return new GradientSummary.References(rows.length, Nd4j.concat(0, rows), Nd4j.concat(3, kernels), Nd4j.concat(0, grouped));
        }

        /**
         * {@link #product}'s norms and dots with prepared references. A dot with R is sum over positions of
         * other . conv(windowed; R), one convolution for all references. A norm is computed from the product itself,
         * or, where the product is larger than two Gram matrices over the positions, as
         * ||cols other^T||^2 = sum_(p,p') (cols^T cols)[p,p'] (other^T other)[p,p'].
         */
        GradientSummary summary(INDArray windowed, INDArray other, GradientSummary.References references, TransposedProduct product) {
            long p = other.length() / (other.size(0) * other.size(1));
            long akk = windowed.size(1) * kh * kw;
            return summary(windowed, other, references, p * (akk + other.size(1)) < akk * other.size(1), product);
        }

        /** With the per-sample product [N, A kh kw, P] x [N, B, P]^T formed by {@code product} where it is formed. */
        GradientSummary summary(INDArray windowed, INDArray other, GradientSummary.References references, boolean byGram,
                                TransposedProduct product) {
            GradientSummary direct = !byGram && other.rank() == 4 ? product.windowSummary(windowed, other, this, references) : null;
            if (direct != null) {
                return direct;
            }
            long n = windowed.size(0);
            long b = other.size(1);
            INDArray cols = columns(windowed, n);
            INDArray o = rows(other, n);
            long p = cols.size(2);
            if (!byGram) {
                INDArray w = product.apply(cols, o).reshape(n, -1);
                return new GradientSummary(w.norm2(1), references.dotsOf(w));
            }
            INDArray squares = product.gram(cols).muli(product.gram(o)).sum(1, 2);
            INDArray norms = Transforms.sqrt(Transforms.max(squares, 0.0, false), false);
            int k = references.count();
            if (k == 0) {
                return new GradientSummary(norms, GradientSummary.noDots(n, norms.dataType()));
            }
            INDArray z = Nd4j.cnn().conv2d(windowed, references.stacked().castTo(windowed.dataType()), Conv2DConfig.builder().kH(kh).kW(kw).sH(sh).sW(sw)
                    .pH(ph).pW(pw).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
            return new GradientSummary(norms, Nd4j.matmul(z.reshape(n, k, b * p), o.reshape(n, b * p, 1)).reshape(n, k));
        }

        /** im2col: [N, C, H, W] -> [N, C, kh, kw, oH, oW]. */
        INDArray columns(INDArray x) {
            long oh = (x.size(2) + 2L * ph - kh) / sh + 1;
            long ow = (x.size(3) + 2L * pw - kw) / sw + 1;
            // ND4J's overload without an output array allocates it in the default type, whatever x's type
            INDArray out = Nd4j.create(x.dataType(), x.size(0), x.size(1), kh, kw, oh, ow);
            return Convolution.im2col(x.dup('c'), kh, kw, sh, sw, ph, pw, false, out);
        }
    }
}
