package org.explain4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyFilesTest {

    @TempDir
    Path dir;

    /** What scripts/make-npy-fixtures.py stored, as NumPy wrote it: arange(24).reshape(2,3,4) * 0.5 - 3. */
    private static double[] expected(double scale, double shift) {
        double[] v = new double[24];
        for (int i = 0; i < 24; i++) {
            v[i] = (i * 0.5 - 3) * scale + shift;
        }
        return v;
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyFilesTest.class.getResource("/npy/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8.npy", "f4.npy", "f4-big-endian.npy", "f8-big-endian.npy", "f2.npy", "f4-fortran.npy", "f4-v2.npy", "f4-v3.npy"})
    void readsWhatNumPyWrote(String name) throws Exception {
        INDArray a = NpyFiles.read(fixture(name));
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertArrayEquals(expected(1, 0), a.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0);
    }

    @Test
    void readsIntegersAndBooleans() throws Exception {
        assertArrayEquals(expected(2, 0), NpyFiles.read(fixture("i2.npy")).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0);
        assertArrayEquals(expected(2, 6), NpyFiles.read(fixture("u1.npy")).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0);
        assertArrayEquals(expected(2, 0), NpyFiles.read(fixture("i8-big-endian.npy")).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), 0.0);
        double[] bools = NpyFiles.read(fixture("bool.npy")).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        for (int i = 0; i < 24; i++) {
            assertEquals(i * 0.5 - 3 > 0 ? 1.0 : 0.0, bools[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c8.npy", "object.npy", "unicode.npy", "structured.npy"})
    void refusesWhatIsNoNumericArray(String name) throws Exception {
        InputException e = assertThrows(InputException.class, () -> NpyFiles.read(fixture(name)));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void writesWhatItsReaderAndNd4jsReaderAgreeOn() throws Exception {
        for (INDArray a : java.util.List.of(Nd4j.rand(DataType.FLOAT, 3, 5), Nd4j.rand(DataType.DOUBLE, 2, 3, 4), Nd4j.rand(DataType.DOUBLE, 7),
                Nd4j.rand(DataType.FLOAT, 4, 6).transpose())) {
            Path f = dir.resolve("a" + a.rank() + a.dataType() + ".npy");
            NpyFiles.write(f, a);
            assertEquals(a, NpyFiles.read(f));
            assertEquals(a, Nd4j.createFromNpyFile(f.toFile()), "ND4J's own reader, an independent one");
            assertEquals(0, (Files.size(f) - a.length() * a.dataType().width()) % 64, "the data starts on a 64-byte boundary");
        }
        INDArray ints = Nd4j.createFromArray(1, 2, 3);
        NpyFiles.write(dir.resolve("ints.npy"), ints);
        assertEquals(ints.castTo(DataType.FLOAT), NpyFiles.read(dir.resolve("ints.npy")), "other types are written as float32");
    }

    @Test
    void acceptsAnySpellingOfTheHeader() throws Exception {
        Path f = write("{\"descr\":\"<f4\",\"fortran_order\":False,\"shape\":(2L,)}", floats(1.5f, -2f));
        assertArrayEquals(new double[] {1.5, -2}, NpyFiles.read(f).castTo(DataType.DOUBLE).toDoubleVector(), 0.0);
        Path g = write("{'shape': (2, 1), 'fortran_order':True,'descr':'<f4'}", floats(1.5f, -2f));
        assertArrayEquals(new long[] {2, 1}, NpyFiles.read(g).shape());
    }

    @Test
    void refusesAShapeLargerThanTheData() throws Exception {
        Path f = write("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }", floats(1, 2, 3));
        InputException e = assertThrows(InputException.class, () -> NpyFiles.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesExtraBytesNegativeAndOverflowingDimensions() throws Exception {
        assertThrows(InputException.class, () -> NpyFiles.read(write("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1, 2))));
        assertThrows(InputException.class, () -> NpyFiles.read(write("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, -2), }", floats(1, 2))));
        assertThrows(InputException.class, () -> NpyFiles.read(write("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }", floats(1))));
        assertThrows(InputException.class, () -> NpyFiles.read(write("{'descr': '<f4', 'fortran_order': False, 'shape': (a, b), }", floats(1))));
        assertThrows(InputException.class, () -> NpyFiles.read(write("{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", new byte[16])));
        assertThrows(InputException.class, () -> NpyFiles.read(write("{'descr': '<f4', 'shape': (1,), }", floats(1))));
    }

    @Test
    void refusesBadMagicUnknownVersionsAndCutHeaders() throws Exception {
        Path notNpy = dir.resolve("x.npy");
        Files.writeString(notNpy, "hello, world");
        assertThrows(InputException.class, () -> NpyFiles.read(notNpy));
        byte[] good = Files.readAllBytes(write("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1)));
        byte[] v9 = good.clone();
        v9[6] = 9;
        assertThrows(InputException.class, () -> NpyFiles.read(Files.write(dir.resolve("v9.npy"), v9)));
        byte[] longHeader = good.clone();
        longHeader[8] = (byte) 0xff;
        longHeader[9] = (byte) 0x7f;
        assertThrows(InputException.class, () -> NpyFiles.read(Files.write(dir.resolve("long.npy"), longHeader)));
        for (int cut : new int[] {0, 5, 9, 20, good.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(good, cut);
            assertThrows(InputException.class, () -> NpyFiles.read(Files.write(dir.resolve("cut" + cut + ".npy"), part)), "cut at " + cut);
        }
    }

    @Test
    void theHeaderAloneGivesTheShape() throws Exception {
        NpyFiles.Header h = NpyFiles.header(fixture("f4-fortran.npy"));
        assertArrayEquals(new long[] {2, 3, 4}, h.shape());
        assertTrue(h.fortranOrder());
    }

    private Path write(String dict, byte[] data) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        b.write(h.length & 0xff);
        b.write(h.length >> 8);
        b.write(h);
        b.write(data);
        Path f = Files.createTempFile(dir, "t", ".npy");
        return Files.write(f, b.toByteArray());
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }
}
