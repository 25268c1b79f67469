package org.tripletrec.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A uniform sample without replacement of a pool of indices, returned in ascending order. */
public final class SortedSample {
    private SortedSample() {}

    /**
     * {@code take} of the first {@code size} entries of {@code pool}, chosen uniformly by a partial Fisher-Yates
     * shuffle (which reorders {@code pool} in place), sorted ascending.
     */
    public static int[] of(int[] pool, int size, int take, SplittableRandom random) {
        if (take < 0 || take > size || size > pool.length) {
            throw new IllegalArgumentException("cannot take " + take + " of " + size);
        }
        for (int j = 0; j < take; j++) {
            int pick = j + random.nextInt(size - j);
            int t = pool[j];
            pool[j] = pool[pick];
            pool[pick] = t;
        }
        int[] sample = Arrays.copyOf(pool, take);
        Arrays.sort(sample);
        return sample;
    }
}
