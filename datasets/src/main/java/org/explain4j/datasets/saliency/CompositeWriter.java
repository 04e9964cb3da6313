package org.explain4j.datasets.saliency;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.render.Images;
import org.explain4j.core.saliency.metrics.Grid;

/**
 * Writes composites in the plain layout {@link SaliencyFolder} reads ({@code stimuli/}, {@code fixations/} as
 * 0/255 PNGs, {@code density/} scaled to 0..255), so that any saliency model, here or elsewhere, can be scored
 * on them ({@code explain core metrics}).
 */
public final class CompositeWriter {

    private CompositeWriter() {
    }

    public static void write(Path dir, List<CompositeBenchmark.Composite> composites) throws IOException {
        Path stimuli = Files.createDirectories(dir.resolve("stimuli"));
        Path fixations = Files.createDirectories(dir.resolve("fixations"));
        Path density = Files.createDirectories(dir.resolve("density"));
        for (int i = 0; i < composites.size(); i++) {
            CompositeBenchmark.Composite c = composites.get(i);
            String name = String.format(Locale.ROOT, "%05d-class%d.png", i, c.label());
            Images.writePng(stimuli.resolve(name), Images.fromArray(c.image()));
            Images.writePng(fixations.resolve(name), grey(c.fixations(), 1));
            Images.writePng(density.resolve(name), grey(c.density(), Math.max(1e-12, c.density().max())));
        }
    }

    private static BufferedImage grey(Grid g, double max) {
        BufferedImage img = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                img.getRaster().setSample(x, y, 0, (int) Math.round(255 * Math.max(0, Math.min(1, g.at(y, x) / max))));
            }
        }
        return img;
    }
}
