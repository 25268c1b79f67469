package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/**
 * The lower rung of liked > unrated > disliked: an unrated item is preferred to one of the user's dislikes.
 * Pushes what a user said they dislike below what they have not seen, which positives alone never do.
 */
final class DislikeBelowUnratedSampler implements TripletSampler {
    private final Interactions data;
    private final Unrated.RatedFilter rated;

    DislikeBelowUnratedSampler(Interactions data) {
        this.data = data;
        this.rated = Unrated.RatedFilter.of(data);
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        int dislikes = data.negativeCount(user);
        if (dislikes == 0) {
            return false;
        }
        int unrated = Unrated.draw(data, rated, user, rng);
        if (unrated < 0) {
            return false;
        }
        out.set(user, unrated, data.negative(user, rng.nextInt(dislikes)), 1f);
        return true;
    }

    @Override
    public boolean modelFree() {
        return true;
    }
}
