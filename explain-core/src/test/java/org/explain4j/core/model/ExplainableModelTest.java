package org.explain4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ExplainableModelTest {

    @TempDir
    Path dir;

    @Test
    void saveThenLoadKeepsGraphAndCard() throws IOException {
        ExplainableModel model = TinyNets.cnn(DataType.DOUBLE, 3, 5);
        Path file = dir.resolve("tiny.fb");
        model.save(file);
        assertTrue(Files.isRegularFile(dir.resolve("tiny.card.json")));
        ExplainableModel loaded = ExplainableModel.load(file, null);
        assertEquals(OutputKind.LOGITS, loaded.outputKind());
        assertEquals(List.of("class0", "class1", "class2", "class3", "class4"), loaded.labels());
        assertEquals("relu2", loaded.defaultLayer());
        assertArrayEquals(new long[] {3, 8, 8}, loaded.inputShape());
        List<String> layers = loaded.explainableLayers();
        List<String> named = List.of("conv1", "bn1", "relu1", "pool1", "conv2", "relu2", "pool2");
        assertEquals(named, layers.stream().filter(named::contains).toList(), "in graph order: " + layers);
        assertTrue(layers.stream().noneMatch(l -> l.startsWith("reshape") || l.startsWith("subtract")),
                "tensors computed from weights alone are not layers: " + layers);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 8);
        assertEquals(model.forward(x, List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT),
                loaded.forward(x, List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT));
    }

    @Test
    void withoutACardTheOnlyPlaceholderAndLeafAreInputAndOutput() throws IOException {
        ExplainableModel model = TinyNets.cnn(DataType.FLOAT, 4, 1);
        Path file = dir.resolve("bare.fb");
        model.save(file);
        Files.delete(dir.resolve("bare.card.json"));
        ExplainableModel loaded = ExplainableModel.load(file, null);
        assertEquals(TinyNets.INPUT, loaded.inputVariable());
        assertEquals(TinyNets.OUTPUT, loaded.outputVariable());
        assertEquals(OutputKind.SCORE, loaded.outputKind(), "one output per sample is a regressor");
        assertEquals("pool2", loaded.defaultLayer(), "the last layer with spatial axes");
    }

    @Test
    void theDefaultLayerIsTheLastOneWithMoreThanOnePositionNotAGlobalPoolThatKeepsItsAxes() {
        org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, 1);
        Layers.T x = l.relu("relu1", l.conv("conv1", l.input(TinyNets.INPUT, 3, 8, 8), 4, 3, 1, 1));
        // as ONNX's GlobalAveragePool writes it: [N, C, 1, 1]
        Layers.T gap = new Layers.T(sd.mean("gap", x.v(), true, 2, 3), new long[] {4, 1, 1});
        l.dense(TinyNets.OUTPUT, l.flatten("flat", gap), 3);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("gap", TinyNets.INPUT, TinyNets.OUTPUT, null, null, null, null, null));
        assertTrue(model.explainableLayers().contains("gap"), model.explainableLayers().toString());
        assertEquals("relu1", model.defaultLayer(), "the 1x1 pool output has nothing to localise");
    }

    @Test
    void unreadableFilesAndCardsFailWithTheirNames() throws IOException {
        Path junk = dir.resolve("junk.fb");
        Files.writeString(junk, "not a flatbuffer");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ExplainableModel.load(junk, null));
        assertTrue(e.getMessage().contains("junk.fb"), e.getMessage());
        ExplainableModel model = TinyNets.cnn(DataType.FLOAT, 4, 3);
        Path file = dir.resolve("m.fb");
        model.save(file);
        Files.writeString(dir.resolve("m.card.json"), "{ broken");
        ModelLoadException card = assertThrows(ModelLoadException.class, () -> ExplainableModel.load(file, null));
        assertTrue(card.getMessage().contains("m.card.json"), card.getMessage());
    }

    @Test
    void aModelThatCannotBeSavedWhereAskedIsRescuedNotLost() throws IOException {
        ExplainableModel model = TinyNets.cnn(DataType.FLOAT, 4, 3);
        Path blocked = Files.writeString(dir.resolve("a-file"), "x").resolve("model.fb"); // a file where a folder should be
        org.explain4j.core.io.InputException e = assertThrows(org.explain4j.core.io.InputException.class, () -> model.saveOrRescue(blocked));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("saved to (\\S+\\.fb) instead").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        Path rescued = Path.of(m.group(1));
        try {
            ExplainableModel back = ExplainableModel.load(rescued, null);
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 8, 8);
            assertEquals(model.forward(x, List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT), back.forward(x, List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT));
        } finally {
            Files.deleteIfExists(rescued);
            Files.deleteIfExists(ExplainableModel.cardPathFor(rescued));
        }
    }

    @Test
    void cardsThatDoNotFitTheGraphAreRefusedByField() {
        ExplainableModel model = TinyNets.cnn(DataType.FLOAT, 4, 3);
        org.nd4j.autodiff.samediff.SameDiff sd = model.graph();
        ModelCard card = model.card();
        assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(),
                OutputKind.SCORE, null, null, null, null)), "three outputs are no score");
        assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(),
                null, List.of("a"), null, null, null)), "one label for three classes");
        assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(),
                null, null, new long[] {3, 9, 8}, null, null)), "a shape the placeholder does not take");
        ModelLoadException huge = assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(),
                card.outputVariable(), null, null, new long[] {3, 100_000, 100_000}, null, null)));
        assertTrue(huge.getMessage().contains("values per sample"), "refused before a probe could allocate it: " + huge.getMessage());
        assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(),
                null, null, null, new Preprocessing(1, new double[] {0, 0, 0}, new double[] {1, 0, 1}, "RGB"), null)), "a zero std");
        assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(),
                null, null, null, new Preprocessing(1, new double[] {0, 0}, new double[] {1, 1}, "RGB"), null)), "two means for three channels");
        assertThrows(ModelLoadException.class, () -> ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(),
                null, null, null, null, "nowhere")), "an unknown default layer");
        ExplainableModel flat = ExplainableModel.of(sd, new ModelCard(null, card.inputVariable(), card.outputVariable(), null, null, null, null,
                card.outputVariable()));
        assertThrows(ModelLoadException.class, flat::defaultLayer, "the output is no spatial layer");
    }
}
