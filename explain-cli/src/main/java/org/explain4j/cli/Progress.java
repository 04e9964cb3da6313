package org.explain4j.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars with ETA on stderr, the same for every long command. */
public final class Progress {

    private Progress() {
    }

    /**
     * Bars for a task in phases (training steps, then scored images): each phase gets its own bar, opened on its
     * first report and closed when the next phase starts, so that speed and ETA are in one unit.
     */
    static final class Phases implements AutoCloseable {
        private final String task;
        private final PrintStream err;
        private String phase;
        private ProgressBar bar;

        Phases(String task, PrintStream err) {
            this.task = task;
            this.err = err;
        }

        void report(String phase, long done, long max, String extra) {
            if (!phase.equals(this.phase)) {
                close();
                this.phase = phase;
                bar = bar(task + ": " + phase, max, err);
            }
            bar.maxHint(max);
            bar.stepTo(done);
            bar.setExtraMessage(extra);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    public static ProgressBar bar(String task, long max, PrintStream err) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
    }
}
