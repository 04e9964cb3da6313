package org.explain4j.core.train;

import java.util.Random;

/** Seeded Fisher-Yates shuffles of 0..n-1, for batches and data splits. */
public final class Permutations {

    private Permutations() {
    }

    public static int[] of(int n, Random rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
