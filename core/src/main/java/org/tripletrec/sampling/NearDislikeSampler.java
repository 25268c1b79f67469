package org.tripletrec.sampling;

import java.util.SplittableRandom;
import org.tripletrec.model.Vectors;

/** The anchor above the unrated item, of a few drawn, that is closest (dot product) to one of the user's dislikes. */
final class NearDislikeSampler implements TripletSampler {
    private final SamplingContext ctx;
    private final int candidates;

    NearDislikeSampler(SamplingContext ctx, int candidates) {
        this.ctx = ctx;
        this.candidates = Math.max(1, candidates);
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplittableRandom rng, Triplet out) {
        var data = ctx.data();
        int dislikes = data.negativeCount(user);
        if (dislikes == 0) {
            return false;
        }
        int d = data.negative(user, rng.nextInt(dislikes));
        int dim = ctx.dim();
        float[] v = ctx.itemFactors();
        int best = -1;
        float bestSim = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < candidates; t++) {
            int n = Unrated.draw(data, user, rng);
            if (n < 0) {
                return false;
            }
            float sim = Vectors.dot(v, d * dim, v, n * dim, dim);
            if (sim > bestSim) {
                bestSim = sim;
                best = n;
            }
        }
        out.set(user, positive, best, 1f);
        return true;
    }
}
