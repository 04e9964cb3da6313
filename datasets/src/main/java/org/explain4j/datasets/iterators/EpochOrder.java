package org.explain4j.datasets.iterators;

import java.util.Random;

/** The order an iterator visits n samples in one epoch: file order, or a Fisher-Yates shuffle from {@code seed + epoch}. */
record EpochOrder(int n, Long seed) {

    int[] of(int epoch) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        if (seed != null) {
            Random rng = new Random(seed + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
        }
        return o;
    }
}
