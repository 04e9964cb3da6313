package org.explain4j.cli;

import java.util.ArrayList;
import java.util.List;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.recognition.data.RecognitionData;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.core.imports.ModelFiles;

/** The model and data options shared by the recognition actions. */
public final class RecognitionInputs {

    private RecognitionInputs() {
    }

    static RecognitionTask task(CommandLine line) {
        if (!line.hasOption("data")) {
            return null;
        }
        try {
            return RecognitionTask.parse(line.getOptionValue("data"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** --model, defaulting to the train command's output for --data. */
    static Path modelFile(CommandLine line, RecognitionTask task) {
        if (line.hasOption("model")) {
            return Path.of(line.getOptionValue("model"));
        }
        if (task == null) {
            throw new UsageException("missing required option --model (or --data, to use models/<data>.fb)");
        }
        Path p = Path.of("models", task.id() + ".fb");
        if (!Files.isRegularFile(p)) {
            throw new UsageException("no model at " + p + "; train one first: bin/explain recognition train --data " + task.id());
        }
        return p;
    }

    public static ExplainableModel model(CommandLine line, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("model file not found: " + file);
        }
        Path labels = line.hasOption("labels") ? Path.of(line.getOptionValue("labels")) : null;
        return ModelFiles.open(file, ModelCard.empty(), labels);
    }

    static RecognitionData data(CommandLine line, RecognitionTask task) {
        Path dir = Path.of(line.getOptionValue("data-dir", "data/" + task.id()));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("data folder not found: " + dir + (task == RecognitionTask.SIGNS
                    ? " (bin/explain recognition generate-signs --out " + dir + " writes one)"
                    : " (scripts/install-data.sh " + task.id() + " installs it)"));
        }
        return RecognitionData.load(task, dir);
    }

    /**
     * A class given by index or label; a number that is no class index (a target score given to a
     * classifier, say) and an unknown label get their own messages.
     */
    public static int classOf(ExplainableModel model, String text, String option) {
        int n = model.outputWidth();
        String t = text.trim();
        if (t.matches("[+-]?\\d+")) {
            int c;
            try {
                c = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                c = -1;
            }
            if (c < 0 || c >= n) {
                throw new UsageException(option + " " + text + ": class index out of range; the model has " + n
                        + " classes (0.." + (n - 1) + ")");
            }
            return c;
        }
        int byLabel = model.labels().indexOf(t);
        if (byLabel >= 0) {
            return byLabel;
        }
        if (isNumber(t)) {
            throw new UsageException(option + " " + text + " looks like a target score, but the model is a classifier with "
                    + n + " classes: give a class index (0.." + (n - 1) + ")" + (model.labels().isEmpty() ? "" : " or label"));
        }
        throw new UsageException(option + " " + text + ": no such class; give an index (0.." + (n - 1) + ")"
                + (model.labels().isEmpty() ? " (the model card lists no labels)" : " or one of the card's labels"));
    }

    private static boolean isNumber(String t) {
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The first {@code max} test images the model classifies correctly, [N,C,H,W] (the metrics explain decisions that are right). */
    static org.nd4j.linalg.api.ndarray.INDArray correctlyClassified(ExplainableModel model, org.explain4j.datasets.LabelledImages test, int max) {
        org.nd4j.linalg.api.ndarray.INDArray logits = org.explain4j.core.train.ClassifierTraining.predict(model.graph(),
                model.inputVariable(), model.outputVariable(), test.images());
        int[] predicted = logits.argMax(1).toIntVector();
        java.util.List<Long> rows = new java.util.ArrayList<>();
        for (int i = 0; i < test.size() && rows.size() < max; i++) {
            if (predicted[i] == test.labels()[i]) {
                rows.add((long) i);
            }
        }
        if (rows.isEmpty()) {
            throw new UsageException("the model classifies no test image correctly");
        }
        return test.images().get(org.nd4j.linalg.indexing.NDArrayIndex.indices(rows.stream().mapToLong(Long::longValue).toArray())).dup();
    }

    /** --layer (an ONNX name for an .onnx model), else the model's default; unknown names list the valid ones. */
    static String layer(CommandLine line, ExplainableModel model, Path file) {
        String layer = line.getOptionValue("layer");
        if (layer == null) {
            return model.defaultLayer();
        }
        // Implicit saliency fuses several layers: "relu1,relu2". Every name is checked.
        List<String> names = new ArrayList<>();
        for (String part : layer.split(",")) {
            String name = part.trim();
            if (file.toString().endsWith(".onnx")) {
                name = org.explain4j.core.imports.onnx.OnnxImporter.variableName(name);
            }
            if (!model.explainableLayers().contains(name)) {
                throw new UsageException("unknown layer '" + name + "'; layers that can be explained: " + String.join(", ", model.explainableLayers()));
            }
            names.add(name);
        }
        return String.join(",", names);
    }
}
