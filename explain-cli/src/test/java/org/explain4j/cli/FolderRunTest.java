package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder runs never lose or mix results: distinct folders, no self-explaining, whole replacement, clean stops. */
class FolderRunTest {

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestModels.save(TestModels.build(3, 5), dir, "model");
    }

    private static void input(Path folder, String name, long seed) throws IOException {
        Files.createDirectories(folder);
        if (name.endsWith(".npy")) {
            HostileFiles.npy(folder, name, HostileFiles.header("<f4", "False", "(3, 8, 8)"), HostileFiles.floats(192, 0.1f * seed, ByteOrder.LITTLE_ENDIAN));
        } else {
            Files.write(folder.resolve(name), HostileFiles.png(24, 24, seed));
        }
    }

    private static CoreCommandTest.Result explain(Path in, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("recognition", "explain", "--model", model.toString(),
                "--input", in.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CoreCommandTest.run(args.toArray(String[]::new));
    }

    @Test
    void inputsThatDifferOnlyByExtensionOrCaseGetTheirOwnFolders() throws IOException {
        Path in = dir.resolve("names");
        input(in, "a.png", 1);
        input(in, "a.PNG", 2);
        input(in, "a.npy", 3);
        input(in.resolve("sub"), "b.png", 4);
        Path out = dir.resolve("names-out");
        CoreCommandTest.Result r = explain(in, out);
        assertEquals(0, r.status(), r.err());
        assertEquals(Set.of("a.PNG", "a.npy", "a.png~2", "sub"), CoreCommandTest.list(out),
                "a.png and a.PNG are one name to a case-insensitive disk: the second in sorted order gets ~2");
        assertTrue(Files.isRegularFile(out.resolve("sub/b/explanations.json")), "a unique name keeps its short folder");
        for (String name : List.of("a.png~2", "a.PNG", "a.npy")) {
            String input = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve(name).resolve("explanations.json").toFile())
                    .get("input").asText();
            assertTrue(input.endsWith(name.replace("~2", "")), name + " holds the results of " + input);
        }
    }

    @Test
    void anOutputFolderInsideTheInputIsNotExplainedOnRerun() throws IOException {
        Path in = dir.resolve("nested");
        input(in, "x.png", 5);
        input(in, "y.npy", 6);
        Path out = in.resolve("results");
        CoreCommandTest.Result first = explain(in, out);
        assertTrue(first.out().startsWith("explained 2 images"), first.out());
        CoreCommandTest.Result again = explain(in, out, "--overwrite");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().startsWith("explained 2 images"), "the overlays in results/ are no inputs: " + again.out());
        assertTrue(again.err().contains("inside --out"), again.err());
        assertFalse(Files.exists(out.resolve("results")));
    }

    @Test
    void aRerunReplacesAFolderWholeAndKeepsTheUsersFiles() throws IOException {
        Path in = dir.resolve("rerun");
        input(in, "x.npy", 7);
        Path out = dir.resolve("rerun-out");
        assertEquals(0, explain(in, out, "--rather", "1", "--rather", "2", "--not-fully").status());
        Path result = out.resolve("x");
        Files.writeString(result.resolve("notes.txt"), "mine");
        Set<String> before = CoreCommandTest.list(result);
        assertTrue(before.stream().anyMatch(f -> f.contains("not-fully")), before.toString());

        CoreCommandTest.Result kept = explain(in, out);
        assertTrue(kept.out().contains("explained 0 images") && kept.out().contains("kept 1 existing"), kept.out());
        assertEquals(before, CoreCommandTest.list(result), "without --overwrite a finished result is kept as it is");

        assertEquals(0, explain(in, out, "--overwrite").status());
        Set<String> after = CoreCommandTest.list(result);
        assertTrue(after.contains("notes.txt"), "a file no report listed is the user's: " + after);
        assertFalse(after.stream().anyMatch(f -> f.contains("not-fully")), "stale answers left: " + after);
        assertTrue(after.size() < before.size(), "one contrast fewer: " + before + " -> " + after);
        Set<String> listed = org.explain4j.core.report.PreviousReport.files(result);
        Set<String> expected = new java.util.TreeSet<>(listed);
        expected.add("notes.txt");
        assertEquals(expected, after, "every file is listed by explanations.json, or the user's");
    }

    @Test
    void aRerunRemovesWhatAKilledRunLeft() throws IOException {
        Path in = dir.resolve("leftovers");
        input(in, "x.npy", 8);
        Path out = dir.resolve("leftovers-out");
        Path staging = Files.createDirectories(out.resolve("x/.staging-123"));
        Files.writeString(staging.resolve("why-1.png"), "half");
        Files.writeString(out.resolve("x/.why-1.png123.part"), "half");
        CoreCommandTest.Result r = explain(in, out);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("removed 2"), r.err());
        assertEquals(List.of(), hidden(out));
    }

    /** SIGTERM in the middle of a run: the hook removes the staging, says how far it came; a rerun continues. */
    @Test
    void sigtermStopsCleanly() throws Exception {
        Path in = dir.resolve("many");
        for (int i = 0; i < 400; i++) {
            input(in, String.format("%04d.npy", i), i);
        }
        Path out = dir.resolve("many-out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "recognition", "explain", "--model", model.toString(),
                "--input", in.toString(), "--out", out.toString(), "--batch", "1").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("sigterm.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.isRegularFile(out.resolve("0005/explanations.json")) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("sigterm.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("interrupted: finished "), err);
        assertEquals(List.of(), hidden(out), "staging left behind");
        long finished;
        try (Stream<Path> s = Files.list(out)) {
            finished = s.filter(d -> Files.isRegularFile(d.resolve("explanations.json"))).count();
        }
        assertTrue(finished >= 6 && finished < 400, finished + " finished");
        CoreCommandTest.Result rest = explain(in, out);
        assertEquals(0, rest.status(), rest.err());
        assertTrue(rest.out().contains("kept " + finished + " existing"), rest.out());
    }

    private static List<Path> hidden(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
