package org.explain4j.recognition.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.curetsr.CureTsrReader;
import org.explain4j.datasets.idx.MnistFamily;

/**
 * A task's training and test images, and for signs the challenged test images. Layouts:
 * MNIST / Fashion-MNIST: the four IDX files in {@code dir}; signs: {@code dir/train}, {@code dir/test}
 * and optionally {@code dir/test-challenges}, CURE-TSR file names (as {@code recognition generate-signs}
 * writes them; for the real CURE-TSR, put the challenge-free real train / test images and the
 * challenge folders there).
 */
public record RecognitionData(LabelledImages train, LabelledImages test) {

    public static final int SIGN_SIZE = 28;

    public static RecognitionData load(RecognitionTask task, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("data folder not found: " + dir + hint(task));
        }
        return switch (task) {
            case MNIST -> new RecognitionData(MnistFamily.MNIST.train(dir), MnistFamily.MNIST.test(dir));
            case FASHION_MNIST -> new RecognitionData(MnistFamily.FASHION_MNIST.train(dir), MnistFamily.FASHION_MNIST.test(dir));
            case SIGNS -> {
                CureTsrReader reader = new CureTsrReader(SIGN_SIZE);
                yield new RecognitionData(reader.read(dir.resolve("train"), n -> true).data(),
                        reader.read(dir.resolve("test"), n -> true).data());
            }
        };
    }

    /** The challenged test images of a signs folder ({@code dir/test-challenges}), if it has them. */
    public static java.util.Optional<CureTsrReader.Loaded> challenged(RecognitionTask task, Path dir) {
        Path hard = dir.resolve("test-challenges");
        if (task != RecognitionTask.SIGNS || !Files.isDirectory(hard)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CureTsrReader(SIGN_SIZE).read(hard, n -> true));
    }

    private static String hint(RecognitionTask task) {
        return switch (task) {
            case MNIST, FASHION_MNIST -> " (scripts/install-data.sh installs it)";
            case SIGNS -> " (bin/explain recognition generate-signs writes a synthetic set)";
        };
    }
}
