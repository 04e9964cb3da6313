package org.explain4j.iqa.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.explain4j.core.train.Permutations;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.iqa.QualitySample;

/** A split of a quality data set by reference image: no scene is seen both in training and in testing. */
public record ReferenceSplit(List<QualitySample> train, List<QualitySample> test, Set<Integer> testReferences) {

    /** Holds out {@code fraction} of the references (at least one), drawn with {@code seed}. */
    public static ReferenceSplit of(List<QualitySample> samples, double fraction, long seed) {
        List<Integer> refs = new ArrayList<>(new TreeSet<>(samples.stream().map(QualitySample::referenceId).toList()));
        if (refs.size() < 2) {
            throw new DatasetException("a split by reference image needs at least two references, got " + refs.size());
        }
        int[] order = Permutations.of(refs.size(), new Random(seed));
        int nTest = Math.min(refs.size() - 1, Math.max(1, (int) Math.round(refs.size() * fraction)));
        Set<Integer> held = new TreeSet<>();
        for (int i = 0; i < nTest; i++) {
            held.add(refs.get(order[i]));
        }
        return new ReferenceSplit(samples.stream().filter(s -> !held.contains(s.referenceId())).toList(),
                samples.stream().filter(s -> held.contains(s.referenceId())).toList(), held);
    }
}
