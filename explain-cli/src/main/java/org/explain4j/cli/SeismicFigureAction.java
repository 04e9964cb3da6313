package org.explain4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.figure.ContrastFigure;
import org.explain4j.core.figure.FigureWriter;
import org.explain4j.core.figure.Representatives;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.landmass.LandmassReader;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code explain seismic figure}: the paper's table for seismic patches, one row per class (a patch of that class the
 * model classifies correctly, where there is one): Input | Why P? | contrast patch Q1 | Why P, rather than Q1? |
 * contrast patch Q2 | Why P, rather than Q2? | Why not P with full confidence?. Patches come from a LANDMASS-layout
 * folder (--data) or the generator (--seed); each contrast's patch is the one the model is most confident is Q.
 */
final class SeismicFigureAction {

    private static final int CELL = 128;

    private SeismicFigureAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String command) throws Exception {
        SeismicModels models = SeismicModels.open(line);
        var model = models.model();
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "figures/seismic")));
        Integer p = line.hasOption("why") ? models.classOf(line.getOptionValue("why"), "--why") : null;
        String[] rather = line.getOptionValues("rather");
        if (rather != null && rather.length > 2) {
            throw new UsageException("the figure has two contrast columns: give at most two --rather");
        }
        Integer q1 = rather != null ? models.classOf(rather[0], "--rather") : null;
        Integer q2 = rather != null && rather.length > 1 ? models.classOf(rather[1], "--rather") : null;
        LabelledImages patches;
        String from;
        if (line.hasOption("data")) {
            LandmassReader.Loaded loaded = LandmassReader.read(Path.of(line.getOptionValue("data")));
            loaded.skipped().forEach(s -> err.println("warning: skipped " + s));
            patches = loaded.data();
            from = line.getOptionValue("data");
        } else {
            long seed = Arguments.longValue(line, "seed", 7);
            patches = SyntheticSeismic.patches(Arguments.positiveInt(line, "patches-per-class", 20), seed);
            from = "generated patches (seed " + seed + ")";
        }
        long[] shape = model.inputShape();
        if (patches.images().size(2) != shape[1] || patches.images().size(3) != shape[2]) {
            throw new UsageException(from + " holds " + patches.images().size(2) + "x" + patches.images().size(3) + " patches; the model takes "
                    + shape[1] + "x" + shape[2]);
        }
        INDArray images = patches.images().castTo(model.dataType());
        INDArray outputs = ClassifierTraining.predict(model.graph(), model.inputVariable(), model.outputVariable(), images);
        int[] predicted = outputs.argMax(1).toIntVector();
        int[] rows = FigureAction.chooseRows(patches.labels(), predicted, p, Arguments.positiveInt(line, "rows", 4), model.outputWidth());
        ModelInputs display = new ModelInputs(shape, model.card().preprocessing(), model.dataType(), PixelLimit.DEFAULT);
        List<ContrastFigure.RowSpec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int r : rows) {
            INDArray x = images.slice(r);
            specs.add(new ContrastFigure.RowSpec(x, display.display(x), p, q1, q2));
            names.add(from + ", " + patches.classNames().get(patches.labels()[r]) + " patch " + r);
        }
        List<BufferedImage> representatives = Representatives.fromOutputs(model, outputs, row -> display.display(images.slice(row)));
        MethodSpec spec = MethodArguments.spec(line, MethodArguments.layer(line, model, models.file()));
        AttributionMethod method = MethodArguments.create(spec, new GradientEngine(model));
        ContrastFigure.Figure figure = new ContrastFigure(method, new ExplanationFiles(Colormap.JET)).draw(specs, representatives, CELL);
        FigureWriter.write(outDir, figure, model, spec.layer(), command, models.name(), names);
        figure.rows().forEach(r -> out.println(r.caption()));
        out.println("figure: " + outDir.resolve("figure.png") + "  description: " + outDir.resolve("figure.json"));
        FigureHtml.writeIfAsked(line, outDir, "seismic contrastive explanations", "every seismic class against the others", out);
        return ExplainCli.OK;
    }
}
