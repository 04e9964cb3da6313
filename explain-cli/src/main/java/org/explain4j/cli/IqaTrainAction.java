package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.iqa.nets.Diqam;
import org.explain4j.iqa.train.QualityTrainer;

/** {@code explain iqa train}: trains a DIQaM-family model, saves it with its card, prints the held-out agreement. */
final class IqaTrainAction {

    private IqaTrainAction() {
    }

    static int train(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        Path model = Arguments.outputFile(Path.of(line.getOptionValue("model", "models/iqa.fb")), "--model");
        IqaData data = IqaData.from(line);
        double width = Arguments.doubleValue(line, "width", 0.25);
        if (!(width > 0 && width <= 1)) {
            throw new UsageException("--width must lie in (0, 1]");
        }
        double testFraction = Arguments.doubleValue(line, "test-fraction", 0.2);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UsageException("--test-fraction must lie in (0, 1)");
        }
        double lr = Arguments.doubleValue(line, "lr", 1e-3);
        if (!(lr > 0)) {
            throw new UsageException("--lr must be positive");
        }
        String variantName = line.getOptionValue("variant", "wa-nr");
        Diqam.Variant variant = switch (variantName) {
            case "nr" -> Diqam.Variant.NR;
            case "wa-nr" -> Diqam.Variant.WA_NR;
            case "fr" -> Diqam.Variant.FR;
            case "wa-fr" -> Diqam.Variant.WA_FR;
            default -> throw new UsageException("--variant " + variantName + ": expected nr, wa-nr, fr or wa-fr");
        };
        QualityTrainer.Options o = new QualityTrainer.Options(variant, width, Arguments.positiveInt(line, "epochs", 10),
                Arguments.positiveInt(line, "batch", 8), lr, testFraction, Arguments.longValue(line, "seed", 1));
        ProgressBar[] bar = new ProgressBar[1];
        int[] epochSeen = {0};
        QualityTrainer.Result r;
        long start = System.nanoTime();
        try {
            r = QualityTrainer.train(data.samples(), data.toUnit(), o, (epoch, b, n, loss) -> {
                if (epoch != epochSeen[0]) {
                    if (bar[0] != null) {
                        bar[0].close();
                    }
                    bar[0] = Progress.bar("epoch " + epoch + "/" + o.epochs(), n, err);
                    epochSeen[0] = epoch;
                }
                bar[0].step();
                bar[0].setExtraMessage(String.format(Locale.ROOT, " MAE %.3f", loss));
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        r.model().saveOrRescue(model);
        out.printf(Locale.ROOT, "# %s, width %s, %d epochs, %d patches per image; held-out references %s%n%n", variantName, width,
                o.epochs(), r.patchesPerImage(), r.testReferences());
        data.print(r.heldOut(), out);
        out.printf(Locale.ROOT, "%ntraining MAE per epoch: %s%nmodel: %s (with its card); %.0f s%n", r.epochLoss().stream()
                .map(v -> String.format(Locale.ROOT, "%.4f", v)).toList(), model, (System.nanoTime() - start) / 1e9);
        return ExplainCli.OK;
    }
}
