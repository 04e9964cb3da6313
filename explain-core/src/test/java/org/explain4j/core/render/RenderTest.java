package org.explain4j.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RenderTest {

    private static float[] colour(Colormap map, float v) {
        INDArray rgb = map.apply(Nd4j.createFromArray(new float[][] {{v}}));
        return new float[] {rgb.getFloat(0, 0, 0), rgb.getFloat(1, 0, 0), rgb.getFloat(2, 0, 0)};
    }

    @Test
    void jetRunsFromDarkBlueThroughGreenToDarkRed() {
        // MATLAB's jet: 0 -> (0, 0, .5), 1/2 -> (.5, 1, .5), 1 -> (.5, 0, 0).
        assertArrayEquals(new float[] {0, 0, .5f}, colour(Colormap.JET, 0), 1e-6f);
        assertArrayEquals(new float[] {.5f, 1, .5f}, colour(Colormap.JET, .5f), 1e-6f);
        assertArrayEquals(new float[] {.5f, 0, 0}, colour(Colormap.JET, 1), 1e-6f);
        assertArrayEquals(colour(Colormap.JET, 1), colour(Colormap.JET, 7), 0f);
    }

    @Test
    void viridisEndsAtItsPublishedColours() {
        assertArrayEquals(new float[] {0x44 / 255f, 0x01 / 255f, 0x54 / 255f}, colour(Colormap.VIRIDIS, 0), 1e-6f);
        assertArrayEquals(new float[] {0xfd / 255f, 0xe7 / 255f, 0x25 / 255f}, colour(Colormap.VIRIDIS, 1), 1e-6f);
        assertEquals(Colormap.VIRIDIS, Colormap.parse(" Viridis "));
        assertThrows(IllegalArgumentException.class, () -> Colormap.parse("rainbow"));
    }

    @Test
    void additiveOverlayIsImagePlusHeatOverItsMaximum() {
        BufferedImage white = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        white.setRGB(0, 0, 0xffffff);
        INDArray map = Nd4j.createFromArray(new float[][] {{1, 0}});
        BufferedImage o = Overlay.additive(white, map, Colormap.JET);
        // pixel 0: (1,1,1) + (.5,0,0) = (1.5,1,1); pixel 1: (0,0,0) + (0,0,.5); max 1.5.
        assertEquals(0xffaaaa, o.getRGB(0, 0) & 0xffffff);
        assertEquals(0x000055, o.getRGB(1, 0) & 0xffffff);
    }

    @Test
    void figureGridHasOneCellPerPictureAndRejectsRaggedRows() {
        BufferedImage cell = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        FigureGrid grid = new FigureGrid(List.of("Input", "Why P, rather than Q?"), 64);
        grid.addRow("row one", List.of(cell, cell)).addRow("row two", List.of(cell, cell));
        BufferedImage fig = grid.render();
        assertTrue(fig.getWidth() >= 2 * 64 && fig.getHeight() >= 2 * 64, fig.getWidth() + "x" + fig.getHeight());
        assertThrows(IllegalArgumentException.class, () -> grid.addRow("ragged", List.of(cell)));
    }
}
