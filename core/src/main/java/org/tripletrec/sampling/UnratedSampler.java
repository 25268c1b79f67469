package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/** Negative = an item the user did not rate, uniformly: liked > unrated. */
final class UnratedSampler implements TripletSampler {
    private final Interactions data;
    private final Unrated.RatedFilter rated;

    UnratedSampler(Interactions data) {
        this.data = data;
        this.rated = Unrated.RatedFilter.of(data);
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        int n = Unrated.draw(data, rated, user, rng);
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
