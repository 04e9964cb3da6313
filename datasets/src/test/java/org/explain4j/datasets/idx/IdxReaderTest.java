package org.explain4j.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written here byte by byte as the MNIST page describes them. */
class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] images(int n, int h, int w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(h);
        out.writeInt(w);
        for (int i = 0; i < n * h * w; i++) {
            out.writeByte(i * 37 % 256);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(gzip ? name + ".gz" : name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(content);
        }
        return p;
    }

    @Test
    void readsPixelsRowMajorScaledToUnitRangeFromPlainAndGzippedFiles() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path x = write("train-images-idx3-ubyte", images(3, 2, 4), gzip);
            Path y = write("train-labels-idx1-ubyte", labels(7, 0, 9), gzip);
            LabelledImages data = IdxReader.read(x, y, MnistFamily.MNIST.classNames());
            assertArrayEquals(new long[] {3, 1, 2, 4}, data.images().shape());
            assertArrayEquals(new int[] {7, 0, 9}, data.labels());
            // image 1, row 1, column 2 is byte 8 + 4 + 2 = 14 -> 14 * 37 % 256 = 6.
            assertEquals(6 / 255f, data.images().getFloat(1, 0, 1, 2), 1e-7f);
            Files.delete(x);
            Files.delete(y);
        }
    }

    @Test
    void mnistFamilyFindsTheOfficialFileNames() throws IOException {
        write("t10k-images-idx3-ubyte", images(2, 3, 3), true);
        write("t10k-labels-idx1-ubyte", labels(1, 8), false);
        LabelledImages test = MnistFamily.FASHION_MNIST.test(dir);
        assertEquals(2, test.size());
        assertEquals("Bag", test.classNames().get(test.labels()[1]));
        DatasetException missing = assertThrows(DatasetException.class, () -> MnistFamily.MNIST.train(dir));
        assertTrue(missing.getMessage().contains("train-images-idx3-ubyte"), missing.getMessage());
    }

    @Test
    void wrongMagicTruncationAndMismatchedCountsAreClearErrors() throws IOException {
        Path labelsAsImages = write("a", labels(1, 2), false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxReader.readImages(labelsAsImages)).getMessage()
                .contains("not an IDX image file (magic 0x00000801"));
        byte[] full = images(4, 5, 5);
        Path truncated = write("b", Arrays.copyOf(full, full.length - 10), false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxReader.readImages(truncated)).getMessage().contains("truncated"));
        Path x = write("c", images(2, 2, 2), false);
        Path y = write("d", labels(1, 2, 3), false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxReader.read(x, y, MnistFamily.MNIST.classNames()))
                .getMessage().contains("2 images but"));
        Path bad = write("e", labels(11), false);
        Path one = write("f", images(1, 2, 2), false);
        assertTrue(assertThrows(DatasetException.class, () -> IdxReader.read(one, bad, MnistFamily.MNIST.classNames()))
                .getMessage().contains("label 11"));
    }
}
