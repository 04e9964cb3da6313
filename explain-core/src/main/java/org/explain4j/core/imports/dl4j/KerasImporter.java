package org.explain4j.core.imports.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;

/**
 * A Keras HDF5 model ({@code model.save("net.h5")}, Keras 2 layout) through DL4J's own Keras import into a DL4J network,
 * then through {@link Dl4jImporter}: a Sequential model becomes a MultiLayerNetwork, a functional one a ComputationGraph.
 * Keras's channels_last layers become NHWC DL4J layers; the converted graph still takes the image as [N, C, H, W], of
 * the size the model's {@code batch_input_shape} states (unless the card gives one). The training configuration, if
 * any, is not needed (a model saved without compiling imports too).
 */
public final class KerasImporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Not H5dont_atexit(): HDF5's C++ layer has already called it and registered its own exit handler (H5close), so the
        // call returns -1 and changes nothing. That handler can crash the exiting JVM after the native library refused a
        // damaged file the preflight accepted (H5F_get_nrefs, found by ReaderFuzzTest): open, docs/HARDENING.md.
        // The HDF5 library prints its own error stack to stderr on a damaged file; the exception below says it in one line.
        org.bytedeco.hdf5.global.hdf5.H5Eset_auto2(org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT, null, null);
    }

    private KerasImporter() {
    }

    public static ExplainableModel load(Path file, ModelCard card) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model file not found: " + file);
        }
        String network = file.getFileName().toString();
        JsonNode config = modelConfig(file);
        boolean sequential = config.path("class_name").asText("").equals("Sequential");
        ModelCard c = card == null ? ModelCard.empty() : card;
        if (c.inputShape() == null) {
            long[] shape = inputShape(config);
            if (shape != null) {
                c = c.withInputShape(shape);
            }
        }
        // The builder, not KerasModelImport's helpers: they close the HDF5 archive only when the import succeeds, leaving
        // a refused file's native objects to JavaCPP's deallocator thread, where HDF5 crashed (H5CX_pop, docs/HARDENING.md).
        // Closing it here, on the importing thread, whatever happens, is otherwise the same import.
        try (KerasModelBuilder builder = new KerasModel().modelBuilder()) {
            builder.modelHdf5Filename(file.toString()).enforceTrainingConfig(false);
            if (sequential) {
                return Dl4jImporter.convert(builder.buildSequential().getMultiLayerNetwork(), c, network);
            }
            return Dl4jImporter.convert(builder.buildModel().getComputationGraph(), c, network);
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception e) {
            throw new ModelLoadException("cannot import " + file + " as a Keras model (" + ModelLoadException.firstLine(e) + ")", e);
        }
    }

    /**
     * The per-sample input shape a Keras model states (its first {@code batch_input_shape}), as the converter wants it:
     * [C, H, W] for images whatever the data format, [F] for vectors; null when it leaves a size open. DL4J's networks
     * do not keep it, so a fully convolutional Keras model would otherwise need a card.
     */
    static long[] inputShape(JsonNode config) {
        JsonNode batchShape = null;
        boolean channelsFirst = false;
        for (JsonNode layer : config.path("config").path("layers")) {
            JsonNode c = layer.path("config");
            if (batchShape == null && c.has("batch_input_shape")) {
                batchShape = c.get("batch_input_shape");
            }
            if (c.path("data_format").asText("").equals("channels_first")) {
                channelsFirst = true;
            }
        }
        if (batchShape == null || !batchShape.isArray() || batchShape.size() < 2) {
            return null;
        }
        long[] dims = new long[batchShape.size() - 1];
        for (int i = 1; i < batchShape.size(); i++) {
            if (!batchShape.get(i).canConvertToLong() || batchShape.get(i).asLong() <= 0) {
                return null;
            }
            dims[i - 1] = batchShape.get(i).asLong();
        }
        if (dims.length == 3) {
            return channelsFirst ? dims : new long[] {dims[2], dims[0], dims[1]};
        }
        return dims.length == 1 ? dims : null;
    }

    private static JsonNode modelConfig(Path file) {
        String config;
        if (!isHdf5(file)) {
            throw new ModelLoadException("cannot read " + file + " as a Keras model: not an HDF5 file");
        }
        Hdf5Preflight.check(file);
        Hdf5Archive archive;
        try {
            archive = new Hdf5Archive(file.toString());
        } catch (Exception e) {
            throw new ModelLoadException("cannot read " + file + " as a Keras model: the HDF5 file is damaged or truncated (" + ModelLoadException.firstLine(e) + ")", e);
        }
        try (archive) {
            config = archive.readAttributeAsJson("model_config");
        } catch (Exception e) {
            throw new ModelLoadException("cannot read " + file + " as a Keras model: no readable model_config attribute (" + ModelLoadException.firstLine(e) + ")", e);
        }
        try {
            JsonNode root = JSON.readTree(config);
            if (root == null || root.path("class_name").asText("").isEmpty()) {
                throw new ModelLoadException("cannot read " + file + " as a Keras model: its model_config names no class");
            }
            return root;
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + " as a Keras model: its model_config is not JSON (" + ModelLoadException.firstLine(e) + ")", e);
        }
    }

    /** The HDF5 signature at offset 0 (where Keras writes it): HDF5's own error on other files is a native stack dump. */
    private static boolean isHdf5(Path file) {
        byte[] signature = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(signature.length);
            return java.util.Arrays.equals(head, signature);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + ModelLoadException.firstLine(e), e);
        }
    }

}
