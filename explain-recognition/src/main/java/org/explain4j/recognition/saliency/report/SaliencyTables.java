package org.explain4j.recognition.saliency.report;

import java.util.List;
import java.util.Locale;
import org.explain4j.core.saliency.metrics.SaliencyScores;
import org.explain4j.recognition.saliency.experiment.SaliencyExperiment;
import org.explain4j.recognition.saliency.experiment.ScoredMethod;

/** The experiment's tables in Markdown: composites, noise, layers; mean +- std per metric. */
public final class SaliencyTables {

    private SaliencyTables() {
    }

    public static String markdown(String title, String command, SaliencyExperiment.Results r) {
        StringBuilder b = new StringBuilder();
        b.append("## ").append(title).append("\n\n");
        b.append("`").append(command).append("`\n\n");
        b.append(String.format(Locale.ROOT, "%d composites; the recogniser names the pasted object's class on %.1f%% of them "
                + "(clean)%s.%n%n", r.images(), 100 * r.cleanAccuracy(), noiseAccuracies(r)));
        b.append("### Composites (clean)\n\n").append(table(r.clean(), false)).append('\n');
        b.append("### Clean, by whether the recogniser names the object\n\n").append(table(r.byOutcome(), true)).append('\n');
        b.append("### Under Gaussian noise\n\n").append(table(r.noise(), true)).append('\n');
        b.append("### Per explained layer (low-level to semantic)\n\n").append(table(r.layers(), true)).append('\n');
        b.append("Mean +- standard deviation over the composites. Higher is better for every metric but KL. sAUC: negatives "
                + "from the fixations of " + SaliencyExperiment.OTHER_IMAGES + " other composites; IG: bits per fixation over "
                + "the centre bias.\n");
        return b.toString();
    }

    private static String noiseAccuracies(SaliencyExperiment.Results r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < r.noiseLevels().size(); i++) {
            b.append(String.format(Locale.ROOT, "%s%.1f%% at sigma %.2f", i == 0 ? "; " : ", ", 100 * r.noiseAccuracy().get(i),
                    r.noiseLevels().get(i)));
        }
        return b.toString();
    }

    static String table(List<ScoredMethod> rows, boolean withCondition) {
        StringBuilder b = new StringBuilder();
        b.append(withCondition ? "| condition | method |" : "| method |");
        SaliencyScores.NAMES.forEach(n -> b.append(' ').append(n).append(" |"));
        b.append('\n').append(withCondition ? "|---|---|" : "|---|");
        SaliencyScores.NAMES.forEach(n -> b.append("---:|"));
        b.append('\n');
        for (ScoredMethod m : rows) {
            b.append("| ");
            if (withCondition) {
                b.append(m.condition()).append(" | ");
            }
            b.append(m.method()).append(" |");
            for (int k = 0; k < SaliencyScores.NAMES.size(); k++) {
                b.append(Double.isNaN(m.mean()[k]) ? " - |" : String.format(Locale.ROOT, " %.3f +- %.3f |", m.mean()[k], m.std()[k]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
