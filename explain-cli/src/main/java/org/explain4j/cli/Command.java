package org.explain4j.cli;

import java.io.PrintStream;
import org.apache.commons.cli.Options;

/** One sub-command of {@code bin/explain}. */
public sealed interface Command permits CoreCommand, DemoCommand, BenchCommand, RecognitionCommand, IqaCommand, SeismicCommand {

    String name();

    /** One line for the command list. */
    String summary();

    /** The text after the options in {@code --help}: what the command writes, an example. */
    String footer();

    Options options();

    /** What follows the command's name in its usage line. */
    default String syntax() {
        return "[options]";
    }

    /** Runs with the arguments after the command's name; returns the exit status. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
