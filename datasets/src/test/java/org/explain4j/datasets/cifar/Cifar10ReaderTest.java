package org.explain4j.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10 binary records written here: label byte, then the R, G and B planes. */
class Cifar10ReaderTest {

    @TempDir
    Path dir;

    private static byte[] records(int... labels) {
        byte[] b = new byte[labels.length * 3073];
        for (int r = 0; r < labels.length; r++) {
            b[r * 3073] = (byte) labels[r];
            for (int i = 0; i < 3072; i++) {
                b[r * 3073 + 1 + i] = (byte) ((r + i) % 256);
            }
        }
        return b;
    }

    @Test
    void readsPlanesAsChannels() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), records(3, 9));
        Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", Cifar10Reader.CLASS_NAMES) + "\n\n");
        LabelledImages data = Cifar10Reader.test(dir);
        assertArrayEquals(new long[] {2, 3, 32, 32}, data.images().shape());
        assertArrayEquals(new int[] {3, 9}, data.labels());
        assertEquals("truck", data.classNames().get(9));
        // record 1, green plane (offset 1024), row 2, column 5: byte (1 + 1024 + 64 + 5) % 256 = 70.
        assertEquals(70 / 255f, data.images().getFloat(1, 1, 2, 5), 1e-7f);
    }

    @Test
    void truncatedFilesAndMissingBatchesAreClearErrors() throws IOException {
        byte[] two = records(1, 2);
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(two, two.length - 1));
        assertTrue(assertThrows(DatasetException.class, () -> Cifar10Reader.test(dir)).getMessage().contains("truncated"));
        assertTrue(assertThrows(DatasetException.class, () -> Cifar10Reader.train(dir)).getMessage().contains("data_batch_1.bin"));
    }
}
