package org.explain4j.datasets.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.datasets.LabelledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CompositeBenchmarkTest {

    @TempDir
    Path dir;

    /** Ten 28x28 "digits": a bright 12x12 square in the middle of black, class i. */
    private static LabelledImages squares(int channels) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 10, channels, 28, 28);
        for (int i = 0; i < 10; i++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 8; y < 20; y++) {
                    for (int xx = 8; xx < 20; xx++) {
                        x.putScalar(new long[] {i, c, y, xx}, 1f);
                    }
                }
            }
        }
        return new LabelledImages(x, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void theMaskIsWhereTheObjectWasPastedAtItsScale() {
        List<CompositeBenchmark.Composite> cs = new CompositeBenchmark(squares(1), CompositeBenchmark.Cutout.INTENSITY).generate(20, 3);
        for (CompositeBenchmark.Composite c : cs) {
            assertEquals(c.source(), c.label());
            // The 12/28 square scaled by 0.4..0.65 covers 4.8..7.8 pixels a side: 16 to 81 pixels, one block.
            double area = c.fixations().sum();
            assertTrue(area >= 16 && area <= 81, "mask area " + area);
            assertTrue(c.image().minNumber().doubleValue() >= 0 && c.image().maxNumber().doubleValue() <= 1);
            // Under the mask the object (1.0, its resized rim partly transparent) dominates the dark clutter.
            double inside = 0;
            for (int i : c.fixations().positives()) {
                inside += c.image().getDouble(i) / area;
            }
            double outside = (c.image().sumNumber().doubleValue() - inside * area) / (28 * 28 - area);
            assertTrue(inside > 0.6 && inside > outside + 0.3, "object pixels " + inside + ", clutter " + outside);
            // The blur keeps the mass; setting its ringing negatives to 0 adds a few per cent.
            assertEquals(area, c.density().sum(), 0.12 * area, "the density spreads the mask's mass");
        }
    }

    @Test
    void seededAndDiskCutoutsForObjectsWithABackground() {
        CompositeBenchmark b = new CompositeBenchmark(squares(3), CompositeBenchmark.Cutout.DISK);
        List<CompositeBenchmark.Composite> one = b.generate(5, 9);
        List<CompositeBenchmark.Composite> two = b.generate(5, 9);
        for (int i = 0; i < 5; i++) {
            assertEquals(one.get(i).image(), two.get(i).image());
            assertArrayEquals(one.get(i).fixations().values(), two.get(i).fixations().values());
        }
        assertNotEquals(one.get(0).image(), b.generate(5, 10).get(0).image());
        // A disk of radius 0.45 side: about 0.64 of the pasted square.
        CompositeBenchmark.Composite c = one.get(0);
        assertEquals(3, c.image().size(0));
        assertTrue(c.fixations().sum() > 0.5 * 11 * 11 * 0.64, "disk area " + c.fixations().sum());
    }

    @Test
    void writtenCompositesReadBackThroughTheFolderReader() throws IOException {
        List<CompositeBenchmark.Composite> cs = new CompositeBenchmark(squares(1), CompositeBenchmark.Cutout.INTENSITY).generate(3, 1);
        CompositeWriter.write(dir, cs);
        SaliencyFolder.Listing l = SaliencyFolder.list(dir, PixelLimit.DEFAULT);
        assertEquals(3, l.entries().size());
        FixationSample s = l.entries().get(1).load(PixelLimit.DEFAULT);
        assertEquals("00001-class" + cs.get(1).label(), s.name());
        assertArrayEquals(cs.get(1).fixations().values(), s.fixations().values());
        assertEquals(255, s.density().max(), 1e-9);
    }
}
