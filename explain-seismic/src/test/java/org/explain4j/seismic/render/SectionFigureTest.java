package org.explain4j.seismic.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.explain4j.core.render.Colormap;
import org.explain4j.seismic.section.SectionExplanation;
import org.explain4j.seismic.section.SectionWindows;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SectionFigureTest {

    @Test
    void boundariesMarkPixelsWhoseRightOrLowerNeighbourHasAnotherClass() {
        float[][] classes = {{0, 0, 1}, {0, 0, 1}, {2, 2, 1}};
        float[][] expected = {{0, 1, 0}, {1, 1, 0}, {0, 1, 0}};
        float[][] got = SectionFigure.boundaries(Nd4j.createFromArray(classes)).toFloatMatrix();
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(expected[r], got[r], "row " + r);
        }
    }

    @Test
    void theViewStacksTheSectionTheClassesAndOnePanelPerQuestion() {
        SectionWindows w = new SectionWindows(300, 40, 20, 10);
        var map = Nd4j.rand(40, 300);
        SectionExplanation a = new SectionExplanation(w, List.of("Why fault?", "Why fault, rather than salt_dome?"), List.of(map, map),
                List.of(map, map), Nd4j.rand(w.count(), 4), new int[w.count()], w.count(), 0);
        BufferedImage img = SectionFigure.draw(Nd4j.rand(40, 300).muli(2).subi(1), a, "inline 1", c -> "class " + c, Colormap.JET);
        assertEquals(600, img.getWidth(), "300 traces drawn at twice their size");
        assertEquals(4 * (80 + 24), img.getHeight(), "four panels of 40 samples x 2, each under a title");
    }
}
