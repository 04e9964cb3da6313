package org.explain4j.spark.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.explain4j.spark.job.PartitionJob;

/** The lines every Spark action ends with, after its own first line: the table, the model loads, what was skipped and why. */
final class SparkSummary {

    private SparkSummary() {
    }

    /** {@code model}: what the executors loaded ("model", "detector"); {@code skipped}: what a skip is ("unreadable file(s)"). */
    static void print(PartitionJob.Outcome outcome, String model, String skipped, PrintStream out, PrintStream err) {
        out.println("results table: " + outcome.table());
        out.printf(Locale.ROOT, "the executors loaded the %s %d time(s), %.1f s each on average%n", model, outcome.modelLoads(),
                outcome.modelLoadSeconds() / Math.max(1, outcome.modelLoads()));
        if (!outcome.skipped().isEmpty()) {
            err.println("skipped " + outcome.skipped().size() + " " + skipped + ":");
            outcome.skipped().forEach(s -> err.println("  " + s));
        }
    }
}
