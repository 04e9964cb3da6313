package org.explain4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.seismic.evidence.SectionEvidence;

/**
 * {@code explain seismic evidence}: issue 11's evidence. On generated sections with known masks, the share of the
 * contrast map's positive mass inside the fault band ("Why fault, rather than salt dome?") or the salt body ("Why
 * salt dome, rather than fault?") over that mask's area share; prints the summary as a docs/RESULTS.md table.
 */
final class SeismicEvidenceAction {

    private SeismicEvidenceAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws java.io.IOException {
        SeismicModels models = SeismicModels.open(line);
        int sections = Arguments.positiveInt(line, "sections", 50);
        int traces = Arguments.positiveInt(line, "traces", 400);
        int samples = Arguments.positiveInt(line, "samples", 200);
        long seed = Arguments.longValue(line, "seed", 1000);
        SeismicModels.SectionRun setup = models.sectionRun(line);
        setup.check(traces, samples);
        SectionEvidence.Run run;
        try (ProgressBar bar = Progress.bar("sections", 2L * sections, err)) {
            run = SectionEvidence.run(setup.explainer(), sections, traces, samples, seed, models.model().labels(), (d, t) -> bar.stepTo(d));
        } catch (IllegalArgumentException e) {
            throw new UsageException(models.name() + ": " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%d + %d generated sections of %d traces x %d samples (seeds %d..%d), windows every %d, %s%n", sections, sections,
                traces, samples, seed, seed + sections - 1, setup.explainer().windows(traces, samples).stride(), setup.methodName());
        out.println("| question | mask | sections | mean mask area share | mean mass share in mask | mean ratio | median ratio | sections at >= 2x | sections with no P window |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        row(out, "Why fault, rather than salt dome?", "fault band (plane +- 3 traces)", run.fault());
        row(out, "Why salt dome, rather than fault?", "salt body", run.salt());
        return ExplainCli.OK;
    }

    private static void row(PrintStream out, String question, String mask, List<SectionEvidence.Case> cases) {
        SectionEvidence.Summary s = SectionEvidence.Summary.of(cases);
        double area = cases.stream().mapToDouble(SectionEvidence.Case::areaShare).average().orElse(Double.NaN);
        double mass = cases.stream().mapToDouble(SectionEvidence.Case::massInside).average().orElse(Double.NaN);
        out.printf(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.2f | %.2f | %.0f %% | %d |%n", question, mask, s.sections(), area, mass, s.meanRatio(),
                s.medianRatio(), 100 * s.atLeastTwice(), s.unanswered());
    }
}
