package org.tripletrec.sampling;

/**
 * A reusable slot a sampler fills: user {@code user} should score {@code positive} above {@code negative}.
 * {@code weight} scales the step (WARP's rank estimate; 1 otherwise). Mutable on purpose: one per thread, so
 * the training loop allocates nothing per triplet.
 */
public final class Triplet {
    public int user;
    public int positive;
    public int negative;
    public float weight = 1f;

    public void set(int user, int positive, int negative, float weight) {
        this.user = user;
        this.positive = positive;
        this.negative = negative;
        this.weight = weight;
    }

    @Override
    public String toString() {
        return "(" + user + ", " + positive + " > " + negative + ", w=" + weight + ")";
    }
}
