package org.explain4j.datasets.idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;

/**
 * MNIST and Fashion-MNIST in a folder holding their four official IDX files, plain or {@code .gz}
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}), as {@code scripts/install-data.sh} lays them out.
 */
public enum MnistFamily {
    MNIST(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    FASHION_MNIST(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));

    private final List<String> classNames;

    MnistFamily(List<String> classNames) {
        this.classNames = classNames;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The folder name used by the install script: {@code mnist} or {@code fashion-mnist}. */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public LabelledImages train(Path dir) {
        return IdxReader.read(file(dir, "train-images-idx3-ubyte"), file(dir, "train-labels-idx1-ubyte"), classNames);
    }

    public LabelledImages test(Path dir) {
        return IdxReader.read(file(dir, "t10k-images-idx3-ubyte"), file(dir, "t10k-labels-idx1-ubyte"), classNames);
    }

    private static Path file(Path dir, String name) {
        for (String candidate : List.of(name, name + ".gz", name.replace("-idx", ".idx"), name.replace("-idx", ".idx") + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DatasetException("no " + name + "[.gz] in " + dir + " (run scripts/install-data.sh, or point at the official files)");
    }
}
