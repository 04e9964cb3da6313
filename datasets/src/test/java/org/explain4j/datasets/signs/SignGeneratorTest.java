package org.explain4j.datasets.signs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.curetsr.CureTsrReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class SignGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writesCureTsrNamedFilesThatTheReaderLoadsAndTheSameSeedWritesTheSameBytes() throws IOException {
        SignGenerator gen = new SignGenerator(48, 28);
        SignGenerator.Plan plan = new SignGenerator.Plan(2, 1, 1, 9);
        int written = gen.write(dir.resolve("a"), plan, (d, t) -> { });
        assertEquals(14 * (2 + 1 + 60), written);
        CureTsrReader.Loaded train = new CureTsrReader(28).read(dir.resolve("a/train"), n -> true);
        assertEquals(28, train.data().size());
        assertTrue(train.skipped().isEmpty());
        assertTrue(train.names().stream().allMatch(n -> n.sequenceType() == 2 && n.challengeType() == 0));
        CureTsrReader.Loaded hard = new CureTsrReader(28).read(dir.resolve("a/test-challenges"), n -> true);
        assertEquals(14 * 60, hard.data().size());
        assertEquals(12, hard.names().stream().map(CureTsrName::challenge).distinct().count());
        gen.write(dir.resolve("b"), plan, (d, t) -> { });
        try (Stream<Path> files = Files.list(dir.resolve("a/test-challenges"))) {
            for (Path f : files.limit(20).toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("b/test-challenges").resolve(f.getFileName())), f.toString());
            }
        }
    }

    @Test
    void challengesGrowWithTheirLevel() {
        BufferedImage clean = new SignGenerator(64, 64).clean(6, new Random(3));
        double[] dark = new double[6];
        double[] noise = new double[6];
        double[] blur = new double[6];
        INDArray base = Images.toArray(clean);
        for (int level = 1; level <= 5; level++) {
            dark[level] = Images.toArray(Challenges.apply(clean, 4, level, new Random(1))).meanNumber().doubleValue();
            noise[level] = Images.toArray(Challenges.apply(clean, 8, level, new Random(1))).sub(base).std(true).getDouble(0);
            blur[level] = Images.toArray(Challenges.apply(clean, 7, level, new Random(1))).sub(base).norm2Number().doubleValue();
        }
        for (int level = 2; level <= 5; level++) {
            assertTrue(dark[level] < dark[level - 1], "darkening at level " + level);
            assertTrue(noise[level] > noise[level - 1], "noise at level " + level);
            assertTrue(blur[level] > blur[level - 1], "blur at level " + level);
        }
    }
}
