package org.explain4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.report.HtmlReport;

/** {@code --html} for the figure commands: a report.html beside figure.png that shows it, for a browser. */
final class FigureHtml {

    private FigureHtml() {
    }

    static void writeIfAsked(CommandLine line, Path outDir, String title, String caption, PrintStream out) throws IOException {
        if (!line.hasOption("html")) {
            return;
        }
        HtmlReport html = new HtmlReport("explain4j: " + title);
        html.add(new HtmlReport.Item(title, caption, null, List.of(new HtmlReport.Panel("figure", caption, "figure.png", null))));
        html.write(outDir.resolve(HtmlReport.FILE));
        out.println("wrote " + outDir.resolve(HtmlReport.FILE));
    }
}
