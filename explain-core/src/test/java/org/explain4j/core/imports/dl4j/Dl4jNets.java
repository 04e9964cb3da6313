package org.explain4j.core.imports.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small DL4J networks for the converter's tests, with seeded weights and batch-norm statistics that are not 0 and 1. */
final class Dl4jNets {

    private Dl4jNets() {
    }

    /** Every layer kind the converter supports that fits one MultiLayerNetwork, in float. */
    static MultiLayerNetwork everyLayerKind(long seed) {
        return everyLayerKind(seed, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** The same in {@code type} (double for finite differences). */
    static MultiLayerNetwork everyLayerKind(long seed, org.nd4j.linalg.api.buffer.DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).stride(1, 1).convolutionMode(ConvolutionMode.Same).dilation(2, 2)
                        .activation(Activation.RELU).name("conv_same").build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new LocalResponseNormalization.Builder().k(2).n(5).alpha(1e-2).beta(0.75).name("lrn").build())
                .layer(new ZeroPaddingLayer.Builder(1, 2, 0, 1).name("pad").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(2, 2).padding(1, 1)
                        .avgPoolIncludePadInDivisor(false).convolutionMode(ConvolutionMode.Truncate).name("avgpool").build())
                .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).activation(Activation.TANH).name("depthwise").build())
                .layer(new SeparableConvolution2D.Builder(3, 3).nOut(8).depthMultiplier(1).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.LEAKYRELU).name("separable").build())
                .layer(new Upsampling2D.Builder(2).name("up").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("maxpool").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.PNORM).kernelSize(2, 2).stride(1, 1).pnorm(2).name("pnorm").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.IDENTITY).name("conv_last").build())
                .layer(new ActivationLayer.Builder().activation(Activation.ELU).name("elu").build())
                .layer(new DropoutLayer.Builder(0.5).name("dropout").build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.SIGMOID).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutional(17, 19, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        perturbBatchNorms(net.getLayers(), seed);
        return net;
    }

    /** Batch norms with freshly initialised statistics (mean 0, variance 1) would hide a wrong formula. */
    static void perturbBatchNorms(Layer[] layers, long seed) {
        perturbBatchNorms(layers, seed, 1.0);
    }

    /** The same with every gamma scaled by {@code gammaScale} (deep random residual networks overflow otherwise). */
    static void perturbBatchNorms(Layer[] layers, long seed, double gammaScale) {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        for (Layer l : layers) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                INDArray mean = l.getParam("mean");
                mean.assign(Nd4j.randn(rng, mean.shape()).castTo(mean.dataType()).muli(0.3));
                for (String key : new String[] {"gamma", "beta"}) {
                    INDArray p = l.getParam(key);
                    p.assign(Nd4j.rand(rng, p.shape()).castTo(p.dataType()).addi(0.5).muli(key.equals("gamma") ? gammaScale : 1.0));
                }
                if (l.paramTable().containsKey("var")) {
                    INDArray v = l.getParam("var");
                    v.assign(Nd4j.rand(rng, v.shape()).castTo(v.dataType()).addi(0.5));
                } else {
                    INDArray s = l.getParam("log10stdev");
                    s.assign(Nd4j.rand(rng, s.shape()).castTo(s.dataType()).subi(0.5).muli(0.4));
                }
            }
        }
    }
}
