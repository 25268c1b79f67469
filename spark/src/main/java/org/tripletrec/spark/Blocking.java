package org.tripletrec.spark;

import java.io.Serializable;
import java.math.BigInteger;

/**
 * Splits dense indices 0..n-1 into {@code blocks} blocks of (nearly) equal size: a seeded affine permutation
 * p(x) = (a x + b) mod n scatters the indices (so neighbouring ids, which often share a sign-up time and a
 * taste, land in different blocks), then block = p(x) mod B and the row inside the block = p(x) div B.
 * Pure arithmetic: every task knows where any row lives without a lookup table. Since n < 2^31 every product
 * below fits in a long.
 */
final class Blocking implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int n;
    private final int blocks;
    private final long a, b, aInverse;

    Blocking(int n, int blocks, long seed) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1");
        }
        this.n = n;
        this.blocks = blocks;
        if (n <= 1) {
            a = 1;
            b = 0;
            aInverse = 1;
            return;
        }
        long s = mix(seed ^ 0x5DEECE66DL);
        // a multiplier coprime with n, near n / golden ratio, jittered by the seed
        long cand = 1 + Math.floorMod((long) (n * 0.6180339887) + Math.floorMod(s, 1009L), (long) n - 1);
        while (BigInteger.valueOf(cand).gcd(BigInteger.valueOf(n)).intValue() != 1) {
            cand = cand % (n - 1) + 1;
        }
        a = cand;
        b = Math.floorMod(mix(s), (long) n);
        aInverse = BigInteger.valueOf(a).modInverse(BigInteger.valueOf(n)).longValue();
    }

    int size() { return n; }
    int blocks() { return blocks; }

    private long permute(int x) {
        return (a * x + b) % n;
    }

    int block(int x) {
        return (int) (permute(x) % blocks);
    }

    int local(int x) {
        return (int) (permute(x) / blocks);
    }

    /** The global index of row {@code local} of block {@code block}. */
    int global(int block, int local) {
        long p = (long) local * blocks + block;
        return (int) (aInverse * Math.floorMod(p - b, (long) n) % n);
    }

    /** Rows in a block: the p in [0, n) with p mod B == block. */
    int blockSize(int block) {
        return n <= block ? 0 : (n - block + blocks - 1) / blocks;
    }

    /** SplitMix64's finaliser: a cheap, well-mixed hash of a long. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b) {
        return mix(a * 0x9E3779B97F4A7C15L + mix(b));
    }
}
