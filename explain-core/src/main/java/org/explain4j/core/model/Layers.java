package org.explain4j.core.model;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds NCHW networks into a SameDiff graph with seeded He-normal weights, keeping track of every
 * tensor's shape so that flatten and dense layers know their sizes. Weights are SameDiff variables
 * named after the layer ({@code conv1_W}, {@code conv1_b}); conv weights use SameDiff's default
 * [kH, kW, in, out] layout (M2.1's conv2d_bp ignores any other weight format).
 */
public final class Layers {

    /** A tensor of the graph with its shape without the batch axis. */
    public record T(SDVariable v, long[] shape) {
        public String name() {
            return v.name();
        }

        public long channels() {
            return shape[0];
        }

        public long size() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    private final SameDiff sd;
    private final DataType type;
    private final Random rng;

    public Layers(SameDiff sd, DataType type, long seed) {
        this.sd = sd;
        this.type = type;
        this.rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    public SameDiff graph() {
        return sd;
    }

    public DataType dataType() {
        return type;
    }

    /** The input placeholder [-1, C, H, W]. */
    public T input(String name, long... chw) {
        long[] shape = new long[chw.length + 1];
        shape[0] = -1;
        System.arraycopy(chw, 0, shape, 1, chw.length);
        return new T(sd.placeHolder(name, type, shape), chw.clone());
    }

    /** k x k convolution, stride s, zero padding p, with bias. */
    public T conv(String name, T x, int out, int k, int s, int p) {
        long in = x.channels();
        SDVariable w = sd.var(name + "_W", he(in * k * k, k, k, in, out));
        SDVariable b = sd.var(name + "_b", Nd4j.zeros(type, out));
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).pH(p).pW(p)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        long h = (x.shape()[1] + 2L * p - k) / s + 1;
        long wd = (x.shape()[2] + 2L * p - k) / s + 1;
        return new T(sd.cnn().conv2d(name, x.v(), w, b, cfg), new long[] {out, h, wd});
    }

    public T relu(String name, T x) {
        return new T(sd.nn().relu(name, x.v(), 0), x.shape());
    }

    public T maxPool(String name, T x, int k, int s) {
        return pool(name, x, k, s, 0, true);
    }

    public T avgPool(String name, T x, int k, int s) {
        return pool(name, x, k, s, 0, false);
    }

    public T maxPool(String name, T x, int k, int s, int p) {
        return pool(name, x, k, s, p, true);
    }

    private T pool(String name, T x, int k, int s, int p, boolean max) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(k).kW(k).sH(s).sW(s).pH(p).pW(p).isNHWC(false).build();
        SDVariable y = max ? sd.cnn().maxPooling2d(name, x.v(), cfg) : sd.cnn().avgPooling2d(name, x.v(), cfg);
        long h = (x.shape()[1] + 2L * p - k) / s + 1;
        long w = (x.shape()[2] + 2L * p - k) / s + 1;
        return new T(y, new long[] {x.channels(), h, w});
    }

    /**
     * Inference-mode batch normalisation over channels with stored statistics:
     * y = (x - mean) * gamma / sqrt(var + eps) + beta. Written with elementwise ops because M2.1's native
     * batchnorm op loses its axis when SameDiff clones the graph for the gradient function, and then
     * cannot be differentiated. The statistics are random but plausible (mean ~ N(0, 0.1), variance in
     * [0.5, 1.5]) so that tests exercise every term.
     */
    public T batchNorm(String name, T x) {
        long c = x.channels();
        SDVariable mean = sd.var(name + "_mean", Nd4j.randn(rng, c).castTo(type).muli(0.1));
        SDVariable var = sd.var(name + "_var", Nd4j.rand(rng, c).castTo(type).addi(0.5));
        SDVariable gamma = sd.var(name + "_gamma", Nd4j.rand(rng, c).castTo(type).addi(0.5));
        SDVariable beta = sd.var(name + "_beta", Nd4j.randn(rng, c).castTo(type).muli(0.1));
        SDVariable scale = gamma.div(sd.math().sqrt(var.add(1e-5))).reshape(1, c, 1, 1);
        SDVariable shift = beta.reshape(1, c, 1, 1).sub(mean.reshape(1, c, 1, 1).mul(scale));
        return new T(x.v().mul(scale).add(name, shift), x.shape());
    }

    public T flatten(String name, T x) {
        long n = x.size();
        return new T(sd.reshape(name, x.v(), sd.constant(Nd4j.createFromArray(-1L, n))), new long[] {n});
    }

    /** Global average pooling: [C,H,W] -> [C]. */
    public T globalAvgPool(String name, T x) {
        return new T(sd.mean(name, x.v(), 2, 3), new long[] {x.channels()});
    }

    /**
     * x W + b as mmul and add: M2.1's fused xw_plus_b ("linear") took 136 ms for one row of
     * 25088 x 4096 (VGG16's fc6) where mmul + add took 10 ms.
     */
    public T dense(String name, T x, int out) {
        long in = x.size();
        SDVariable w = sd.var(name + "_W", he(in, in, out));
        SDVariable b = sd.var(name + "_b", Nd4j.zeros(type, out));
        return new T(x.v().mmul(w).add(name, b), new long[] {out});
    }

    public T add(String name, T a, T b) {
        return new T(sd.math().add(name, a.v(), b.v()), a.shape());
    }

    public T softmax(String name, T x) {
        return new T(sd.nn().softmax(name, x.v(), 1), x.shape());
    }

    private INDArray he(long fanIn, long... shape) {
        return Nd4j.randn(rng, shape).castTo(type).muli(Math.sqrt(2.0 / fanIn));
    }
}
