package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;
import org.tripletrec.model.RowDots;

/**
 * WARP's search for a violating negative, shared by {@link WarpSampler} and {@link DislikeWarpSampler}: draw
 * unrated items for a user, at most {@code maxTrials}, and stop at the first whose score passes a threshold, the
 * score of a reference item (the positive, or a dislike) moved by the margin. The trial number of that item (its
 * position in draw order, from 1) is what WARP's rank estimate is made of.
 *
 * <p>Without side features the candidates are drawn in blocks (3 beside the reference item, then 8, 16, 32 at
 * most) and each block is scored in one pass of the {@link RowDots} kernel, several rows at a time, instead of one
 * dot product per trial.
 * The first passing candidate in draw order is taken, and the random stream is rewound to where it stood after
 * that candidate's draw: the numbers drawn for the rest of the block are given back, so the search finds the same
 * item at the same trial and leaves the stream where drawing one at a time leaves it. Every later draw, and so
 * the trained model, is the same as with one dot product per trial. The scores are the floats {@link LiveScorer}
 * gives. With side features each candidate is composed and scored by the {@link LiveScorer}, one at a time. Holds
 * scratch space: one per thread.
 */
final class ViolatorSearch {
    private static final int FIRST_BLOCK = 4, MAX_BLOCK = 32;
    /**
     * False makes every search draw and score one candidate at a time, as WARP was first written: tests train
     * with it to show that blocks change no float. Read when a search is made.
     */
    static boolean blocksAllowed = true;

    private final SamplingContext ctx;
    private final Interactions data;
    private final Unrated.RatedFilter rated;
    private final LiveScorer scorer;
    private final int maxTrials;
    private final boolean blocks;
    private final int[] candidates = new int[MAX_BLOCK];
    private final float[] scores = new float[MAX_BLOCK];
    private final long[] after = new long[MAX_BLOCK]; // the stream's state after each candidate's draw
    private int user;
    private int found;

    ViolatorSearch(SamplingContext ctx, int maxTrials) {
        this.ctx = ctx;
        this.data = ctx.data();
        this.rated = Unrated.RatedFilter.of(data);
        this.scorer = ctx.scorer();
        this.maxTrials = maxTrials;
        this.blocks = blocksAllowed && ctx.userFeatures() == null && ctx.itemFeatures() == null;
    }

    /** Fixes the user whose items are scored and drawn. */
    void user(int u) {
        user = u;
        scorer.user(u);
    }

    /** The item the last successful search found. */
    int found() {
        return found;
    }

    /**
     * The trial number (from 1) of the first drawn unrated item scoring above the reference item's score minus
     * {@code margin} (or below its score plus {@code margin}, if {@code above} is false), which {@link #found()}
     * then gives; 0 if none did in {@code maxTrials} trials, -1 if the user has no unrated item. Leaves {@code rng}
     * where drawing one candidate at a time leaves it.
     */
    int search(int reference, float margin, boolean above, SplitMix rng) {
        if (!blocks) {
            float ref = scorer.item(reference);
            float threshold = above ? ref - margin : ref + margin;
            for (int t = 1; t <= maxTrials; t++) {
                int n = Unrated.draw(data, rated, user, rng);
                if (n < 0) {
                    return -1;
                }
                float s = scorer.item(n);
                if (above ? s > threshold : s < threshold) {
                    found = n;
                    return t;
                }
            }
            return 0;
        }
        int dim = ctx.dim();
        float[] users = ctx.userFactors(), items = ctx.itemFactors(), bias = ctx.itemBias();
        int[] cand = candidates;
        float[] sc = scores;
        long[] state = after;
        float threshold = 0f;
        cand[0] = reference; // the first pass scores the reference item too: one dot product fewer on its own
        int lead = 1;
        for (int done = 0, block = FIRST_BLOCK; done < maxTrials; block = Math.min(MAX_BLOCK, 2 * block)) {
            int k = Math.min(block - lead, maxTrials - done);
            int drawn = 0;
            while (drawn < k) {
                int n = Unrated.draw(data, rated, user, rng);
                if (n < 0) {
                    break;
                }
                cand[lead + drawn] = n;
                state[drawn++] = rng.state();
            }
            RowDots.dots(users, user * dim, items, dim, cand, lead + drawn, sc);
            if (lead == 1) {
                float ref = bias == null ? sc[0] : sc[0] + bias[reference];
                threshold = above ? ref - margin : ref + margin;
            }
            for (int c = 0; c < drawn; c++) {
                int n = cand[lead + c];
                float s = bias == null ? sc[lead + c] : sc[lead + c] + bias[n];
                if (above ? s > threshold : s < threshold) {
                    found = n;
                    rng.restore(state[c]);
                    return done + c + 1;
                }
            }
            if (drawn < k) { // the user has no unrated item; the draws before it did not pass either
                return -1;
            }
            done += k;
            lead = 0;
        }
        return 0;
    }
}
