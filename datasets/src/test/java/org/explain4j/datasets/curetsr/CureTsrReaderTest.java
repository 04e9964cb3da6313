package org.explain4j.datasets.curetsr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CureTsrReaderTest {

    @TempDir
    Path dir;

    @Test
    void namesFollowTheConvention() {
        CureTsrName n = CureTsrName.parse("01_09_04_3_0007.bmp").orElseThrow();
        assertEquals(new CureTsrName(1, 9, 4, 3, 7), n);
        assertEquals("no_left", n.sign());
        assertEquals("darkening", n.challenge());
        assertEquals(8, n.classIndex());
        assertTrue(n.isReal());
        assertEquals("02_14_00_00_0123.bmp", new CureTsrName(2, 14, 0, 0, 123).fileName("bmp"));
        assertEquals("none", CureTsrName.parse("02_14_00_00_0123.bmp").orElseThrow().challenge());
        for (String bad : List.of("01_15_00_00_0001.bmp", "03_01_00_00_0001.bmp", "01_01_13_01_0001.bmp",
                "01_01_04_00_0001.bmp", "01_01_00_02_0001.bmp", "readme.txt", "01_01_00_00.bmp")) {
            assertTrue(CureTsrName.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void readsBmpsBelowAFolderFilteredAndReportsUnreadableOnes() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("Real_Train/ChallengeFree"));
        BufferedImage red = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                red.setRGB(x, y, 0xff0000);
            }
        }
        ImageIO.write(red, "bmp", sub.resolve("01_06_00_00_0001.bmp").toFile());
        ImageIO.write(red, "bmp", sub.resolve("01_10_08_2_0002.bmp").toFile());
        ImageIO.write(red, "bmp", dir.resolve("02_13_00_00_0003.bmp").toFile());
        Files.writeString(sub.resolve("01_01_00_00_0004.bmp"), "not an image");
        Files.writeString(sub.resolve("notes.txt"), "ignored");
        CureTsrReader.Loaded all = new CureTsrReader(28).read(dir, n -> true);
        assertEquals(3, all.data().size());
        assertEquals(1, all.skipped().size());
        assertTrue(all.skipped().get(0).contains("01_01_00_00_0004.bmp"), all.skipped().toString());
        assertArrayEquals(new long[] {3, 3, 28, 28}, all.data().images().shape());
        assertEquals(1f, all.data().images().getFloat(0, 0, 14, 14), 1e-6f);
        assertEquals(0f, all.data().images().getFloat(0, 1, 14, 14), 1e-6f);
        CureTsrReader.Loaded clean = new CureTsrReader(28).read(dir, n -> n.challengeType() == 0);
        assertEquals(2, clean.data().size());
        assertEquals(List.of("yield", "stop"), clean.names().stream().map(CureTsrName::sign).toList());
    }
}
