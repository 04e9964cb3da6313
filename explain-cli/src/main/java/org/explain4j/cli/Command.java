package org.explain4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.Options;

/**
 * One sub-command of {@code bin/explain}. Not sealed: a module the CLI does not depend on (explain-spark) adds its
 * command through {@link ExplainCli#ExplainCli(PrintStream, PrintStream, List)}, so teams that never use it never pull it.
 */
public interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /** The text after the options in {@code --help}: what the command writes, an example. */
    String footer();

    Options options();

    /**
     * The long names of the options that may be given more than once (e.g. {@code rather}); any other option that takes
     * a value and appears twice is a usage error, not a silent pick of its first value.
     */
    default Set<String> repeatable() {
        return Set.of();
    }

    /** What follows the command's name in its usage line. */
    default String syntax() {
        return "[options]";
    }

    /** Runs with the arguments after the command's name; returns the exit status. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
