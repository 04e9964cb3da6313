package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --html} report in a real browser: headless Chromium loads report.html from disk, runs its script and
 * dumps the page; the page marks on its body how many pictures decoded and how many failed. Skipped, with a message,
 * where no Chromium is installed (.ci/run installs Debian's when it can).
 */
class HtmlReportBrowserTest {

    @TempDir
    Path dir;

    private static String chromium() {
        for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, c))) {
                    return Path.of(d, c).toString();
                }
            }
        }
        return null;
    }

    private record Rendered(String dom, String log) {
    }

    private static Rendered render(String browser, Path page, Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=10000",
                "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString())
                .redirectError(log.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return new Rendered(dom, Files.readString(log));
    }

    private static int attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), name + " not set; the page's script did not finish: " + dom.substring(0, Math.min(600, dom.length())));
        return Integer.parseInt(m.group(1));
    }

    @Test
    void coreAndFolderReportsRenderEveryPictureWithoutConsoleErrors() throws Exception {
        Path model = TestModels.save(TestModels.build(3, 5), dir, "net");
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 3; i++) {
            Files.write(images.resolve("img" + i + ".png"), HostileFiles.png(16, 12, i));
        }
        CoreCommandTest.Result core = CoreCommandTest.run("core", "--model", model.toString(), "--input", images.resolve("img0.png").toString(),
                "--rather", "2", "--not-fully", "--html", "--out", dir.resolve("one").toString());
        assertEquals(0, core.status(), core.err());
        CoreCommandTest.Result folder = CoreCommandTest.run("recognition", "explain", "--model", model.toString(), "--input", images.toString(),
                "--html", "--out", dir.resolve("many").toString());
        assertEquals(0, folder.status(), folder.err());
        assertTrue(Files.isRegularFile(dir.resolve("one/report.html")) && Files.isRegularFile(dir.resolve("many/report.html")));

        String browser = chromium();
        Assumptions.assumeTrue(browser != null, "no Chromium on the PATH: report.html written but not rendered (apt-get install chromium)");
        // One input and the map of the first question shown: 2 pictures; three inputs: 6.
        for (var c : List.of(new Object[] {dir.resolve("one/report.html"), 2}, new Object[] {dir.resolve("many/report.html"), 6})) {
            Rendered r = render(browser, (Path) c[0], dir);
            assertEquals((int) c[1], attribute(r.dom(), "data-images-shown"), r.log());
            assertEquals(0, attribute(r.dom(), "data-images-broken"), r.log());
            assertFalse(r.log().contains("Uncaught") || r.log().contains(":ERROR:CONSOLE"), "console errors: " + r.log());
        }
    }
}
