package org.explain4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.explain4j.core.train.ClassifierTraining;

/** A classifier's training as the commands show it: a progress bar per epoch with the batch loss, then one line per epoch. */
final class TrainingBars implements ClassifierTraining.Listener, AutoCloseable {

    private final PrintStream err;
    private ProgressBar bar;

    TrainingBars(PrintStream err) {
        this.err = err;
    }

    @Override
    public void batch(int epoch, int batch, int batches, double loss) {
        if (bar == null) {
            bar = Progress.bar("epoch " + epoch, batches, err);
        }
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f", loss));
    }

    @Override
    public void epoch(ClassifierTraining.Epoch e) {
        close();
        err.printf(Locale.ROOT, "epoch %d: training loss %.4f, validation accuracy %.2f%%%s%n", e.epoch(), e.trainLoss(),
                100 * e.validationAccuracy(), e.best() ? " (best so far)" : "");
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
