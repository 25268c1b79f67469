package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/**
 * The seed's code exactly, defects included (MODEL.md, defects 1-3), to reproduce its published run:
 * negatives are the disliked cells plus the FIRST (likes - dislikes) cells rated just above the dislike threshold
 * (the seed's rating == 3), in row-major order, and the k-th liked cell in row-major order is paired with the
 * k-th negative cell, whichever user it belongs to. The pairing is fixed for the whole run.
 */
final class SeedLiteralSampler implements TripletSampler {
    private final int[] pairedNegative; // by anchor; -1 past the end of the negative list

    SeedLiteralSampler(Interactions data) {
        float topUpMax = data.policy().negativeThreshold() + 1f;
        int likes = data.anchorCount();
        int deficit = likes - data.totalNegatives();
        // Row-major walk over all cells: a cell is a negative if disliked, or one of the first `deficit` top-ups.
        int[] negatives = new int[likes];
        int count = 0;
        int toppedUp = 0;
        for (int u = 0; u < data.numUsers() && count < likes; u++) {
            var rated = data.rated(u);
            for (int j = 0; j < rated.size() && count < likes; j++) {
                int item = rated.get(j);
                float r = data.ratedValue(u, j);
                boolean disliked = r <= data.policy().negativeThreshold();
                boolean topUp = !disliked && toppedUp < deficit && r <= topUpMax
                        && r < data.policy().positiveThreshold();
                if (topUp) {
                    toppedUp++;
                }
                if (disliked || topUp) {
                    negatives[count++] = item;
                }
            }
        }
        pairedNegative = new int[likes];
        for (int k = 0; k < likes; k++) {
            pairedNegative[k] = k < count ? negatives[k] : -1;
        }
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        int n = pairedNegative[anchor];
        if (n < 0) {
            return false;
        }
        out.set(user, positive, n, 1f);
        return true;
    }

    @Override
    public boolean modelFree() {
        return true;
    }
}
