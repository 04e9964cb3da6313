package org.explain4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** Small double-precision models saved as files, as a user would hand them to the CLI (explain-spark's tests use them too). */
public final class TestModels {

    static final String INPUT = "input";
    static final String OUTPUT = "out";
    static final String LAYER = "relu2";

    private TestModels() {
    }

    /** input [3,8,8] -> conv -> relu1 -> maxpool -> conv -> relu2 -> flatten -> dense {@code outputs}. */
    public static ExplainableModel build(long seed, int outputs) {
        return build(seed, outputs, DataType.DOUBLE);
    }

    /** The same in {@code type}: in FLOAT, as trained models are, a batch's size changes the kernels' rounding. */
    public static ExplainableModel build(long seed, int outputs, DataType type) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, type, seed);
        Layers.T x = l.input(INPUT, 3, 8, 8);
        x = l.relu("relu1", l.conv("conv1", x, 4, 3, 1, 1));
        x = l.maxPool("pool1", x, 2, 2);
        x = l.relu(LAYER, l.conv("conv2", x, 6, 3, 1, 1));
        x = l.flatten("flat", x);
        l.dense(OUTPUT, x, outputs);
        List<String> labels = outputs == 1 ? null : IntStream.range(0, outputs).mapToObj(i -> "class" + i).toList();
        return ExplainableModel.of(sd, new ModelCard("test", INPUT, OUTPUT, null, labels, null, null, LAYER));
    }

    public static Path save(ExplainableModel model, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".fb");
        model.save(file);
        return file;
    }
}
