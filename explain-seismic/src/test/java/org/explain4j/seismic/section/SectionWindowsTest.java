package org.explain4j.seismic.section;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SectionWindowsTest {

    @Test
    void windowsStepByTheStrideAndTheLastOneIsFlushWithTheEdge() {
        SectionWindows w = new SectionWindows(20, 12, 5, 4);
        // traces: starts 0, 4, 8, 12, then 15 (20 - 5); samples: 0, 4, then 7 (12 - 5)
        assertEquals(5, w.columns());
        assertEquals(3, w.rows());
        assertEquals(15, w.count());
        assertArrayEquals(new int[] {0, 4, 8, 12, 15}, java.util.stream.IntStream.range(0, 5).map(w::columnStart).toArray());
        assertArrayEquals(new int[] {0, 4, 7}, java.util.stream.IntStream.range(0, 3).map(w::rowStart).toArray());
    }

    @Test
    void anExactFitAddsNoExtraWindow() {
        SectionWindows w = new SectionWindows(13, 5, 5, 4);
        assertEquals(3, w.columns()); // 0, 4, 8: 8 + 5 = 13
        assertEquals(1, w.rows());
    }

    @Test
    void everyPixelIsCoveredByAtLeastOneWindow() {
        SectionWindows w = new SectionWindows(1000, 500, 99, 8);
        boolean[] covered = new boolean[1000];
        for (int c = 0; c < w.columns(); c++) {
            for (int x = w.columnStart(c); x < w.columnStart(c) + 99; x++) {
                covered[x] = true;
            }
        }
        for (boolean b : covered) {
            assertTrue(b);
        }
        assertEquals(5928, w.count(), "issue 11's inline: 114 x 52 windows");
    }

    @Test
    void eachTraceTakesTheNearestWindowCentre() {
        SectionWindows w = new SectionWindows(11, 5, 5, 3); // starts 0, 3, 6; centres 2, 5, 8
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2}, w.nearestColumn());
    }

    @Test
    void aStrideLongerThanTheWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SectionWindows(500, 200, 99, 100));
        assertEquals(2, new SectionWindows(198, 99, 99, 99).columns());
    }

    @Test
    void aSectionSmallerThanTheWindowIsRefusedWithItsSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SectionWindows(50, 200, 99, 8));
        assertTrue(e.getMessage().contains("50 traces x 200 samples"), e.getMessage());
    }
}
