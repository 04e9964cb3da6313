package org.explain4j.recognition.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.train.ClassificationReport;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.idx.MnistFamily;
import org.explain4j.recognition.data.RecognitionData;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.nets.CureTsrNet;
import org.explain4j.recognition.nets.MnistNet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains a task's network: a seeded validation split of the training set drives early stopping, the
 * test set is scored once with the best weights, and for signs every challenge type and level is
 * scored too. Writes the model with its card, {@code <model>.report.json} and {@code <model>.report.md}.
 */
public final class RecognitionTrainer {

    /** What to train and how. */
    public record Options(RecognitionTask task, Path dataDir, Path model, int epochs, int batchSize, double learningRate,
                          int lrStepEpochs, int patience, double validationFraction, long seed, boolean composites) {

        public Options(RecognitionTask task, Path dataDir, Path model, int epochs, int batchSize, double learningRate,
                       int lrStepEpochs, int patience, double validationFraction, long seed) {
            this(task, dataDir, model, epochs, batchSize, learningRate, lrStepEpochs, patience, validationFraction, seed, false);
        }
    }

    /** Accuracy on the test images of one challenge type at one level. */
    public record ChallengeAccuracy(String challenge, int level, int images, double accuracy) {
    }

    /** What the train command prints and writes. */
    public record Report(String task, int trainImages, int validationImages, int testImages,
                         List<ClassifierTraining.Epoch> epochs, int bestEpoch, boolean stoppedEarly, double testAccuracy,
                         Map<String, Double> perClassAccuracy, int[][] confusion, List<ChallengeAccuracy> challenges,
                         double seconds, String markdown) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecognitionTrainer() {
    }

