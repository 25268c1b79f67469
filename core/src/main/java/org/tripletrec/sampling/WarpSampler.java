package org.tripletrec.sampling;

import java.util.SplittableRandom;

/**
 * WSABIE's WARP (Weston et al. 2011): draw unrated items until one scores within the margin of the positive, and
 * weight the step by ln(floor((items - 1) / trials)), an estimate of how far down the positive ranks. Pairs the
 * model already ranks well cost a few dot products and no update; it is LightFM's strongest loss.
 */
final class WarpSampler implements TripletSampler {
    private final SamplingContext ctx;
    private final int maxTrials;

    WarpSampler(SamplingContext ctx, int maxTrials) {
        if (ctx.userFactors() == null) {
            throw new IllegalArgumentException("warp needs the model's tables");
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("warp needs at least one trial");
        }
        this.ctx = ctx;
        this.maxTrials = maxTrials;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplittableRandom rng, Triplet out) {
        float threshold = ctx.score(user, positive) - ctx.margin();
        int items = ctx.data().numItems();
        for (int t = 1; t <= maxTrials; t++) {
            int n = Unrated.draw(ctx.data(), user, rng);
            if (n < 0) {
                return false;
            }
            if (ctx.score(user, n) > threshold) {
                float weight = (float) Math.log(Math.max(1.0, Math.floor((items - 1) / (double) t)));
                if (weight <= 0f) {
                    return false;
                }
                out.set(user, positive, n, weight);
                return true;
            }
        }
        return false;
    }
}
