package org.explain4j.datasets.iterators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.explain4j.datasets.iqa.QualitySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class QualityIteratorTest {

    @TempDir
    Path dir;

    private Path grey(String name, int level) throws IOException {
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, (level << 16) | (level << 8) | level);
            }
        }
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void imagesResizedWithTheirScoresAndABadFileSkipped() throws IOException {
        Path ref = grey("ref.png", 200);
        Path broken = Files.writeString(dir.resolve("broken.png"), "not a picture");
        List<QualitySample> samples = List.of(new QualitySample(grey("a.png", 51), ref, 3.5, 1, 1, 1),
                new QualitySample(broken, ref, 1.0, 1, 1, 2), new QualitySample(grey("b.png", 102), ref, 5.25, 1, 1, 3));
        QualityIterator it = new QualityIterator(samples, 4, 8, null);
        DataSet ds = it.next();
        assertArrayEquals(new long[] {2, 3, 4, 4}, ds.getFeatures().shape());
        assertArrayEquals(new long[] {2, 1}, ds.getLabels().shape());
        assertEquals(3.5f, ds.getLabels().getFloat(0, 0));
        assertEquals(5.25f, ds.getLabels().getFloat(1, 0));
        assertEquals(0.2f, ds.getFeatures().getFloat(0, 1, 2, 3), 1e-6f);
        assertEquals(0.4f, ds.getFeatures().getFloat(1, 0, 0, 0), 1e-6f);
        assertEquals(1, it.skipped().size());
        assertTrue(it.skipped().get(0).contains("broken.png"), it.skipped().toString());
    }
}
