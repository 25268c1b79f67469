package org.tripletrec.sampling;

import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;

/**
 * The seed's intent, per user: every liked item is paired with one of the SAME user's dislikes; a user with fewer
 * dislikes than likes is topped up at random from their neutral ratings, then from unrated items, so that (in
 * expectation) dislikes, neutrals and unrated items fill the user's pairs in that order of priority. A dislike
 * is never one of the user's liked items, by construction of the feedback policy.
 */
final class ExplicitSampler implements TripletSampler {
    private final Interactions data;

    ExplicitSampler(Interactions data) {
        this.data = data;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplittableRandom rng, Triplet out) {
        int likes = data.positiveCount(user);
        int dislikes = data.negativeCount(user);
        int r = rng.nextInt(Math.max(likes, dislikes));
        int negative;
        if (r < dislikes) {
            negative = data.negative(user, r);
        } else {
            int neutrals = data.neutralCount(user);
            int k = r - dislikes;
            if (dislikes + neutrals >= likes) {
                negative = data.neutral(user, rng.nextInt(neutrals));
            } else if (k < neutrals) {
                negative = data.neutral(user, k);
            } else {
                negative = Unrated.draw(data, user, rng);
                if (negative < 0) {
                    return false;
                }
            }
        }
        out.set(user, positive, negative, 1f);
        return true;
    }
}
