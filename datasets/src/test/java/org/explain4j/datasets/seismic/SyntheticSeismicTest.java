package org.explain4j.datasets.seismic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.explain4j.datasets.landmass.LandmassReader;
import org.explain4j.datasets.segy.SegyFile;
import org.explain4j.datasets.segy.SegyOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSeismicTest {

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameBytesAndEveryPatchFillsMinusOneToOne() throws Exception {
        for (SeismicKind k : SeismicKind.values()) {
            float[][] a = SyntheticSeismic.patch(k, 5);
            assertTrue(Arrays.deepEquals(a, SyntheticSeismic.patch(k, 5)), k.name());
            assertFalse(Arrays.deepEquals(a, SyntheticSeismic.patch(k, 6)), k.name());
            float max = 0;
            for (float[] t : a) {
                for (float v : t) {
                    assertTrue(v >= -1 && v <= 1);
                    max = Math.max(max, Math.abs(v));
                }
            }
            assertEquals(1f, max, 1e-6f, k.name());
        }
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        SyntheticSeismic.writeLandmass(one, 2, 9, (d, t) -> { });
        SyntheticSeismic.writeLandmass(two, 2, 9, (d, t) -> { });
        assertArrayEquals(Files.readAllBytes(one.resolve("fault/fault_00001.mat")), Files.readAllBytes(two.resolve("fault/fault_00001.mat")));
    }

    @Test
    void theLandmassLayoutReadsBackToTheSamePatches() throws Exception {
        Path root = dir.resolve("landmass");
        assertEquals(8, SyntheticSeismic.writeLandmass(root, 2, 3, (d, t) -> { }));
        LandmassReader.Loaded l = LandmassReader.read(root);
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3}, l.data().labels());
        assertArrayEquals(new long[] {8, 1, 99, 99}, l.data().images().shape());
        float[][] first = SyntheticSeismic.patch(SeismicKind.HORIZON, (3 * 1_000_003L) * 1_000_003L);
        assertEquals(first[10][20], l.data().images().getFloat(0, 0, 10, 20), "[-1,1] kept exactly (double in the file)");
    }

    @Test
    void masksMarkWhereTheFaultAndTheSaltAre() {
        Section fault = SyntheticSeismic.section(120, 100, SeismicKind.FAULT, 4);
        long band = Arrays.stream(fault.fault()).mapToLong(t -> count(t)).sum();
        assertTrue(band >= 100 * 6 && band <= 100 * 8, "a 7-trace band down every sample: " + band);
        Section salt = SyntheticSeismic.section(120, 100, SeismicKind.SALT_DOME, 4);
        double inside = 0;
        double outside = 0;
        long nIn = 0;
        long nOut = 0;
        for (int x = 0; x < 120; x++) {
            for (int z = 0; z < 100; z++) {
                boolean deep = salt.salt()[x][z] && z >= 6 && salt.salt()[x][z - 6];
                if (deep) {
                    inside += Math.abs(salt.amplitude()[x][z]);
                    nIn++;
                } else if (!salt.salt()[x][z]) {
                    outside += Math.abs(salt.amplitude()[x][z]);
                    nOut++;
                }
            }
        }
        assertTrue(nIn > 200, "a salt body: " + nIn);
        assertTrue(inside / nIn < 0.7 * outside / nOut, "quiet inside the salt: " + inside / nIn + " vs " + outside / nOut);
    }

    private static long count(boolean[] b) {
        long n = 0;
        for (boolean v : b) {
            n += v ? 1 : 0;
        }
        return n;
    }

    @Test
    void aSurveyIsWrittenAsSegyAndReadBackSliceBySlice() throws Exception {
        Path file = dir.resolve("survey.sgy");
        SyntheticSeismic.writeSurvey(file, 3, 40, 60, SeismicKind.FAULT, 12);
        try (SegyFile f = SegyFile.open(file, SegyOptions.defaults())) {
            assertArrayEquals(new int[] {100, 101, 102}, f.geometry().inlines());
            assertEquals(40, f.geometry().crosslines().length);
            float[][] expected = SeismicModel.render(40, 60, SeismicKind.FAULT, new Random(12), new Random(12 * 31 + 17 + 1)).amplitude();
            assertTrue(Arrays.deepEquals(expected, f.inline(101)));
        }
    }
}
