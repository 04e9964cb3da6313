package org.explain4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.explain4j.core.io.InputException;
import org.explain4j.core.model.ModelLoadException;

/**
 * Dispatches {@code bin/explain <command> ...} and turns every user mistake into one line on stderr
 * and exit status 2. Anything else is a bug: one line, exit status 1, and the stack trace only when
 * {@code EXPLAIN4J_DEBUG} is set.
 */
public final class ExplainCli {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USAGE = 2;
    private static final int WIDTH = 100;

    private final PrintStream out;
    private final PrintStream err;
    private final List<Command> commands;

    public ExplainCli(PrintStream out, PrintStream err) {
        this(out, err, List.of());
    }

    /** With the commands of modules the CLI does not depend on ({@code spark}), listed after its own. */
    public ExplainCli(PrintStream out, PrintStream err, List<Command> more) {
        this.out = out;
        this.err = err;
        List<Command> all = new java.util.ArrayList<>(List.of(new CoreCommand(), new RecognitionCommand(), new IqaCommand(),
                new SeismicCommand(), new DemoCommand(), new BenchCommand()));
        all.addAll(more);
        this.commands = List.copyOf(all);
    }

    /** The commands, in the order of the overview. */
    List<Command> commands() {
        return commands;
    }

    public int run(String... args) {
        if (args.length == 0) {
            printOverview(err);
            return USAGE;
        }
        if (List.of("-h", "--help", "help").contains(args[0])) {
            if (args.length > 1 && !args[0].startsWith("-")) {
                return helpFor(args[1]);
            }
            printOverview(out);
            return OK;
        }
        Command command = find(args[0]);
        if (command == null) {
            err.println("explain: unknown command '" + args[0] + "'; commands: " + names() + " (see explain --help)");
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            printHelp(command, out);
            return OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException | InputException | ModelLoadException e) {
            err.println("explain " + command.name() + ": " + e.getMessage());
            return USAGE;
        } catch (java.nio.file.FileSystemException e) {
            err.println("explain " + command.name() + ": " + fileProblem(e));
            return USAGE;
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.FileSystemException fs) {
                err.println("explain " + command.name() + ": " + fileProblem(fs));
                return USAGE;
            }
            return internalError(command, e);
        } catch (Exception | Error e) {
            return internalError(command, e);
        }
    }

    /**
     * A file the system refused (no permission, no space, a read-only or pseudo file system, a file where a folder
     * should be): the user's setup, not a bug, so it is exit status 2 in one line.
     */
    private static String fileProblem(java.nio.file.FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName().replace("Exception", "");
        return "cannot use " + e.getFile() + (e.getOtherFile() != null ? " / " + e.getOtherFile() : "") + ": " + reason;
    }

    private int internalError(Command command, Throwable e) {
        err.println("explain " + command.name() + ": internal error: " + e
                + (debug() ? "" : " (set EXPLAIN4J_DEBUG=1 for the stack trace)"));
        if (debug()) {
            e.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }

    /** Parses a command's options; parse errors become {@link UsageException}s in plain words. */
    public static CommandLine parse(Command command, String[] args) {
        return parse(command.options(), command.name(), args, command.repeatable());
    }

    /**
     * {@link #parse(Command, String[])} for an action with options of its own ({@code explain core metrics}), none of
     * them repeatable.
     */
    public static CommandLine parse(Options options, String name, String[] args) {
        return parse(options, name, args, Set.of());
    }

    private static CommandLine parse(Options options, String name, String[] args, Set<String> repeatable) {
        try {
            CommandLine line = new DefaultParser().parse(options, args);
            if (!line.getArgList().isEmpty()) {
                throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "' (options take the form --name value)");
            }
            for (Option o : options.getOptions()) {
                if (o.hasArg() && !repeatable.contains(o.getLongOpt())) {
                    Arguments.single(line, o.getLongOpt());
                }
            }
            return line;
        } catch (MissingOptionException e) {
            List<?> missing = e.getMissingOptions();
            throw new UsageException("missing required option" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(o -> "--" + o).toList()));
        } catch (MissingArgumentException e) {
            throw new UsageException("option --" + e.getOption().getLongOpt() + " needs a value");
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option " + e.getOption() + " (see explain " + name + " --help)");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int helpFor(String name) {
        Command c = find(name);
        if (c == null) {
            err.println("explain: unknown command '" + name + "'; commands: " + names());
            return USAGE;
        }
        printHelp(c, out);
        return OK;
    }

    private Command find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return commands.stream().filter(c -> c.name().equals(n)).findFirst().orElse(null);
    }

    private String names() {
        return String.join(", ", commands.stream().map(Command::name).toList());
    }

    private void printOverview(PrintStream to) {
        to.println("explain4j: why did the network decide P, rather than Q?");
        to.println();
        to.println("usage: explain <command> [options]      explain <command> --help for its options");
        to.println();
        for (Command c : commands) {
            to.printf(Locale.ROOT, "  %-12s %s%n", c.name(), c.summary());
        }
        if (find("spark") == null) {
            to.printf(Locale.ROOT, "  %-12s %s%n", "spark", "the folder run across Apache Spark (its own module, built on first use; explain spark --help)");
        }
        to.println();
        to.println("Start with 'explain demo': it needs no data and writes a figure.");
        to.println("Exit status: 0 done, 2 bad input or options (one line on stderr, no output files), 1 internal error.");
    }

    private static void printHelp(Command c, PrintStream to) {
        PrintWriter w = new PrintWriter(to, true);
        HelpFormatter f = new HelpFormatter();
        f.setOptionComparator(null);
        f.printHelp(w, WIDTH, "explain " + c.name() + " " + c.syntax(), c.summary() + "\n\n", c.options(), 2, 2,
                "\n" + c.footer(), false);
        w.flush();
    }

    private static boolean debug() {
        String d = System.getenv("EXPLAIN4J_DEBUG");
        return d != null && !d.isBlank() && !d.equals("0");
    }

    static Options merged(Options... parts) {
        Options o = new Options();
        for (Options p : parts) {
            p.getOptions().forEach(o::addOption);
        }
        return o;
    }
}