    public static Report run(Options o, ClassifierTraining.Listener listener) throws IOException {
        long start = System.nanoTime();
        RecognitionData data = RecognitionData.load(o.task(), o.dataDir());
        if (o.composites()) {
            // Objects anywhere among clutter (the saliency benchmark's composites), one per image, labels only:
            // the network learns to find its object but never sees where it is.
            data = new RecognitionData(Composites.of(data.train(), o.task(), o.seed() + 1), Composites.of(data.test(), o.task(), o.seed() + 2));
        }
        LabelledImages all = data.train();
        int[] order = org.explain4j.core.train.Permutations.of(all.size(), new Random(o.seed()));
        int valSize = (int) Math.round(all.size() * o.validationFraction());
        int[] valRows = Arrays.copyOfRange(order, 0, valSize);
        int[] trainRows = Arrays.copyOfRange(order, valSize, order.length);
        INDArray trainX = rows(all.images(), trainRows);
        INDArray trainY = rows(all.oneHot(), trainRows);
        INDArray valX = valSize == 0 ? null : rows(all.images(), valRows);
        int[] valY = Arrays.stream(valRows).map(r -> all.labels()[r]).toArray();

        double[][] stats = o.task() == RecognitionTask.SIGNS ? CureTsrNet.statistics(trainX) : null;
        java.util.function.Supplier<ExplainableModel> network = () -> switch (o.task()) {
            case MNIST -> MnistNet.build("mnist-cnn", MnistFamily.MNIST.classNames(), o.seed());
            case FASHION_MNIST -> MnistNet.build("fashion-mnist-cnn", MnistFamily.FASHION_MNIST.classNames(), o.seed());
            case SIGNS -> CureTsrNet.build(CureTsrName.SIGNS, stats[0], stats[1], o.seed());
        };
        ExplainableModel model = network.get();
        String input = model.inputVariable();
        String logits = model.outputVariable();
        ClassifierTraining.Result result = ClassifierTraining.train(model.graph(), input, logits, trainX, trainY, valX, valY,
                new ClassifierTraining.Settings(o.epochs(), o.batchSize(), o.learningRate(), o.lrStepEpochs(), o.patience(), o.seed()),
                listener);
        LabelledImages test = data.test();
        ClassificationReport testReport = ClassificationReport.of(
                ClassifierTraining.predict(model.graph(), input, logits, test.images()), test.labels(), test.classNames());
        List<ChallengeAccuracy> challenges = new ArrayList<>();
        java.util.Optional<org.explain4j.datasets.curetsr.CureTsrReader.Loaded> hard = RecognitionData.challenged(o.task(), o.dataDir());
        if (hard.isPresent()) {
            INDArray hardLogits = ClassifierTraining.predict(model.graph(), input, logits, hard.get().data().images());
            int[] predicted = hardLogits.argMax(1).toIntVector();
            Map<String, int[]> counts = new LinkedHashMap<>();
            List<CureTsrName> names = hard.get().names();
            for (int i = 0; i < names.size(); i++) {
                int[] c = counts.computeIfAbsent(names.get(i).challenge() + "|" + names.get(i).level(), k -> new int[2]);
                c[0]++;
                if (predicted[i] == names.get(i).classIndex()) {
                    c[1]++;
                }
            }
            counts.forEach((k, c) -> challenges.add(new ChallengeAccuracy(k.split("\\|")[0], Integer.parseInt(k.split("\\|")[1]),
                    c[0], c[1] / (double) c[0])));
        }
        // Saved without the training loss and label placeholder: a fresh inference graph with the trained weights.
        ExplainableModel inference = network.get();
        org.explain4j.core.train.TrainedWeights.copy(model.graph(), inference.graph());
        inference.saveOrRescue(o.model());
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (int c = 0; c < test.classNames().size(); c++) {
            perClass.put(test.classNames().get(c), testReport.accuracyOf(c));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String md = markdown(o, result, testReport, challenges, trainRows.length, valSize, seconds);
        Report report = new Report(o.task().id(), trainRows.length, valSize, test.size(), result.epochs(), result.bestEpoch(),
                result.stoppedEarly(), testReport.accuracy(), perClass, testReport.confusion(), challenges, seconds, md);
        Path base = o.model().resolveSibling(stem(o.model()));
        AtomicFiles.write(Path.of(base + ".report.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
        AtomicFiles.write(Path.of(base + ".report.md"), tmp -> java.nio.file.Files.writeString(tmp, md));
        return report;
    }

    private static String markdown(Options o, ClassifierTraining.Result r, ClassificationReport test,
                                   List<ChallengeAccuracy> challenges, int train, int val, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# %s: test accuracy %.2f%% (%d of %d)%n%n", o.task().id(), 100 * test.accuracy(),
                test.correct(), test.total()));
        sb.append(String.format(Locale.ROOT, "%d training and %d validation images; best epoch %d of %d%s; %.0f s; seed %d%n%n",
                train, val, r.bestEpoch(), r.epochs().size(), r.stoppedEarly() ? " (stopped early)" : "", seconds, o.seed()));
        sb.append("| epoch | learning rate | training loss | validation accuracy |\n|---:|---:|---:|---:|\n");
        for (ClassifierTraining.Epoch e : r.epochs()) {
            sb.append(String.format(Locale.ROOT, "| %d%s | %.2g | %.4f | %.2f%% |%n", e.epoch(), e.epoch() == r.bestEpoch() ? " (best)" : "",
                    e.learningRate(), e.trainLoss(), 100 * e.validationAccuracy()));
        }
        sb.append("\n## Confusion on the test set\n\n").append(test.confusionTable());
        if (!challenges.isEmpty()) {
            sb.append("\n## Accuracy per challenge type and level\n\n| challenge | 1 | 2 | 3 | 4 | 5 |\n|---|---:|---:|---:|---:|---:|\n");
            Map<String, double[]> table = new LinkedHashMap<>();
            for (ChallengeAccuracy c : challenges) {
                table.computeIfAbsent(c.challenge(), k -> new double[5])[c.level() - 1] = c.accuracy();
            }
            table.forEach((name, acc) -> {
                sb.append("| ").append(name).append(" |");
                for (double a : acc) {
                    sb.append(String.format(Locale.ROOT, " %.1f%% |", 100 * a));
                }
                sb.append('\n');
            });
        }
        return sb.toString();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static INDArray rows(INDArray x, int[] rows) {
        return x.get(NDArrayIndex.indices(Arrays.stream(rows).asLongStream().toArray())).dup();
    }
}
