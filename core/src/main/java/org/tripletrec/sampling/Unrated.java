package org.tripletrec.sampling;

import java.util.Map;
import java.util.WeakHashMap;
import org.tripletrec.data.Interactions;

/** Uniform draws of an item the user has not rated: the "unobserved" negatives of implicit-feedback BPR. */
final class Unrated {
    private static final int REJECTION_TRIES = 32;

    private Unrated() {}

    /**
     * A uniformly drawn unrated item of user u, or -1 when the user rated every item. Items that nobody rated are
     * left out while {@link NeverRatedItems} excludes them.
     */
    static int draw(Interactions data, int u, SplitMix rng) {
        return draw(data, RatedFilter.of(data), u, rng);
    }

    /**
     * {@link #draw(Interactions, int, SplitMix)} with the data's filter at hand: a sampler keeps it, so
     * that a draw does not look it up.
     */
    static int draw(Interactions data, RatedFilter filter, int u, SplitMix rng) {
        boolean[] never = NeverRatedItems.of(data);
        if (never != null) {
            return drawRatedBySomeone(data, filter, u, rng, never);
        }
        int n = data.numItems();
        int unrated = n - data.ratedCount(u);
        if (unrated <= 0) {
            return -1;
        }
        // Most users rated a small share of the catalogue, so rejection almost always succeeds at once.
        for (int t = 0; t < REJECTION_TRIES; t++) {
            int i = rng.nextInt(n);
            if (!filter.isRated(data, u, i)) {
                return i;
            }
        }
        return nthUnrated(data, u, rng.nextInt(unrated));
    }

    /** {@link #draw} among the items that are not {@code never}: uniform over what u did not rate but others did. */
    private static int drawRatedBySomeone(Interactions data, RatedFilter filter, int u, SplitMix rng,
                                          boolean[] never) {
        int n = data.numItems();
        for (int t = 0; t < REJECTION_TRIES; t++) {
            int i = rng.nextInt(n);
            if (!never[i] && !filter.isRated(data, u, i)) {
                return i;
            }
        }
        int candidates = 0;
        for (int i = 0; i < n; i++) {
            if (!never[i] && !data.isRated(u, i)) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return -1;
        }
        int r = rng.nextInt(candidates);
        for (int i = 0; i < n; i++) {
            if (!never[i] && !data.isRated(u, i) && r-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: " + candidates + " candidates counted");
    }

    /** The r-th (0-based) unrated item of u in index order: exact, for users who rated nearly everything. */
    static int nthUnrated(Interactions data, int u, int r) {
        int idx = r;
        int count = data.ratedCount(u);
        var rated = data.rated(u);
        for (int j = 0; j < count; j++) {
            if (rated.get(j) <= idx) {
                idx++;
            } else {
                break;
            }
        }
        return idx;
    }

    /**
     * Which (user, item) pairs are rated, answered in one memory access for most pairs, where the binary search of
     * the user's rated row costs several dependent cache misses and mispredicted branches. Each user has a segment
     * of its own, so that while an epoch stays on one user (anchor order by-user) the segment stays in cache:
     * <ul>
     *   <li>a user who rated at least one item in 32 gets an exact bit row over the whole catalogue (no more bits
     *       than the Bloom segment below would take): the answer is final;</li>
     *   <li>any other user a one-hash Bloom filter, 16 to 32 bits per rated item (a power of two, at least one
     *       word), which answers "not rated" for about 95% of the unrated items; a "maybe" goes on to the exact
     *       search.</li>
     * </ul>
     * Either way the answers are exact, so the draws are the same as without it.
     */
    static final class RatedFilter {
        private static final Map<Interactions, RatedFilter> FILTERS = new WeakHashMap<>();
        private static volatile RatedFilter last;

        private final java.lang.ref.WeakReference<Interactions> data; // weak: the map's keys must stay collectable
        private final long[] bits;
        // per user: first word << 32 | (segment bits - 1) for a Bloom segment, first word << 32 | EXACT for a bit row
        private final long[] segments;
        private static final long EXACT = 0xFFFFFFFFL;

        private RatedFilter(Interactions data) {
            this.data = new java.lang.ref.WeakReference<>(data);
            segments = new long[data.numUsers()];
            long rowWords = (data.numItems() + 63L) >>> 6;
            long words = 0;
            for (int u = 0; u < segments.length; u++) {
                long rated = data.ratedCount(u);
                long size;
                if (rowWords * 64 <= 32 * rated) {
                    size = rowWords * 64;
                    segments[u] = words << 32 | EXACT;
                } else {
                    long want = Math.max(64, 16 * rated);
                    size = Long.highestOneBit(want - 1) << 1; // the power of two >= want
                    segments[u] = words << 32 | (size - 1);
                }
                words += size >>> 6;
                if (words > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("too many rated pairs for the rated-item filter");
                }
            }
            bits = new long[(int) words];
            for (int u = 0; u < segments.length; u++) {
                var rated = data.rated(u);
                for (int j = 0; j < rated.size(); j++) {
                    set(u, rated.get(j));
                }
            }
        }

        static RatedFilter of(Interactions data) {
            RatedFilter f = last;
            if (f != null && f.data.get() == data) {
                return f;
            }
            synchronized (FILTERS) {
                f = FILTERS.computeIfAbsent(data, RatedFilter::new);
                last = f;
                return f;
            }
        }

        private static long hash(int u, int i) {
            long h = ((long) u << 32 | (i & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 29) * 0xBF58476D1CE4E5B9L;
        }

        /** The word of u's Bloom segment that holds (u, i)'s bit; the bit is {@code 1L << hash} (the low six bits). */
        private static int word(long seg, long hash) {
            return (int) (seg >>> 32) + (int) ((hash & seg & 0xFFFFFFFFL) >>> 6);
        }

        private static boolean exact(long seg) {
            return (seg & EXACT) == EXACT;
        }

        private void set(int u, int i) {
            long seg = segments[u];
            if (exact(seg)) {
                bits[(int) (seg >>> 32) + (i >>> 6)] |= 1L << i;
            } else {
                long h = hash(u, i) >>> 32;
                bits[word(seg, h)] |= 1L << h;
            }
        }

        /** False only if u did not rate i; true if u rated i, or (a Bloom segment) may have. */
        boolean mayBeRated(int u, int i) {
            long seg = segments[u];
            if (exact(seg)) {
                return (bits[(int) (seg >>> 32) + (i >>> 6)] & (1L << i)) != 0;
            }
            long h = hash(u, i) >>> 32;
            return (bits[word(seg, h)] & (1L << h)) != 0;
        }

        /** Whether u rated i ({@code data} is the data this filter was built from): {@link Interactions#isRated}. */
        boolean isRated(Interactions data, int u, int i) {
            long seg = segments[u];
            if (exact(seg)) {
                return (bits[(int) (seg >>> 32) + (i >>> 6)] & (1L << i)) != 0;
            }
            long h = hash(u, i) >>> 32;
            return (bits[word(seg, h)] & (1L << h)) != 0 && data.isRated(u, i);
        }
    }
}
