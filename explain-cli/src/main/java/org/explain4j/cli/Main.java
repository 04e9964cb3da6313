package org.explain4j.cli;

/** The {@code bin/explain} entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new ExplainCli(System.out, System.err).run(args);
        System.out.flush();
        System.err.flush();
        // ND4J keeps non-daemon threads alive; exit explicitly.
        System.exit(status);
    }
}
