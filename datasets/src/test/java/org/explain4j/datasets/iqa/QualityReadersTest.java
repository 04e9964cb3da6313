package org.explain4j.datasets.iqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.explain4j.datasets.DatasetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TID2013 and KADID-10k folders written here in their published layouts. */
class QualityReadersTest {

    @TempDir
    Path dir;

    private static void image(Path file, String format) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), format, file.toFile());
    }

    @Test
    void tid2013() throws IOException {
        Path root = dir.resolve("tid2013");
        image(root.resolve("reference_images/I01.BMP"), "bmp");
        image(root.resolve("reference_images/I25.BMP"), "bmp");
        image(root.resolve("distorted_images/i01_10_5.bmp"), "bmp");
        image(root.resolve("distorted_images/I25_01_1.BMP"), "bmp");
        Files.writeString(root.resolve("mos_with_names.txt"), "2.41176 i01_10_5.bmp\n5.97222 i25_01_1.bmp\n\n");
        List<QualitySample> s = Tid2013Reader.read(root);
        assertEquals(2, s.size());
        assertEquals(new QualitySample(root.resolve("distorted_images/i01_10_5.bmp"), root.resolve("reference_images/I01.BMP"),
                2.41176, 1, 10, 5), s.get(0));
        assertEquals(root.resolve("distorted_images/I25_01_1.BMP"), s.get(1).distorted(), "names match whatever their case");
        Files.writeString(root.resolve("mos_with_names.txt"), "2.4 i01_10_5.bmp\nnot a line\n");
        assertTrue(assertThrows(DatasetException.class, () -> Tid2013Reader.read(root)).getMessage().contains("line 2"));
        Files.writeString(root.resolve("mos_with_names.txt"), "2.4 i02_10_5.bmp\n");
        assertTrue(assertThrows(DatasetException.class, () -> Tid2013Reader.read(root)).getMessage().contains("missing image"));
    }

    @Test
    void kadid10k() throws IOException {
        Path root = dir.resolve("kadid");
        image(root.resolve("images/I01.png"), "png");
        image(root.resolve("images/I01_01_01.png"), "png");
        image(root.resolve("images/I01_25_05.png"), "png");
        Files.writeString(root.resolve("dmos.csv"), "dist_img,ref_img,dmos,var\nI01_01_01.png,I01.png,4.57,0.496\nI01_25_05.png,I01.png,1.2,0.3\n");
        List<QualitySample> s = Kadid10kReader.read(root);
        assertEquals(2, s.size());
        assertEquals(25, s.get(1).distortion());
        assertEquals(5, s.get(1).level());
        assertEquals(4.57, s.get(0).mos());
        Files.writeString(root.resolve("dmos.csv"), "name,score\n");
        assertTrue(assertThrows(DatasetException.class, () -> Kadid10kReader.read(root)).getMessage().contains("header"));
    }
}
