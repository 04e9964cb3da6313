package org.explain4j.core.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.core.imports.onnx.OnnxImporter;

/**
 * Opens a model file whatever its kind: {@code .onnx} through {@link OnnxImporter}, anything else as
 * a SameDiff file with its card; an optional labels file (one class name per line, such as
 * {@code classification_classes_ILSVRC2012.txt}) replaces the card's labels.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static ExplainableModel open(Path file, ModelCard overrides, Path labels) {
        boolean onnx = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
        if (onnx && overrides != null && (overrides.inputVariable() != null || overrides.outputVariable() != null)) {
            throw new ModelLoadException("--input-var and --output-var apply to SameDiff files; an ONNX model's input and output come from its graph");
        }
        ExplainableModel model = onnx ? OnnxImporter.load(file) : ExplainableModel.load(file, overrides);
        return labels == null ? model : model.withLabels(readLabels(labels));
    }

    public static List<String> readLabels(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("labels file not found: " + file);
        }
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new ModelLoadException("cannot read labels file " + file + ": " + e.getMessage(), e);
        }
    }
}
