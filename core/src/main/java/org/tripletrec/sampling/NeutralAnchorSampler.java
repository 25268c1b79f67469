package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/**
 * Uses the "warm" ratings just below the like threshold P, in [P - 1, P) (a 4 when only 5s count as liked): the
 * anchor's liked item is replaced by one of the same user's neutral items, drawn uniformly, and kept if it is
 * warm; the wrapped sampler then finds an item to rank below it (an unrated one, for WARP). A 4 still says
 * "watched and liked it", which beats "never seen"; lukewarm 3s are left out, as they pull up what users dislike.
 */
final class NeutralAnchorSampler implements TripletSampler {
    private final Interactions data;
    private final TripletSampler inner;

    NeutralAnchorSampler(Interactions data, TripletSampler inner) {
        this.data = data;
        this.inner = inner;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        int neutrals = data.neutralCount(user);
        if (neutrals == 0) {
            return false;
        }
        int item = data.neutral(user, rng.nextInt(neutrals));
        if (data.rating(user, item) < data.policy().positiveThreshold() - 1f) {
            return false;
        }
        return inner.draw(anchor, user, item, rng, out);
    }

    @Override
    public boolean modelFree() {
        return inner.modelFree();
    }

    @Override
    public TripletSampler forThread() {
        return new NeutralAnchorSampler(data, inner.forThread());
    }
}
