package org.tripletrec.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

/** Small random rating sets for tests that compare two training paths on the same data. */
public final class RandomRatings {
    private RandomRatings() {
    }

    /**
     * Every user rates each of the first {@code ratedItems} items with a probability of their own, drawn between
     * 0.02 and {@code 0.02 + spread}, each rating a star from 1 to 5; the other items nobody rated. Seed labels:
     * 5 is a like, 2 or less a dislike.
     */
    public static Interactions of(int users, int items, int ratedItems, double spread, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < users; u++) {
            double share = 0.02 + spread * rng.nextDouble();
            for (int i = 0; i < ratedItems; i++) {
                if (rng.nextDouble() < share) {
                    b.add(u, i, 1 + rng.nextInt(5), 0);
                }
            }
        }
        return Interactions.of(b.build(), new FeedbackPolicy(5, 2), users, items);
    }

    /** The ids prefix0 .. prefix(n-1). */
    public static IdIndex ids(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            l.add(prefix + k);
        }
        return IdIndex.of(l);
    }
}
