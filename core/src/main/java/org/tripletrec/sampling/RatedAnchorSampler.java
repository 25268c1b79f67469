package org.tripletrec.sampling;

import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;

/** Exposure: the anchor's liked item is replaced by any item the user rated (at least minRating). */
final class RatedAnchorSampler implements TripletSampler {
    private final Interactions data;
    private final TripletSampler inner;
    private final float minRating;

    RatedAnchorSampler(Interactions data, TripletSampler inner, float minRating) {
        this.data = data;
        this.inner = inner;
        this.minRating = minRating;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplittableRandom rng, Triplet out) {
        int rated = data.ratedCount(user);
        int j = rng.nextInt(rated);
        if (data.ratedValue(user, j) < minRating) {
            return false;
        }
        return inner.draw(anchor, user, data.rated(user).get(j), rng, out);
    }

    @Override
    public TripletSampler forThread() {
        return new RatedAnchorSampler(data, inner.forThread(), minRating);
    }
}
