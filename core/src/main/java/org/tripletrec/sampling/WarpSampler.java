package org.tripletrec.sampling;

/**
 * WSABIE's WARP (Weston et al. 2011): draw unrated items until one scores within the margin of the positive, and
 * weight the step by ln(floor((items - 1) / trials)), an estimate of how far down the positive ranks. Pairs the
 * model already ranks well cost a few dot products and no update; it is LightFM's strongest loss.
 */
final class WarpSampler implements TripletSampler {
    private final SamplingContext ctx;
    private final int maxTrials;
    private final ViolatorSearch search;

    WarpSampler(SamplingContext ctx, int maxTrials) {
        if (ctx.userFactors() == null) {
            throw new IllegalArgumentException("warp needs the model's tables");
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("warp needs at least one trial");
        }
        this.ctx = ctx;
        this.search = new ViolatorSearch(ctx, maxTrials);
        this.maxTrials = maxTrials;
    }

    /** A copy with its own scratch space, for another thread. */
    @Override
    public TripletSampler forThread() {
        return new WarpSampler(ctx, maxTrials);
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        search.user(user);
        int t = search.search(positive, ctx.margin(), true, rng);
        if (t <= 0) {
            return false;
        }
        float weight = rankWeight(ctx.data().numItems(), t);
        if (weight <= 0f) {
            return false;
        }
        out.set(user, positive, search.found(), weight);
        return true;
    }

    /** WARP's step weight for a violator found at trial t: ln(floor((items - 1) / t)), at least 0. */
    static float rankWeight(int items, int t) {
        return (float) Math.log(Math.max(1.0, Math.floor((items - 1) / (double) t)));
    }
}
