package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-valued option given twice is a usage error. Commons CLI keeps every repeat and {@code getOptionValue}
 * returns the first, so before this check {@code --epochs 1 --epochs NaN} trained one epoch and exited 0.
 */
class RepeatedOptionTest {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    /** Every option of every command that takes a value, given twice beside the command's required options. */
    @TestFactory
    Stream<DynamicTest> everySingleValuedOptionRejectsARepeat() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Command c : new ExplainCli(NOWHERE, NOWHERE).commands()) {
            for (Option o : c.options().getOptions()) {
                if (!o.hasArg() || c.repeatable().contains(o.getLongOpt())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(c.name() + " --" + o.getLongOpt(), () -> {
                    List<String> args = required(c, o);
                    args.addAll(List.of("--" + o.getLongOpt(), "1", "--" + o.getLongOpt(), "2"));
                    UsageException e = assertThrows(UsageException.class, () -> ExplainCli.parse(c, args.toArray(String[]::new)));
                    assertEquals("--" + o.getLongOpt() + " was given 2 times (1, 2); it takes one value", e.getMessage());
                }));
            }
        }
        assertTrue(tests.size() > 50, "the commands declare their options: " + tests.size());
        return tests.stream();
    }

    @Test
    void repeatableOptionsKeepEveryValue() {
        ExplainCli cli = new ExplainCli(NOWHERE, NOWHERE);
        int checked = 0;
        for (Command c : cli.commands()) {
            for (String name : c.repeatable()) {
                assertTrue(c.options().hasLongOption(name), c.name() + " declares --" + name + " repeatable but has no such option");
                List<String> args = required(c, c.options().getOption(name));
                args.addAll(List.of("--" + name, "a", "--" + name, "b"));
                CommandLine line = ExplainCli.parse(c, args.toArray(String[]::new));
                assertEquals(List.of("a", "b"), List.of(line.getOptionValues(name)), c.name() + " --" + name);
                checked++;
            }
        }
        assertEquals(7, checked, "core rather; recognition input, rather, fixations; iqa input, rather; seismic rather");
    }

    @Test
    void aRepeatedEpochCountStopsTheNoveltyRunBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CoreCommandTest.Result r = CoreCommandTest.run("recognition", "novelty", "--data", "mnist", "--data-dir",
                dir.toString(), "--epochs", "1", "--epochs", "NaN", "--out", out.toString());
        assertEquals(ExplainCli.USAGE, r.status());
        assertEquals("explain recognition: --epochs was given 2 times (1, NaN); it takes one value\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out));
    }

    /** Options repeatable for some actions of a command are single-valued in the others, which check it themselves. */
    @Test
    void actionsThatTakeOneValueOfARepeatableOptionRejectARepeat(@TempDir Path dir) throws Exception {
        String d = dir.toString();
        for (String[] args : List.of(
                new String[] {"recognition", "explain", "--input", d, "--input", d, "--out", d + "/o"},
                new String[] {"recognition", "novelty-score", "--detector", d, "--input", d, "--input", d, "--out", d + "/o"},
                new String[] {"iqa", "score", "--input", d, "--input", d},
                new String[] {"iqa", "evidence", "--data-dir", d, "--rather", "0.5", "--rather", "0.25"})) {
            CoreCommandTest.Result r = CoreCommandTest.run(args);
            assertEquals(ExplainCli.USAGE, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().matches("explain \\w+: --(input|rather) was given 2 times \\([^)]*\\); it takes one value\\n"),
                    String.join(" ", args) + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("o")));
        }
    }

    private static List<String> required(Command c, Option except) {
        List<String> args = new ArrayList<>();
        for (Object name : c.options().getRequiredOptions()) {
            if (!name.equals(except.getKey())) {
                args.addAll(List.of("--" + name, "x"));
            }
        }
        return args;
    }
}
