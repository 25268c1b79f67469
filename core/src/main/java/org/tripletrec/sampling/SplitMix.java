package org.tripletrec.sampling;

import java.util.random.RandomGenerator;

/**
 * The SplitMix64 generator of Steele, Lea and Flood ("Fast splittable pseudorandom number generators", OOPSLA
 * 2014), written so that every number it gives equals what {@link java.util.SplittableRandom} gives from the same
 * seed, after the same {@link #split()}s: a model trained with it has the floats it had with the JDK's class.
 * Unlike the JDK's class it can be rewound: {@link #state()} saves the stream's position and {@link #restore}
 * goes back to it, so that a sampler may draw ahead (a block of WARP candidates) and then give back the numbers
 * it did not use, leaving the stream where drawing one at a time would have left it.
 *
 * <p>The state is a 64-bit counter that advances by an odd increment (the gamma) on every draw; a draw is a
 * bijective mix of the new counter. Methods this class does not define come from {@link RandomGenerator}'s
 * defaults, built on {@link #nextLong()} and {@link #nextInt()} as the JDK's class builds them. Not thread-safe:
 * one per thread.
 */
public final class SplitMix implements RandomGenerator {
    /** The increment of a generator made from a seed: the odd integer nearest 2^64 over the golden ratio. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private static final float FLOAT_UNIT = 0x1.0p-24f;

    private long seed;
    private final long gamma; // odd

    /** The stream of {@code new java.util.SplittableRandom(seed)}. */
    public SplitMix(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private SplitMix(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /**
     * A new generator whose stream is independent of this one's for practical purposes; this one advances by
     * two draws (the child's seed, then its gamma).
     */
    public SplitMix split() {
        return new SplitMix(nextLong(), gamma(advance()));
    }

    /** The stream's position: {@link #restore} with it makes the next draws repeat the ones that followed it. */
    public long state() {
        return seed;
    }

    /** Rewinds (or winds) the stream to a position {@link #state()} gave on this generator. */
    public void restore(long state) {
        seed = state;
    }

    @Override
    public long nextLong() {
        return mix64(advance());
    }

    @Override
    public int nextInt() {
        return mix32(advance());
    }

    /**
     * Uniform in [0, bound): a power of two takes the low bits; otherwise the top 31 bits reduced modulo the bound,
     * drawn again while the value falls in the incomplete last stretch of [0, 2^31), so every residue is equally
     * likely.
     */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        int r = nextInt();
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        int u = r >>> 1;
        while (u + m - (r = u % bound) < 0) { // u - r + m overflows: u lies in the incomplete last stretch
            u = nextInt() >>> 1;
        }
        return r;
    }

    /** {@link #nextInt(int)} over longs: uniform in [0, bound). */
    @Override
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        long r = nextLong();
        long m = bound - 1;
        if ((bound & m) == 0L) {
            return r & m;
        }
        long u = r >>> 1;
        while (u + m - (r = u % bound) < 0L) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** Uniform in [0, 1) on a grid of 2^-53: the top 53 bits of {@link #nextLong()}. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [0, 1) on a grid of 2^-24: the top 24 bits of {@link #nextInt()}. */
    @Override
    public float nextFloat() {
        return (nextInt() >>> 8) * FLOAT_UNIT;
    }

    @Override
    public boolean nextBoolean() {
        return nextInt() < 0;
    }

    private long advance() {
        return seed += gamma;
    }

    /** Stafford's variant 13 of MurmurHash3's 64-bit finaliser. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Stafford's variant 4, the top 32 bits. */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /**
     * A child's gamma: MurmurHash3's finaliser made odd, with its alternate bits flipped when too few adjacent
     * bits differ (such a gamma would give a poorly mixed counter).
     */
    private static long gamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        return Long.bitCount(z ^ (z >>> 1)) < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
