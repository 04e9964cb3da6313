package org.explain4j.datasets.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.landmass.MatWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout read from files the test writes: 8x6 stimuli with fixations at known pixels. */
class SaliencyFolderTest {

    private static final int W = 8;
    private static final int H = 6;

    @TempDir
    Path dir;

    @Test
    void mit1003PairsStimuliWithFixPtsAndFixMapAndIgnoresJpegRinging() throws IOException {
        Path stimuli = Files.createDirectories(dir.resolve("ALLSTIMULI"));
        Path maps = Files.createDirectories(dir.resolve("ALLFIXATIONMAPS"));
        write(stimuli.resolve("i1.jpeg"), grey(0, 0, 0), "jpg");
        write(stimuli.resolve("i2.jpeg"), grey(0, 0, 0), "jpg");
        // Fixations as 255 on 0, and faint values around them as JPEG leaves them.
        BufferedImage pts = grey(255, 2, 3);
        pts.getRaster().setSample(4, 3, 0, 40);
        write(maps.resolve("i1_fixPts.png"), pts, "png");
        write(maps.resolve("i1_fixMap.png"), grey(200, 2, 3), "png");
        SaliencyFolder.Listing l = SaliencyFolder.list(dir, PixelLimit.DEFAULT);
        assertEquals("MIT1003", l.layout());
        assertEquals(1, l.entries().size());
        assertEquals(1, l.unpaired(), "i2 has no fixations");
        FixationSample s = l.entries().get(0).load(PixelLimit.DEFAULT);
        assertEquals("i1", s.name());
        assertEquals(1, (int) s.fixations().sum(), "one fixation; the faint pixel is not one");
        assertEquals(1, s.fixations().at(3, 2));
        assertEquals(200, s.density().at(3, 2));
    }

    @Test
    void cat2000ReadsFixationMatricesPerCategory() throws IOException {
        Path art = Files.createDirectories(dir.resolve("Stimuli/Art"));
        Files.createDirectories(dir.resolve("FIXATIONLOCS/Art"));
        write(art.resolve("001.jpg"), grey(0, 0, 0), "jpg");
        float[][] m = new float[H][W];
        m[1][5] = 1;
        m[4][0] = 1;
        MatWriter.write(dir.resolve("FIXATIONLOCS/Art/001.mat"), "fixLocs", m);
        FixationSample s = SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT);
        assertEquals("Art/001", s.name());
        assertEquals(2, (int) s.fixations().sum());
        assertEquals(1, s.fixations().at(1, 5));
        assertNull(s.density(), "no FIXATIONMAPS: no density");
        MatWriter.write(dir.resolve("FIXATIONLOCS/Art/001.mat"), "fixLocs", new float[H][W + 1]);
        DatasetException e = assertThrows(DatasetException.class,
                () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT));
        assertTrue(e.getMessage().contains("6x9 fixation matrix for a 6x8 stimulus"), e.getMessage());
    }

    @Test
    void saliconPoolsEveryObserversOneBasedFixations() throws IOException {
        Path train = Files.createDirectories(dir.resolve("images/train"));
        write(train.resolve("COCO_1.jpg"), grey(0, 0, 0), "jpg");
        Files.writeString(dir.resolve("fixations_train2014.json"), """
                {"images": [{"id": 7, "file_name": "COCO_1.jpg", "width": 8, "height": 6}],
                 "annotations": [{"image_id": 7, "worker_id": 1, "fixations": [[1, 1], [6, 8]]},
                                 {"image_id": 7, "worker_id": 2, "fixations": [[3, 4], [99, 99]]}]}
                """);
        FixationSample s = SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT);
        assertEquals(3, (int) s.fixations().sum(), "a point outside the image is dropped");
        assertEquals(1, s.fixations().at(0, 0));
        assertEquals(1, s.fixations().at(5, 7));
        assertEquals(1, s.fixations().at(2, 3));
        Files.writeString(dir.resolve("fixations_train2014.json"), "{\"images\": [], \"annotations\": [{\"image_id\": 3}]}");
        assertThrows(DatasetException.class, () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT));
        Files.writeString(dir.resolve("fixations_train2014.json"), "{not json");
        assertThrows(DatasetException.class, () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT));
    }

    @Test
    void thePlainLayoutAndItsErrors() throws IOException {
        assertThrows(DatasetException.class, () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT), "no layout");
        Path stimuli = Files.createDirectories(dir.resolve("stimuli"));
        Path fix = Files.createDirectories(dir.resolve("fixations"));
        write(stimuli.resolve("a.png"), grey(0, 0, 0), "png");
        assertThrows(DatasetException.class, () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT), "no stimulus has fixations");
        write(fix.resolve("a.png"), grey(1, 7, 5), "png");
        FixationSample s = SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT);
        assertEquals(1, s.fixations().at(5, 7), "a 0/1 map reads as binary too");
        write(fix.resolve("a.png"), grey(0, 0, 0), "png");
        DatasetException empty = assertThrows(DatasetException.class,
                () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT));
        assertTrue(empty.getMessage().contains("no fixations"), empty.getMessage());
        write(fix.resolve("a.png"), new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY), "png");
        DatasetException size = assertThrows(DatasetException.class,
                () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT));
        assertTrue(size.getMessage().contains("3x3 but its stimulus 8x6"), size.getMessage());
    }

    @Test
    void truncatedAndLyingFilesAreDatasetErrorsNamingTheFile() throws IOException {
        Path stimuli = Files.createDirectories(dir.resolve("Stimuli/Art"));
        Files.createDirectories(dir.resolve("FIXATIONLOCS/Art"));
        write(stimuli.resolve("001.png"), grey(0, 0, 0), "png");
        float[][] m = new float[H][W];
        m[1][5] = 1;
        Path mat = dir.resolve("FIXATIONLOCS/Art/001.mat");
        MatWriter.write(mat, "fixLocs", m);
        byte[] whole = Files.readAllBytes(mat);
        Files.write(mat, java.util.Arrays.copyOf(whole, whole.length / 2));
        DatasetException cut = assertThrows(DatasetException.class,
                () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT));
        assertTrue(cut.getMessage().contains("001.mat"), cut.getMessage());
        Files.writeString(mat, "MATLAB 5.0 MAT-file, but not really");
        assertThrows(DatasetException.class, () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT));
        MatWriter.write(mat, "fixLocs", m);
        byte[] png = Files.readAllBytes(stimuli.resolve("001.png"));
        Files.write(stimuli.resolve("001.png"), java.util.Arrays.copyOf(png, png.length / 2));
        DatasetException image = assertThrows(DatasetException.class,
                () -> SaliencyFolder.list(dir, PixelLimit.DEFAULT).entries().get(0).load(PixelLimit.DEFAULT));
        assertTrue(image.getMessage().contains("001.png"), image.getMessage());
    }

    /** An 8x6 grey image, 0 but for {@code value} at (x, y). */
    private static BufferedImage grey(int value, int x, int y) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(x, y, 0, value);
        return img;
    }

    private static void write(Path file, BufferedImage img, String format) throws IOException {
        ImageIO.write(img, format, file.toFile());
    }
}
