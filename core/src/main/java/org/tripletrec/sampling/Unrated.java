package org.tripletrec.sampling;

import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;

/** Uniform draws of an item the user has not rated: the "unobserved" negatives of implicit-feedback BPR. */
final class Unrated {
    private static final int REJECTION_TRIES = 32;

    private Unrated() {}

    /** A uniformly drawn unrated item of user u, or -1 when the user rated every item. */
    static int draw(Interactions data, int u, SplittableRandom rng) {
        int n = data.numItems();
        int unrated = n - data.ratedCount(u);
        if (unrated <= 0) {
            return -1;
        }
        // Most users rated a small share of the catalogue, so rejection almost always succeeds at once.
        for (int t = 0; t < REJECTION_TRIES; t++) {
            int i = rng.nextInt(n);
            if (!data.isRated(u, i)) {
                return i;
            }
        }
        return nthUnrated(data, u, rng.nextInt(unrated));
    }

    /** The r-th (0-based) unrated item of u in index order: exact, for users who rated nearly everything. */
    static int nthUnrated(Interactions data, int u, int r) {
        int idx = r;
        int count = data.ratedCount(u);
        var rated = data.rated(u);
        for (int j = 0; j < count; j++) {
            if (rated.get(j) <= idx) {
                idx++;
            } else {
                break;
            }
        }
        return idx;
    }
}
