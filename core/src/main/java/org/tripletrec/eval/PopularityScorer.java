package org.tripletrec.eval;

import org.tripletrec.data.Interactions;
import org.tripletrec.model.Scorer;

/** The popularity baseline: every user gets the same scores, the number of train positives of each item. */
public final class PopularityScorer implements Scorer {
    private final int numUsers;
    private final float[] counts;

    public PopularityScorer(Interactions train) {
        numUsers = train.numUsers();
        int[] positives = train.itemPositiveCounts();
        counts = new float[positives.length];
        for (int i = 0; i < positives.length; i++) {
            counts[i] = positives[i];
        }
    }

    @Override public int numUsers() { return numUsers; }
    @Override public int numItems() { return counts.length; }

    @Override
    public void scoreAll(int u, float[] out) {
        System.arraycopy(counts, 0, out, 0, counts.length);
    }
}
