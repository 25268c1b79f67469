package org.tripletrec.eval;

import java.util.Arrays;

import org.tripletrec.data.IntView;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.Scorer;

/**
 * Computes every per-user metric of one user from a single sort of its scores. One instance per worker thread:
 * it owns the score, sort-key and label buffers, so users are evaluated without allocation.
 *
 * <p>The items are sorted once by (score descending, item index ascending). Walking that order gives the
 * top-k lists and the first-hit rank over candidates, and, group of tied scores by group, the three Mann-Whitney
 * counts: each (positive, negative) pair scores 2 when the positive is strictly higher and 1 when tied, in exact
 * integer arithmetic, so AUC = count / (2 * positives * negatives) with ties worth one half.
 */
final class UserRanker {
    // Column layout of one user's row of results; NaN marks "undefined for this user, leave out of the mean".
    static final int FULL_AUC = 0;
    static final int AUC_UNSEEN = 1;
    static final int POS_NEG_AUC = 2;
    static final int MRR = 3;
    static final int FIRST_K_COLUMN = 4;
    static final int PER_K = 5; // precision, recall, ndcg, map, dislike

    static int width(int numKs) { return FIRST_K_COLUMN + PER_K * numKs; }

    private static final byte TEST_POSITIVE = 1;
    private static final byte TEST_NEGATIVE = 2;
    private static final byte TRAIN_RATED = 4;

    private final Scorer scorer;
    private final Interactions train;
    private final Interactions test;
    private final int[] ks;
    private final int maxK;
    private final double[] idealDcg; // idealDcg[h] = DCG of h hits at ranks 1..h
    private final double[] discount; // discount[r] = 1 / log2(r + 1)

    private final float[] scores;
    private final long[] keys;
    private final byte[] labels;
    // Running top-k sums after r candidates, r = 0..maxK.
    private final int[] hitsAt;
    private final int[] dislikesAt;
    private final double[] dcgAt;
    private final double[] apAt;
    /** Best candidate rank (1-based) at which any user of this worker got each item; MAX_VALUE if never. */
    final int[] bestRank;

    UserRanker(Scorer scorer, Interactions train, Interactions test, int[] ks) {
        this.scorer = scorer;
        this.train = train;
        this.test = test;
        this.ks = ks;
        this.maxK = ks[ks.length - 1];
        int n = train.numItems();
        discount = new double[maxK + 1];
        idealDcg = new double[maxK + 1];
        for (int r = 1; r <= maxK; r++) {
            discount[r] = 1.0 / log2(r + 1);
            idealDcg[r] = idealDcg[r - 1] + discount[r];
        }
        scores = new float[n];
        keys = new long[n];
        labels = new byte[n];
        hitsAt = new int[maxK + 1];
        dislikesAt = new int[maxK + 1];
        dcgAt = new double[maxK + 1];
        apAt = new double[maxK + 1];
        bestRank = new int[n];
        Arrays.fill(bestRank, Integer.MAX_VALUE);
    }

    private static double log2(double x) { return Math.log(x) / Math.log(2); }

    // What one walk down the sorted list counted (2x the Mann-Whitney pair counts, so that ties stay integers).
    private long fullPos, fullNeg, fullPairs2;
    private long candPos, candNeg, candPairs2;
    private long pnNeg, pnPairs2; // pos_neg_auc's positives are exactly full_auc's
    private int candRank; // candidates (items not rated in train) seen
    private int firstHitRank; // candidate rank of the first test positive, 0 if none

    /** Writes user {@code u}'s metrics into {@code out[offset .. offset + width)}. Needs |T+(u)| >= 1. */
    void evaluate(int u, double[] out, int offset) {
        IntView testPos = test.positives(u);
        IntView testNeg = test.negatives(u);
        IntView rated = train.rated(u);
        mark(testPos, TEST_POSITIVE);
        mark(testNeg, TEST_NEGATIVE);
        mark(rated, TRAIN_RATED);
        sortByScore(u);
        walkTiedGroups();
        out[offset + FULL_AUC] = auc(fullPairs2, fullPos, fullNeg);
        out[offset + AUC_UNSEEN] = auc(candPairs2, candPos, candNeg);
        out[offset + POS_NEG_AUC] = auc(pnPairs2, fullPos, pnNeg);
        out[offset + MRR] = firstHitRank == 0 ? 0.0 : 1.0 / firstHitRank;
        writeTopK(testPos.size(), out, offset);
        unmark(testPos);
        unmark(testNeg);
        unmark(rated);
    }

