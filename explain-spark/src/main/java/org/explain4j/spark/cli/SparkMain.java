package org.explain4j.spark.cli;

import java.util.List;
import org.explain4j.cli.ExplainCli;

/** {@code bin/explain} with the {@code spark} command: the entry point of explain-spark's launcher and of spark-submit. */
public final class SparkMain {

    private SparkMain() {
    }

    public static void main(String[] args) {
        int status = new ExplainCli(System.out, System.err, List.of(new SparkCommand())).run(args);
        System.out.flush();
        System.err.flush();
        // ND4J and Spark keep non-daemon threads alive; exit explicitly.
        System.exit(status);
    }
}
