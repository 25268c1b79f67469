package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/**
 * Negative = an unrated item drawn with probability proportional to (positives + 1)^alpha: popular items the
 * user skipped are stronger evidence than obscure ones. Walker's alias table, O(1) per draw.
 */
final class PopularitySampler implements TripletSampler {
    private static final int TRIES = 64;
    private final Interactions data;
    private final float[] prob;
    private final int[] alias;
    private final Unrated.RatedFilter rated;

    PopularitySampler(Interactions data, double alpha) {
        this.data = data;
        this.rated = Unrated.RatedFilter.of(data);
        int n = data.numItems();
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(data.itemPositiveCount(i) + 1.0, alpha);
            total += w[i];
        }
        prob = new float[n];
        alias = new int[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0, nl = 0;
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            scaled[i] = w[i] * n / total;
            if (scaled[i] < 1.0) small[ns++] = i; else large[nl++] = i;
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            prob[s] = (float) scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) small[ns++] = l; else large[nl++] = l;
        }
        while (nl > 0) { int l = large[--nl]; prob[l] = 1f; alias[l] = l; }
        while (ns > 0) { int s = small[--ns]; prob[s] = 1f; alias[s] = s; }
    }

    int drawItem(SplitMix rng) {
        int i = rng.nextInt(prob.length);
        return rng.nextFloat() < prob[i] ? i : alias[i];
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out) {
        for (int t = 0; t < TRIES; t++) {
            int n = drawItem(rng);
            if (!rated.isRated(data, user, n)) {
                out.set(user, positive, n, 1f);
                return true;
            }
        }
        // A user who rated most popular items: fall back to a uniform unrated item.
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
