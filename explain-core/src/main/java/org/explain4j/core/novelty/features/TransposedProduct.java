package org.explain4j.core.novelty.features;

import java.util.Optional;
import org.explain4j.core.model.onednn.BatchedMatmul;
import org.explain4j.core.model.onednn.PerSampleWindowGradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The batched products the window sites need: a[i] b[i]^T ([N, M, K] x [N, P, K] -> [N, M, P]) to form per-sample
 * gradients, and Gram matrices a[i]^T a[i] ([N, K, M] -> [N, M, M]) for their norms.
 */
public interface TransposedProduct {

    /** libnd4j's batched matmul: any type, but slow on GradCON's shapes (docs/NOVELTY.md). */
    TransposedProduct ND4J = new TransposedProduct() {
        @Override
        public INDArray apply(INDArray a, INDArray b) {
            return Nd4j.matmul(a, b, null, false, true, false);
        }

        @Override
        public INDArray gram(INDArray a) {
            return Nd4j.matmul(a, a, null, true, false, false);
        }
    };

    INDArray apply(INDArray a, INDArray b);

    INDArray gram(INDArray a);

    /**
     * Each sample's windowed product ({@link GradientSite.Window#product}: windowed [N, A, H, W], other [N, B, oH, oW])
     * reduced straight to its norm and its dots with the references' {@code grouped} rows, without im2col; null where
     * this implementation has no such route (then the product is formed).
     */
    default GradientSummary windowSummary(INDArray windowed, INDArray other, GradientSite.Window window,
                                          GradientSummary.References references) {
        return null;
    }

    /**
     * oneDNN's products for float operands where it loads (and its per-sample window gradients for
     * {@link #windowSummary}), else (and for other types) ND4J's.
     */
    static TransposedProduct fastest() {
        Optional<PerSampleWindowGradient> windows = PerSampleWindowGradient.open();
        return BatchedMatmul.open().<TransposedProduct>map(m -> new TransposedProduct() {
            @Override
            public INDArray apply(INDArray a, INDArray b) {
                return isFloat(a) && isFloat(b) ? m.timesTransposed(a, b) : ND4J.apply(a, b);
            }

            @Override
            public INDArray gram(INDArray a) {
                return isFloat(a) ? m.gram(a) : ND4J.gram(a);
            }

            @Override
            public GradientSummary windowSummary(INDArray windowed, INDArray other, GradientSite.Window w,
                                                 GradientSummary.References references) {
                if (windows.isEmpty() || !isFloat(windowed) || !isFloat(other) || references.count() > 0 && references.grouped() == null) {
                    return null;
                }
                PerSampleWindowGradient.Summary s = windows.get().summarise(windowed, other,
                        new PerSampleWindowGradient.Window(w.kh(), w.kw(), w.sh(), w.sw(), w.ph(), w.pw()),
                        references.count() == 0 ? null : references.grouped().castTo(DataType.FLOAT));
                return new GradientSummary(s.norms(), s.dots() == null ? GradientSummary.noDots(windowed.size(0), DataType.FLOAT) : s.dots());
            }
        }).orElse(ND4J);
    }

    private static boolean isFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT;
    }
}
