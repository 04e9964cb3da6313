package org.explain4j.iqa.data;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.explain4j.datasets.quality.QualityDistortions;
import org.explain4j.datasets.quality.Scenes;

/**
 * The two images that {@code iqa figure} draws when given none, so that the talk's table is one command on a
 * fresh clone: two generated scenes with 8x8 block artefacts at levels 4 and 5, chosen because their window
 * scores spread from about 0.4 to 0.95 (the shipped model scores no window below about 0.39), so 1, 0.75 and 0.5
 * fall among them and the four contrast maps differ (FigureImagesTest). Fixed seeds: the same figure every time.
 */
public final class FigureImages {

    /** A generated image and the name it is shown under. */
    public record Named(String name, BufferedImage image) {
    }

    private static final int WIDTH = 256;
    private static final int HEIGHT = 192;

    private FigureImages() {
    }

    public static List<Named> defaults() {
        BufferedImage town = Scenes.draw(WIDTH, HEIGHT, new Random(2020));
        BufferedImage harbour = Scenes.draw(WIDTH, HEIGHT, new Random(1337));
        return List.of(new Named("generated scene, block artefacts 4", QualityDistortions.apply(town, 7, 4, new Random(8))),
                new Named("generated scene, block artefacts 5", QualityDistortions.apply(harbour, 7, 5, new Random(8))));
    }
}
