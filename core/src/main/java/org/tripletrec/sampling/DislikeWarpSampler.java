package org.tripletrec.sampling;

/**
 * WARP turned upside down for dislikes: take one of the user's disliked items and estimate how high it ranks by
 * drawing unrated items until one scores below it (plus the margin). The anchor's liked item must then move above
 * the dislike, with the step weighted by ln(floor((items - 1) / trials)): a dislike near the top of the list is
 * found out at once and pushed down hard, one already at the bottom costs a few dot products and no update.
 * Pushing dislikes under liked items, rather than under random unrated ones, lowers them without lifting junk.
 */
final class DislikeWarpSampler implements TripletSampler {
    private final SamplingContext ctx;
    private final int maxTrials;
    private final ViolatorSearch search;

    DislikeWarpSampler(SamplingContext ctx, int maxTrials) {
        if (ctx.userFactors() == null) {
            throw new IllegalArgumentException("disliked-warp needs the model's tables");
        }
        this.ctx = ctx;
        this.maxTrials = Math.max(1, maxTrials);
        this.search = new ViolatorSearch(ctx, this.maxTrials);
    }

    /** A copy with its own scratch space, for another thread. */
    @Override
    public TripletSampler forThread() {
        return new DislikeWarpSampler(ctx, maxTrials);
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        var data = ctx.data();
        int dislikes = data.negativeCount(user);
        if (dislikes == 0) {
            return false;
        }
        int disliked = data.negative(user, rng.nextInt(dislikes));
        search.user(user);
        int t = search.search(disliked, ctx.margin(), false, rng);
        if (t <= 0) {
            return false;
        }
        float weight = WarpSampler.rankWeight(data.numItems(), t);
        if (weight <= 0f) {
            return false;
        }
        out.set(user, positive, disliked, weight);
        return true;
    }
}
