package org.tripletrec.eval;

import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.Scorer;

/** Tiny hand-written data for the evaluation tests. */
final class Fixtures {
    /** Seed labels: 5 liked, <= 2 disliked, 3 and 4 neutral. */
    static final FeedbackPolicy SEED = new FeedbackPolicy(5, 2);

    private Fixtures() {}

    /** Interactions from {user, item, rating} rows. */
    static Interactions interactions(int numUsers, int numItems, int[]... rows) {
        RatingLog.Builder b = new RatingLog.Builder();
        for (int[] r : rows) {
            b.add(r[0], r[1], r[2], 0L);
        }
        return Interactions.of(b.build(), SEED, numUsers, numItems);
    }

    static int[] r(int user, int item, int rating) { return new int[] {user, item, rating}; }

    /** A scorer reading row u of a fixed matrix. */
    static Scorer matrix(float[][] scores) {
        return new Scorer() {
            @Override public int numUsers() { return scores.length; }
            @Override public int numItems() { return scores.length == 0 ? 0 : scores[0].length; }
            @Override public void scoreAll(int u, float[] out) {
                System.arraycopy(scores[u], 0, out, 0, scores[u].length);
            }
        };
    }

    static double log2(double x) { return Math.log(x) / Math.log(2); }
}
