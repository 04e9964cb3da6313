package org.explain4j.datasets.landmass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.datasets.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class LandmassReaderTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(LandmassReaderTest.class.getResource("/mat/" + name).toURI());
    }

    private static float[] flat(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * m[0].length, m[0].length);
        }
        return out;
    }

    /** Files SciPy wrote (scripts/make-mat-fixtures.py): a 9x7 matrix, row-major after reading, in five storages. */
    @ParameterizedTest
    @CsvSource({"double.mat,patch.npy,0", "double-compressed.mat,patch.npy,0", "single.mat,patch.npy,0", "uint8.mat,patch-uint8.npy,0",
            "int16-after-a-string.mat,patch-int16.npy,0"})
    void readsWhatSciPyWrote(String mat, String npy, double tolerance) throws Exception {
        float[][] m = MatFile.readMatrix(fixture(mat));
        assertEquals(9, m.length);
        assertEquals(7, m[0].length);
        assertArrayEquals(NpyFiles.read(fixture(npy)).castTo(DataType.FLOAT).reshape(-1).toFloatVector(), flat(m), (float) tolerance);
    }

    @Test
    void brokenMatFilesAreOneError() throws Exception {
        byte[] good = Files.readAllBytes(fixture("double.mat"));
        for (int cut : new int[] {10, 127, 140, 300, good.length - 9}) {
            Path f = Files.write(dir.resolve("cut" + cut + ".mat"), Arrays.copyOf(good, cut));
            assertThrows(DatasetException.class, () -> MatFile.readMatrix(f), "cut at " + cut);
        }
        byte[] compressed = Files.readAllBytes(fixture("double-compressed.mat"));
        Path cutCompressed = Files.write(dir.resolve("cc.mat"), Arrays.copyOf(compressed, compressed.length - 20));
        assertThrows(DatasetException.class, () -> MatFile.readMatrix(cutCompressed));
    }

    @Test
    void readsClassFoldersOfMatAndImageFilesIntoMinusOneToOne() throws Exception {
        Path root = dir.resolve("landmass");
        Files.createDirectories(root.resolve("horizon"));
        Files.createDirectories(root.resolve("Salt Dome"));
        Files.createDirectories(root.resolve("fault"));
        Files.copy(fixture("double.mat"), root.resolve("horizon/h1.mat"));
        Files.copy(fixture("uint8.mat"), root.resolve("fault/f1.mat"));
        BufferedImage img = new BufferedImage(7, 9, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 4, 0, 255);
        ImageIO.write(img, "png", root.resolve("Salt Dome/s1.png").toFile());
        Files.writeString(root.resolve("fault/broken.mat"), "not a mat file");
        LandmassReader.Loaded l = LandmassReader.read(root);
        assertEquals(3, l.data().size());
        assertArrayEquals(new int[] {0, 2, 3}, l.data().labels(), "horizon, fault, salt_dome in class order");
        assertEquals(1, l.skipped().size());
        assertTrue(l.skipped().get(0).contains("broken.mat"), l.skipped().get(0));
        float[] horizon = l.data().images().slice(0).reshape(-1).toFloatVector();
        assertArrayEquals(NpyFiles.read(fixture("patch.npy")).reshape(-1).toFloatVector(), horizon, 0f, "[-1,1] values are kept");
        float[] fault = l.data().images().slice(1).reshape(-1).toFloatVector();
        float[] bytes = NpyFiles.read(fixture("patch-uint8.npy")).reshape(-1).toFloatVector();
        assertEquals(bytes[5] / 127.5f - 1, fault[5], 1e-6f, "0..255 is mapped to [-1,1]");
        INDArrayCheck.range(l.data().images().slice(2).reshape(-1).toFloatVector());
        Files.copy(fixture("double.mat"), root.resolve("horizon/h2.mat"));
        BufferedImage other = new BufferedImage(8, 9, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(other, "png", root.resolve("horizon/wide.png").toFile());
        assertTrue(LandmassReader.read(root).skipped().stream().anyMatch(s -> s.contains("wide.png") && s.contains("9x8")));
        assertThrows(DatasetException.class, () -> LandmassReader.read(dir.resolve("empty")));
    }

    /** The image patch: black is -1, white is 1. */
    private static final class INDArrayCheck {
        static void range(float[] v) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            assertEquals(-1f, min);
            assertEquals(1f, max);
        }
    }
}
