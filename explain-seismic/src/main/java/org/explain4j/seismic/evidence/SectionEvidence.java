package org.explain4j.seismic.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.explain4j.datasets.seismic.Section;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.explain4j.seismic.section.SectionExplainer;
import org.explain4j.seismic.section.SectionQuestions;
import org.explain4j.seismic.section.SectionExplanation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Does a section's contrast map point at the structure it names? On a synthetic section with a known mask (the
 * band around a fault plane, a salt body), the share of the map's positive mass inside the mask divided by the
 * mask's share of the section's area: 1 is no better than spreading the map evenly; issue 11 asks for at least 2.
 */
public final class SectionEvidence {

    /** One section: its name, how many windows answered, the map's mass share inside the mask, the mask's area share. */
    public record Case(String section, int answering, int windows, double massInside, double areaShare) {
        public double ratio() {
            return areaShare > 0 ? massInside / areaShare : Double.NaN;
        }
    }

    /** Mean and median ratio over the cases, the fraction at 2 or more, and how many sections no window answered. */
    public record Summary(int sections, double meanRatio, double medianRatio, double atLeastTwice, int unanswered) {

        public static Summary of(List<Case> cases) {
            double[] r = cases.stream().mapToDouble(Case::ratio).filter(Double::isFinite).sorted().toArray();
            int n = r.length;
            int none = (int) cases.stream().filter(c -> c.answering() == 0).count();
            if (n == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, none);
            }
            double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
            return new Summary(n, Arrays.stream(r).average().orElse(Double.NaN), median,
                    Arrays.stream(r).filter(v -> v >= 2).count() / (double) n, none);
        }
    }

    private SectionEvidence() {
    }

    /** Told after each section. */
    @FunctionalInterface
    public interface Progress {
        void section(int done, int total);
    }

    /** The two measurements of issue 11 over generated sections. */
    public record Run(List<Case> fault, List<Case> salt) {
    }

    /**
     * "Why fault, rather than salt dome?" against the fault band on {@code sections} generated fault sections, and
     * "Why salt dome, rather than fault?" against the salt body on as many salt-dome sections; section i of each
     * kind is drawn from seed {@code seed + i}.
     */
    public static Run run(SectionExplainer explainer, int sections, int traces, int samples, long seed, List<String> labels, Progress progress) {
        int fault = labels.indexOf(SeismicKind.FAULT.folder());
        int salt = labels.indexOf(SeismicKind.SALT_DOME.folder());
        if (fault < 0 || salt < 0) {
            throw new IllegalArgumentException("the model has no classes named fault and salt_dome: " + labels);
        }
        List<Case> faults = new ArrayList<>();
        List<Case> salts = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < sections; i++) {
            Section f = SyntheticSeismic.section(traces, samples, SeismicKind.FAULT, seed + i);
            faults.add(measure("fault section " + (seed + i), explainer.explain(f.amplitude(), new SectionQuestions(fault, List.of(salt), false),
                    (d, t) -> { }), 1, f.fault()));
            progress.section(++done, 2 * sections);
            Section s = SyntheticSeismic.section(traces, samples, SeismicKind.SALT_DOME, seed + i);
            salts.add(measure("salt-dome section " + (seed + i), explainer.explain(s.amplitude(), new SectionQuestions(salt, List.of(fault), false),
                    (d, t) -> { }), 1, s.salt()));
            progress.section(++done, 2 * sections);
        }
        return new Run(faults, salts);
    }

    /**
     * The picture of question {@code question} of {@code answer} against {@code mask} [traces][samples] (as
     * {@link Section} holds it). A map with no positive mass points nowhere: ratio 0.
     */
    public static Case measure(String name, SectionExplanation answer, int question, boolean[][] mask) {
        INDArray picture = answer.pictures().get(question);
        INDArray inside = maskImage(mask);
        double total = picture.sumNumber().doubleValue();
        double in = picture.mul(inside).sumNumber().doubleValue();
        double area = inside.meanNumber().doubleValue();
        return new Case(name, answer.answering(), answer.windows().count(), total > 0 ? in / total : 0, area);
    }

    /** [traces][samples] booleans as a 0/1 image [samples, traces]. */
    static INDArray maskImage(boolean[][] mask) {
        float[][] f = new float[mask[0].length][mask.length];
        for (int x = 0; x < mask.length; x++) {
            for (int z = 0; z < mask[x].length; z++) {
                f[z][x] = mask[x][z] ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(f);
    }
}
