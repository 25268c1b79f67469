package org.tripletrec.sampling;

import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;

/**
 * The anchor above an unrated item that another user disliked together with one of this user's dislikes:
 * "what people who disliked what you disliked also disliked".
 */
final class CoDislikeSampler implements TripletSampler {
    private final Interactions data;
    private final int[] start;   // item -> first index in dislikers
    private final int[] dislikers;

    CoDislikeSampler(Interactions data) {
        this.data = data;
        int items = data.numItems();
        start = new int[items + 1];
        for (int u = 0; u < data.numUsers(); u++) {
            for (int j = 0; j < data.negativeCount(u); j++) {
                start[data.negative(u, j) + 1]++;
            }
        }
        for (int i = 0; i < items; i++) {
            start[i + 1] += start[i];
        }
        dislikers = new int[start[items]];
        int[] fill = start.clone();
        for (int u = 0; u < data.numUsers(); u++) {
            for (int j = 0; j < data.negativeCount(u); j++) {
                dislikers[fill[data.negative(u, j)]++] = u;
            }
        }
    }

    @Override
    public boolean draw(int anchor, int user, int positive, SplittableRandom rng, Triplet out) {
        int dislikes = data.negativeCount(user);
        if (dislikes == 0) {
            return false;
        }
        int d = data.negative(user, rng.nextInt(dislikes));
        int count = start[d + 1] - start[d];
        int v = dislikers[start[d] + rng.nextInt(count)];
        if (v == user) {
            return false;
        }
        int n = data.negative(v, rng.nextInt(data.negativeCount(v)));
        if (data.isRated(user, n)) {
            return false;
        }
        out.set(user, positive, n, 1f);
        return true;
    }
}
