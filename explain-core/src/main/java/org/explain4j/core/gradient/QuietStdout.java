package org.explain4j.core.gradient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to System.out for every op whenever it
 * builds a gradient function (SameDiff.createGradFunction), which would corrupt a command's output.
 * This runs such a step with those lines filtered out; every other line still reaches System.out.
 * System.out is a process-wide stream, so the swap is serialised on one lock.
 */
public final class QuietStdout {

    private static final Object LOCK = new Object();
    private static final String NOISE = "Added differentiated op ";

    private QuietStdout() {
    }

    public static <T> T run(Supplier<T> step) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            PrintStream filter = new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8);
            System.setOut(filter);
            try {
                return step.get();
            } finally {
                filter.flush();
                System.setOut(original);
            }
        }
    }

    private static final class LineFilter extends java.io.OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public void flush() {
            if (line.size() > 0) {
                emit();
            }
            target.flush();
        }

        private void emit() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) {
                target.print(s);
            }
        }
    }
}
