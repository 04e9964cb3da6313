package org.explain4j.core.saliency.implicit;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which labels contradict a network's expectation P, the labels whose cross-entropy it is asked to explain
 * (Sun et al.'s "conflicting labels"): every class but P, the k most likely runners-up, or a given set.
 * Whatever the choice, the labels come most likely first, so that the first few are the plausible
 * alternatives a figure shows.
 */
public sealed interface ConflictingLabels {

    /** The conflicting labels of a sample whose classes from most to least likely are {@code ranked}. */
    int[] of(int[] ranked, int expected);

    /** As the command line spells it: {@code all}, {@code top:K} or a comma-separated list. */
    String describe();

    /** Every class but the expected one. */
    record AllButExpected() implements ConflictingLabels {
        @Override
        public int[] of(int[] ranked, int expected) {
            return Arrays.stream(ranked).filter(c -> c != expected).toArray();
        }

        @Override
        public String describe() {
            return "all";
        }
    }

    /** The {@code k} most likely classes other than the expected one. */
    record RunnersUp(int k) implements ConflictingLabels {
        public RunnersUp {
            if (k < 1) {
                throw new IllegalArgumentException("top:K needs K >= 1, got " + k);
            }
        }

        @Override
        public int[] of(int[] ranked, int expected) {
            return Arrays.stream(ranked).filter(c -> c != expected).limit(k).toArray();
        }

        @Override
        public String describe() {
            return "top:" + k;
        }
    }

    /** A fixed set (the expected class left out when it is in it). */
    record Given(Set<Integer> classes) implements ConflictingLabels {
        public Given {
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("give at least one conflicting label");
            }
            classes = Set.copyOf(classes);
        }

        @Override
        public int[] of(int[] ranked, int expected) {
            return Arrays.stream(ranked).filter(c -> c != expected && classes.contains(c)).toArray();
        }

        @Override
        public String describe() {
            return classes.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    /** {@code all}, {@code top:K}, or class indices separated by commas. */
    static ConflictingLabels parse(String text) {
        String t = text.trim();
        if (t.equals("all")) {
            return new AllButExpected();
        }
        try {
            if (t.startsWith("top:")) {
                return new RunnersUp(Integer.parseInt(t.substring(4).trim()));
            }
            Set<Integer> classes = Arrays.stream(t.split(",")).map(String::trim).map(Integer::parseInt).collect(Collectors.toSet());
            if (classes.stream().anyMatch(c -> c < 0)) {
                throw new IllegalArgumentException("conflicting labels are class indices >= 0, got '" + text + "'");
            }
            return new Given(classes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("conflicting labels: give all, top:K or class indices such as 3,5,8, not '" + text + "'");
        }
    }
}
