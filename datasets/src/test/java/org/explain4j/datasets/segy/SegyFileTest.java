package org.explain4j.datasets.segy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.datasets.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SegyFileTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SegyFileTest.class.getResource("/segy/" + name).toURI());
    }

    private static float[] flat(float[][] a) {
        int n = Arrays.stream(a).mapToInt(r -> r.length).sum();
        float[] out = new float[n];
        int k = 0;
        for (float[] r : a) {
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }

    private static float[][] transpose(float[][] a) {
        float[][] t = new float[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static float[] expected(String name) throws URISyntaxException {
        INDArray a = NpyFiles.read(fixture(name));
        return a.castTo(DataType.FLOAT).reshape(-1).toFloatVector();
    }

    /** Files segyio wrote, and the slices segyio read back from them (scripts/make-segy-fixtures.py). */
    @ParameterizedTest
    @CsvSource({"ibm-big.sgy,189,193", "ieee-little.sgy,189,193", "ieee-big-xline-sorted.sgy,189,193", "int32-big-bytes-9-21.sgy,9,21"})
    void readsWhatSegyioReads(String name, int inlineByte, int crosslineByte) throws Exception {
        try (SegyFile f = SegyFile.open(fixture(name), SegyOptions.defaults().withBytes(inlineByte, crosslineByte))) {
            SegyGeometry g = f.geometry();
            assertArrayEquals(new int[] {10, 11, 12}, g.inlines());
            assertArrayEquals(new int[] {20, 21, 22, 23}, g.crosslines());
            assertEquals(!name.contains("xline-sorted"), g.inlineSorted());
            assertArrayEquals(expected(name + ".iline.npy"), flat(f.inline(g.inlines()[1])));
            assertArrayEquals(expected(name + ".xline.npy"), flat(f.crossline(g.crosslines()[2])));
            // segyio's depth_slice follows the file's sorting ([crosslines][inlines] for a crossline-sorted file);
            // ours is [inlines][crosslines] always.
            float[][] depth = f.depth(3);
            assertArrayEquals(expected(name + ".depth.npy"), flat(g.inlineSorted() ? depth : transpose(depth)));
            assertArrayEquals(expected(name + ".trace5.npy"), f.trace(5));
            assertEquals(name.contains("little") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, f.order());
            assertTrue(f.ebcdic(), "segyio writes EBCDIC text headers");
            assertEquals(7, f.samples());
        }
    }

    @Test
    void ibmFloatsDecodeToTheirTextbookValues() {
        assertEquals(-118.625f, SampleFormat.ibmToFloat(0xC276A000));
        assertEquals(100f, SampleFormat.ibmToFloat(0x42640000));
        assertEquals(0.15625f, SampleFormat.ibmToFloat(0x40280000));
        for (float v : new float[] {1, -1, 3.5f, 1e-3f, -12345.678f, 6.02e20f}) {
            assertEquals(v, SampleFormat.ibmToFloat(SampleFormat.floatToIbm(v)), Math.abs(v) * 1e-6f);
        }
    }

    @ParameterizedTest
    @CsvSource({"IBM_FLOAT,BIG,true", "IEEE_FLOAT,LITTLE,false", "INT16,BIG,false", "INT16,LITTLE,true", "INT8,BIG,true",
            "INT32,LITTLE,false"})
    void everyFormatByteOrderAndTextEncodingRoundTrips(SampleFormat format, String order, boolean ebcdic) throws IOException {
        ByteOrder o = order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path file = dir.resolve("t.sgy");
        SegyWriter.Layout layout = SegyWriter.Layout.standard(format, o).withEbcdic(ebcdic).withExtendedHeaders(1);
        SegyWriter.write(file, layout, new int[] {5, 6}, new int[] {1, 2, 3}, 9, (i, x) -> values(i, x, 9));
        try (SegyFile f = SegyFile.open(file, SegyOptions.defaults())) {
            assertEquals(o, f.order(), "detected");
            assertEquals(ebcdic, f.ebcdic());
            assertTrue(f.textHeader().startsWith("C 1 written by explain4j"), f.textHeader().substring(0, 30));
            assertEquals(1, f.extendedHeaders());
            assertEquals(6, f.traces());
            assertArrayEquals(values(1, 2, 9), f.inline(6)[2], format == SampleFormat.IBM_FLOAT ? 1e-5f : 0f);
            assertEquals(values(0, 1, 9)[4], f.depth(4)[0][1], format == SampleFormat.IBM_FLOAT ? 1e-5f : 0f);
        }
    }

    @Test
    void aSurveyOfSeveralReadChunksReadsEveryTraceRight() throws IOException {
        // 9.2 MB of traces: the geometry scan, an inline's run and a depth slice each read more than one 8 MB chunk
        // into one reused buffer, the last chunk shorter than the others
        Path file = dir.resolve("big.sgy");
        int[] inlines = new int[45];
        int[] crosslines = new int[100];
        for (int i = 0; i < inlines.length; i++) {
            inlines[i] = 10 + i;
        }
        for (int x = 0; x < crosslines.length; x++) {
            crosslines[x] = 200 + 2 * x;
        }
        SegyWriter.write(file, SegyWriter.Layout.standard(SampleFormat.IEEE_FLOAT, ByteOrder.BIG_ENDIAN), inlines, crosslines, 500,
                (i, x) -> values(i, x, 500));
        assertTrue(Files.size(file) > 9_000_000, "more than one chunk: " + Files.size(file));
        try (SegyFile f = SegyFile.open(file, SegyOptions.defaults())) {
            assertArrayEquals(inlines, f.geometry().inlines());
            assertArrayEquals(crosslines, f.geometry().crosslines());
            for (int i : new int[] {0, 21, 44}) {
                float[][] line = f.inline(inlines[i]);
                for (int x = 0; x < crosslines.length; x++) {
                    assertArrayEquals(values(i, x, 500), line[x], 0f, "inline " + inlines[i] + ", trace " + x);
                }
            }
            float[][] depth = f.depth(377);
            for (int i = 0; i < inlines.length; i++) {
                for (int x = 0; x < crosslines.length; x++) {
                    assertEquals(values(i, x, 500)[377], depth[i][x], 0f, "depth 377 at " + i + ", " + x);
                }
            }
        }
    }

    /** Whole numbers that every format holds, different for every trace and sample. */
    private static float[] values(int i, int x, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (i * 31 + x * 7 + k * 3) % 120 - 60;
        }
        return v;
    }

    @Test
    void brokenFilesAreOneClearError() throws IOException {
        Path file = dir.resolve("ok.sgy");
        SegyWriter.write(file, SegyWriter.Layout.standard(SampleFormat.IEEE_FLOAT, ByteOrder.BIG_ENDIAN), new int[] {1, 2}, new int[] {1, 2},
                5, (i, x) -> values(i, x, 5));
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.sgy"), Arrays.copyOf(bytes, bytes.length - 7));
        assertTrue(assertThrows(DatasetException.class, () -> SegyFile.open(cut, SegyOptions.defaults())).getMessage().contains("truncated"));
        byte[] format = bytes.clone();
        format[3224] = 0;
        format[3225] = 4; // format 4 (fixed-point with gain) is not read
        assertTrue(assertThrows(DatasetException.class, () -> SegyFile.open(Files.write(dir.resolve("f.sgy"), format), SegyOptions.defaults()))
                .getMessage().contains("format code"));
        byte[] zero = bytes.clone();
        zero[3220] = 0;
        zero[3221] = 0;
        assertThrows(DatasetException.class, () -> SegyFile.open(Files.write(dir.resolve("z.sgy"), zero), SegyOptions.defaults()));
        Path tiny = Files.write(dir.resolve("tiny.sgy"), Arrays.copyOf(bytes, 1000));
        assertThrows(DatasetException.class, () -> SegyFile.open(tiny, SegyOptions.defaults()));
    }

    @Test
    void aGridAtOtherBytePositionsIsNamedAndCanBeSkipped() throws Exception {
        Path old = fixture("int32-big-bytes-9-21.sgy");
        DatasetException e = assertThrows(DatasetException.class, () -> SegyFile.open(old, SegyOptions.defaults()));
        assertTrue(e.getMessage().contains("byte 189") && e.getMessage().contains("byte 193") && e.getMessage().contains("--iline-byte"),
                e.getMessage());
        try (SegyFile f = SegyFile.open(old, SegyOptions.defaults().withoutGeometry())) {
            assertEquals(12, f.traces());
            assertArrayEquals(expected("int32-big-bytes-9-21.sgy.trace5.npy"), f.trace(5));
            assertEquals(11, f.traceHeaderInt(5, 9), "trace 5 is inline 11 (inline-sorted, four crosslines each)");
            assertThrows(DatasetException.class, () -> f.inline(10));
        }
        Path ibm = fixture("ibm-big.sgy");
        try (SegyFile f = SegyFile.open(ibm, SegyOptions.defaults().withOrder(ByteOrder.LITTLE_ENDIAN).withoutGeometry())) {
            assertFalse(Arrays.equals(f.trace(0), SegyFile.open(ibm, SegyOptions.defaults()).trace(0)), "the override is obeyed");
        } catch (DatasetException refused) {
            // or the swapped header declares what cannot be read: also an honest outcome
        }
    }
}
