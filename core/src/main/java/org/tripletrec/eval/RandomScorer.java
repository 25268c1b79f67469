package org.tripletrec.eval;

import org.tripletrec.model.Scorer;

/**
 * The random baseline: uniform scores in [0, 1). Each score is a hash of (seed, user, item), not a draw from a
 * shared stream, so it is the same whatever order or thread users are scored in.
 */
public final class RandomScorer implements Scorer {
    private final int numUsers;
    private final int numItems;
    private final long seed;

    public RandomScorer(int numUsers, int numItems, long seed) {
        if (numUsers < 0 || numItems < 0) {
            throw new IllegalArgumentException("negative size: " + numUsers + " users, " + numItems + " items");
        }
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.seed = seed;
    }

    @Override public int numUsers() { return numUsers; }
    @Override public int numItems() { return numItems; }

    @Override
    public void scoreAll(int u, float[] out) {
        long userSeed = userSeed(u);
        for (int i = 0; i < numItems; i++) {
            out[i] = toUnitFloat(mix64(userSeed + GOLDEN * (i + 1L)));
        }
    }

    /** The score {@link #scoreAll} gives item {@code i} for user {@code u}. */
    public float score(int u, int i) {
        return toUnitFloat(mix64(userSeed(u) + GOLDEN * (i + 1L)));
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long userSeed(int u) {
        return mix64(seed ^ mix64(GOLDEN * (u + 1L)));
    }

    /** 24 random bits: every float in [0, 1) on the 2^-24 grid is equally likely. */
    private static float toUnitFloat(long bits) {
        return (bits >>> 40) * 0x1.0p-24f;
    }

    /** SplitMix64's finaliser (Stafford's variant 13): consecutive inputs give unrelated outputs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
