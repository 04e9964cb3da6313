package org.explain4j.datasets.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CIFAR-10 binary version: files of 10,000 records of 1 label byte and 3,072 pixel bytes (the R,
 * G and B planes of a 32x32 image, each row-major). Training files {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin}, test file {@code test_batch.bin}, class names in {@code batches.meta.txt}.
 */
public final class Cifar10Reader {

    public static final int SIDE = 32;
    private static final int RECORD = 1 + 3 * SIDE * SIDE;
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private Cifar10Reader() {
    }

    public static LabelledImages train(Path dir) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(require(dir.resolve("data_batch_" + i + ".bin")));
        }
        return read(files, classNames(dir));
    }

    public static LabelledImages test(Path dir) {
        return read(List.of(require(dir.resolve("test_batch.bin"))), classNames(dir));
    }

    /** Records from the given files, in order: [N,3,32,32] in [0,1]. */
    public static LabelledImages read(List<Path> files, List<String> classNames) {
        List<byte[]> contents = new ArrayList<>();
        int records = 0;
        for (Path f : files) {
            byte[] b;
            try {
                b = Files.readAllBytes(require(f));
            } catch (IOException e) {
                throw new DatasetException("cannot read " + f + ": " + e.getMessage(), e);
            }
            if (b.length == 0 || b.length % RECORD != 0) {
                throw new DatasetException(f + " is not CIFAR-10 binary: " + b.length + " bytes is not a whole number of "
                        + RECORD + "-byte records (truncated?)");
            }
            contents.add(b);
            records += b.length / RECORD;
        }
        float[] pixels = new float[records * (RECORD - 1)];
        int[] labels = new int[records];
        int r = 0;
        for (int f = 0; f < contents.size(); f++) {
            byte[] b = contents.get(f);
            for (int off = 0; off < b.length; off += RECORD, r++) {
                labels[r] = b[off] & 0xff;
                if (labels[r] >= classNames.size()) {
                    throw new DatasetException(files.get(f) + ": record " + (off / RECORD) + " has label " + labels[r]
                            + ", but there are " + classNames.size() + " classes");
                }
                int base = r * (RECORD - 1);
                for (int i = 1; i < RECORD; i++) {
                    pixels[base + i - 1] = (b[off + i] & 0xff) / 255f;
                }
            }
        }
        return new LabelledImages(Nd4j.createFromArray(pixels).reshape(records, 3, SIDE, SIDE), labels, classNames);
    }

    private static List<String> classNames(Path dir) {
        Path meta = dir.resolve("batches.meta.txt");
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            return names.isEmpty() ? CLASS_NAMES : names;
        } catch (IOException e) {
            throw new DatasetException("cannot read " + meta + ": " + e.getMessage(), e);
        }
    }

    private static Path require(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new DatasetException("data file not found: " + f);
        }
        return f;
    }
}
