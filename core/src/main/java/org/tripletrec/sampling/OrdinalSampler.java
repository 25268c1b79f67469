package org.tripletrec.sampling;

import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;

/** Ordinal: two of the user's rated items with different ratings, the higher above the lower, step scaled by the gap. */
final class OrdinalSampler implements TripletSampler {
    private final Interactions data;
    private final float scale;
    private final boolean anchored;

    OrdinalSampler(Interactions data, float scale, boolean anchored) {
        this.data = data;
        this.scale = scale;
        this.anchored = anchored;
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplittableRandom rng, Triplet out) {
        int rated = data.ratedCount(user);
        if (rated < 2) {
            return false;
        }
        var items = data.rated(user);
        int a, b;
        float ra, rb;
        if (anchored) {
            a = positive;
            ra = data.rating(user, positive);
        } else {
            int ja = rng.nextInt(rated);
            a = items.get(ja);
            ra = data.ratedValue(user, ja);
        }
        int jb = rng.nextInt(rated);
        b = items.get(jb);
        rb = data.ratedValue(user, jb);
        if (ra == rb) {
            return false;
        }
        if (ra > rb) {
            out.set(user, a, b, (ra - rb) * scale);
        } else {
            out.set(user, b, a, (rb - ra) * scale);
        }
        return true;
    }
}
