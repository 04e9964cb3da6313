package org.explain4j.core.imports.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;

/**
 * Deeplearning4j networks, {@link MultiLayerNetwork} or {@link ComputationGraph}, as explainable SameDiff graphs with
 * the same weights (DL4J M2.1 has no {@code toSameDiff()}). {@link #load} reads a {@code ModelSerializer} zip;
 * {@link #convert} takes a network in memory. Layer names are DL4J's; the output is the output layer's pre-activation
 * (logits, or the score of a one-output regressor). The card's fields, where set, win: its {@code inputShape} is
 * needed for fully convolutional networks (see {@link InputTypes}).
 */
public final class Dl4jImporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dl4jImporter() {
    }

    /** Whether {@code file} looks like a {@code ModelSerializer} zip (a zip holding {@code configuration.json}). */
    public static boolean isModelZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("configuration.json") != null;
        } catch (IOException e) {
            return false;
        }
    }

    public static ExplainableModel load(Path file, ModelCard card) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model file not found: " + file);
        }
        boolean graph = isComputationGraph(file);
        String network = file.getFileName().toString();
        try {
            if (graph) {
                return convert(ModelSerializer.restoreComputationGraph(file.toFile(), false), card, network);
            }
            return convert(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false), card, network);
        } catch (ModelLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read " + file + " as a DL4J " + (graph ? "ComputationGraph" : "MultiLayerNetwork")
                    + " (" + ModelLoadException.firstLine(e) + ")", e);
        }
    }

    /** {@code net} as an explainable model; {@code network} names it in messages (and in the card if the card has no name). */
    public static ExplainableModel convert(MultiLayerNetwork net, ModelCard card, String network) {
        return converting(network, () -> model(MultiLayerConversion.convert(net, card == null ? null : card.inputShape(), network), card, network));
    }

    public static ExplainableModel convert(ComputationGraph net, ModelCard card, String network) {
        return converting(network, () -> model(GraphConversion.convert(net, card == null ? null : card.inputShape(), network), card, network));
    }

    /** DL4J's own shape computations throw plain runtime exceptions on a network they cannot size: one line for the user. */
    private static ExplainableModel converting(String network, java.util.function.Supplier<ExplainableModel> conversion) {
        try {
            return conversion.get();
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException("cannot convert " + network + " (" + ModelLoadException.firstLine(e) + ")", e);
        }
    }

    private static ExplainableModel model(Converted c, ModelCard card, String network) {
        ModelCard base = card == null ? ModelCard.empty() : card;
        String name = base.name() != null ? base.name() : network.replaceFirst("\\.zip$", "");
        ModelCard full = new ModelCard(name, base.inputVariable() != null ? base.inputVariable() : c.input(),
                base.outputVariable() != null ? base.outputVariable() : c.output(), base.outputKind(), base.labels(),
                base.inputShape() != null ? base.inputShape() : c.inputShape(), base.preprocessing(),
                base.defaultLayer() != null ? base.defaultLayer() : c.defaultLayer());
        return ExplainableModel.of(c.graph(), full);
    }

    /** Reads the zip's configuration.json: a ComputationGraph's names its vertices, a MultiLayerNetwork's lists confs. */
    private static boolean isComputationGraph(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("configuration.json");
            if (entry == null) {
                throw new ModelLoadException("cannot read " + file + " as a DL4J model: the zip has no configuration.json (not written by ModelSerializer)");
            }
            JsonNode conf;
            try (InputStream in = zip.getInputStream(entry)) {
                conf = JSON.readTree(in);
            }
            if (conf == null || !conf.isObject()) {
                throw new ModelLoadException("cannot read " + file + " as a DL4J model: its configuration.json is not a JSON object");
            }
            if (conf.has("vertices")) {
                return true;
            }
            if (conf.has("confs")) {
                return false;
            }
            throw new ModelLoadException("cannot read " + file + " as a DL4J model: its configuration.json describes neither a "
                    + "MultiLayerNetwork (confs) nor a ComputationGraph (vertices)");
        } catch (ZipException e) {
            throw new ModelLoadException("cannot read " + file + " as a DL4J model: not a zip file (" + ModelLoadException.firstLine(e) + ")", e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + " as a DL4J model (" + ModelLoadException.firstLine(e) + ")", e);
        }
    }

}
