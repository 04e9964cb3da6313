package org.explain4j.core.attribution.wrap;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.question.Question;

/**
 * A wrapper's rows: each of K answers repeated n times in a row (row k n + j is answer k's j-th copy),
 * with the batch row each copy is taken from and the question it keeps.
 */
record Repeats(int[] rows, List<Question> questions) {

    /** {@code from[k]} is the batch row of answer k. */
    static Repeats of(int[] from, List<Question> questions, int n) {
        int k = from.length;
        int[] rows = new int[k * n];
        List<Question> qs = new ArrayList<>(k * n);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                rows[i * n + j] = from[i];
                qs.add(questions.get(i));
            }
        }
        return new Repeats(rows, List.copyOf(qs));
    }
}
