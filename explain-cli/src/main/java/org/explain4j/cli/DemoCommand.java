package org.explain4j.cli;

import java.io.PrintStream;
import org.apache.commons.cli.Options;

/** {@code explain demo}: placeholder until written. */
final class DemoCommand implements Command {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the embedded default, end to end, no data to fetch";
    }

    @Override
    public String footer() {
        return "";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        throw new UsageException("not yet");
    }
}
