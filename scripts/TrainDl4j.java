import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.curetsr.CureTsrReader;
import org.explain4j.datasets.idx.MnistFamily;
import org.explain4j.datasets.iterators.LabelledImagesIterator;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The route a DL4J team takes, as a runnable example (README, "Your own DL4J or Keras model"): train a network with
 * DL4J's own fit on one of explain4j's data sets through a DataSetIterator, save it with ModelSerializer, then explain
 * it with bin/explain core. Run with the command line's class path:
 *
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/TrainDl4j.java mnist data/mnist models/lenet.zip
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/TrainDl4j.java signs data/signs models/signs-dl4j.zip
 *
 * mnist: a LeNet MultiLayerNetwork (layers named conv1, pool1, conv2, pool2, dense, output) on the IDX files, 1 epoch;
 * signs: a small ComputationGraph on a CURE-TSR-style folder (train/, test/) at 28 x 28, 10 epochs. Seed 42.
 */
public class TrainDl4j {

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("mnist") || args[0].equals("signs"))) {
            System.err.println("usage: TrainDl4j.java mnist|signs DATA_DIR OUT.zip");
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        Path out = Path.of(args[2]);
        boolean mnist = args[0].equals("mnist");
        LabelledImages train = mnist ? MnistFamily.MNIST.train(data) : new CureTsrReader(28).read(data.resolve("train"), n -> true).data();
        LabelledImages test = mnist ? MnistFamily.MNIST.test(data) : new CureTsrReader(28).read(data.resolve("test"), n -> true).data();
        int classes = train.classNames().size();
        Model net;
        Evaluation eval;
        if (mnist) {
            MultiLayerNetwork lenet = new MultiLayerNetwork(leNet(classes));
            lenet.init();
            lenet.fit(new LabelledImagesIterator(train, 64, 42L), 1);
            eval = lenet.evaluate(new LabelledImagesIterator(test, 256));
            net = lenet;
        } else {
            ComputationGraph graph = new ComputationGraph(signsGraph(classes));
            graph.init();
            graph.fit(new LabelledImagesIterator(train, 32, 42L), 10);
            eval = graph.evaluate(new LabelledImagesIterator(test, 256));
            net = graph;
        }
        System.out.printf("%s: test accuracy %.4f on %d images%n", args[0], eval.accuracy(), test.size());
        Files.createDirectories(out.toAbsolutePath().getParent());
        ModelSerializer.writeModel(net, out.toFile(), false);
        System.out.println("saved " + out);
    }

    static MultiLayerConfiguration leNet(int classes) {
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).name("conv1").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool1").build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).name("conv2").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool2").build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).name("output").build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    static ComputationGraphConfiguration signsGraph(int classes) {
        return new NeuralNetConfiguration.Builder().seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(2e-3)).graphBuilder()
                .addInputs("image")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build(), "image")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build(), "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv2")
                .addLayer("dense", new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build(), "pool2")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build(),
                        "dense")
                .setOutputs("output")
                .setInputTypes(InputType.convolutional(28, 28, 3))
                .build();
    }
}
