package org.explain4j.core.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.core.imports.dl4j.Dl4jImporter;
import org.explain4j.core.imports.dl4j.KerasImporter;
import org.explain4j.core.imports.onnx.OnnxImporter;

/**
 * Opens a model file whatever its kind: {@code .onnx} through {@link OnnxImporter} (the overrides' input
 * and output names pick among the graph's inputs and tensors), a DL4J {@code ModelSerializer} {@code .zip} through
 * {@link Dl4jImporter} (with the card beside it), a Keras {@code .h5} through {@link KerasImporter}, anything else as a SameDiff file with its card; an optional labels file (one class name per line, such as
 * {@code classification_classes_ILSVRC2012.txt}) replaces the card's labels. Inference batch norms are folded into the
 * convolutions before them ({@link ExplainableModel#withBatchNormFolded}).
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static ExplainableModel open(Path file, ModelCard overrides, Path labels) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ExplainableModel opened;
        if (name.endsWith(".onnx")) {
            opened = OnnxImporter.load(file, overrides == null ? null : overrides.inputVariable(), overrides == null ? null : overrides.outputVariable());
        } else if (name.endsWith(".zip")) {
            opened = Dl4jImporter.load(file, ExplainableModel.cardFor(file, overrides));
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            opened = KerasImporter.load(file, ExplainableModel.cardFor(file, overrides));
        } else {
            opened = ExplainableModel.load(file, overrides);
        }
        // Opened to be explained, never trained: inference batch norms fold into their convolutions (a ResNet's
        // forward runs faster, docs/BENCHMARKS.md; a convolution's output before its batch norm is then no layer).
        ExplainableModel model = opened.withBatchNormFolded();
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