    /** Fills {@link #keys} with the items in order of score descending, item index ascending. */
    private void sortByScore(int u) {
        int n = keys.length;
        scorer.scoreAll(u, scores);
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) ~sortableBits(scores[i]) << 32) | i;
        }
        Arrays.sort(keys, 0, n);
    }

    /**
     * One pass over the sorted items, group of tied scores by group: the pair counts of the three AUCs, the
     * first-hit rank, and the running top-k sums of the first {@link #maxK} candidates.
     */
    private void walkTiedGroups() {
        int n = keys.length;
        fullPos = fullNeg = fullPairs2 = candPos = candNeg = candPairs2 = pnNeg = pnPairs2 = 0;
        candRank = firstHitRank = 0;
        int g = 0;
        while (g < n) {
            int groupScore = (int) (keys[g] >>> 32);
            int end = g + 1;
            while (end < n && (int) (keys[end] >>> 32) == groupScore) {
                end++;
            }
            long gPos = 0, gCand = 0, gCandPos = 0, gTestNeg = 0;
            for (int j = g; j < end; j++) {
                int item = (int) keys[j];
                int label = labels[item];
                boolean positive = (label & TEST_POSITIVE) != 0;
                if (positive) {
                    gPos++;
                }
                if ((label & TEST_NEGATIVE) != 0) {
                    gTestNeg++;
                }
                if ((label & TRAIN_RATED) == 0) {
                    gCand++;
                    candRank++;
                    if (positive) {
                        gCandPos++;
                        if (firstHitRank == 0) {
                            firstHitRank = candRank;
                        }
                    }
                    if (candRank <= maxK) {
                        recordTopK(candRank, item, positive, (label & TEST_NEGATIVE) != 0);
                    }
                }
            }
            long gNeg = (end - g) - gPos;
            long gCandNeg = gCand - gCandPos;
            // every negative of this group is beaten by all positives above it and tied with those in it
            fullPairs2 += gNeg * (2 * fullPos + gPos);
            candPairs2 += gCandNeg * (2 * candPos + gCandPos);
            pnPairs2 += gTestNeg * (2 * fullPos + gPos);
            fullPos += gPos;
            fullNeg += gNeg;
            candPos += gCandPos;
            candNeg += gCandNeg;
            pnNeg += gTestNeg;
            g = end;
        }
    }

    /** precision, recall, ndcg, map and dislike at each k, from the running sums. */
    private void writeTopK(int numPos, double[] out, int offset) {
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            int r = Math.min(k, candRank); // fewer candidates than k: the list is short, still divided by k
            int at = offset + FIRST_K_COLUMN + PER_K * j;
            int relevant = Math.min(numPos, k);
            out[at] = hitsAt[r] / (double) k;
            out[at + 1] = hitsAt[r] / (double) numPos;
            out[at + 2] = dcgAt[r] / idealDcg[relevant];
            out[at + 3] = apAt[r] / relevant;
            out[at + 4] = dislikesAt[r] / (double) k;
        }
    }

    private void recordTopK(int rank, int item, boolean positive, boolean negative) {
        int hits = hitsAt[rank - 1] + (positive ? 1 : 0);
        hitsAt[rank] = hits;
        dislikesAt[rank] = dislikesAt[rank - 1] + (negative ? 1 : 0);
        dcgAt[rank] = dcgAt[rank - 1] + (positive ? discount[rank] : 0.0);
        apAt[rank] = apAt[rank - 1] + (positive ? hits / (double) rank : 0.0);
        if (rank < bestRank[item]) {
            bestRank[item] = rank;
        }
    }

    private static double auc(long pairs2, long pos, long neg) {
        return pos == 0 || neg == 0 ? Double.NaN : pairs2 / (2.0 * pos * neg);
    }

    private void mark(IntView items, byte label) {
        for (int j = 0; j < items.size(); j++) {
            labels[items.get(j)] |= label;
        }
    }

    private void unmark(IntView items) {
        for (int j = 0; j < items.size(); j++) {
            labels[items.get(j)] = 0;
        }
    }

    /**
     * An int whose signed order is the float order. -0 and +0 get the same key because they compare equal as
     * floats; NaN (a diverged model) gets the lowest key, below -infinity, so it is never recommended.
     */
    static int sortableBits(float score) {
        if (score != score) {
            return Integer.MIN_VALUE;
        }
        int bits = Float.floatToRawIntBits(score + 0.0f); // + 0.0f turns -0 into +0
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }
}
