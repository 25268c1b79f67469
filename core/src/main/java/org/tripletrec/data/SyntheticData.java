package org.tripletrec.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tripletrec.io.AtomicFiles;

/**
 * Synthetic ratings shaped like MovieLens, for benchmarks at any scale: planted low-rank tastes, power-law item
 * popularity, heavy-tailed user activity, and 1..5 star ratings derived from each user's affinity for the item,
 * so that there are dislikes as well as likes.
 *
 * <ul>
 *   <li>User u has a taste vector t(u) and item i a profile q(i), both rank k with standard normal entries
 *       (t scaled by 1/sqrt(k)); the affinity is a = sqrt(1 - noise) t(u).q(i) + sqrt(noise) e, e ~ N(0, 1),
 *       so a is about N(0, 1) and {@code noise} is the share of the variance no model can learn.</li>
 *   <li>Stars cut a at the normal quantiles of MovieLens's rating shares (about 6% 1s, 11% 2s, 27% 3s,
 *       34% 4s and 22% 5s).</li>
 *   <li>Which items a user rates: draws from a Zipf-like popularity (weight of the r-th most popular item
 *       proportional to (r + 10)^-exponent, ranks shuffled over the item ids), distinct per user.</li>
 *   <li>How many: every user at least {@code min(20, R / U / 4)} (at least 1), the rest shared in proportion
 *       to log-normal activity weights; the total is exactly R. No user rates more than half the catalogue.</li>
 * </ul>
 *
 * <p>The output is the tab-separated {@code user \t item \t rating \t time} layout of MovieLens 100k's
 * {@code u.data} (ids from 1, times increasing per user), which {@link RatingsReader} reads. It is written in
 * one streaming pass: memory is O(users + items + k (users + items)), never O(interactions), so 100 million
 * ratings need no more memory than one thousand. The same settings always give the same bytes.
 */
public final class SyntheticData {
    /** Cut points of a standard normal affinity: P(stars <= s) = 0.06, 0.17, 0.44, 0.78 for s = 1..4. */
    private static final double[] CUTS = {-1.5548, -0.9542, -0.1510, 0.7722};
    private static final long START_TIME = 946_684_800L; // 2000-01-01

    private final int users;
    private final int items;
    private final long interactions;
    private final long seed;
    private final int rank;
    private final double popularityExponent;
    private final double noise;

    private SyntheticData(Builder b) {
        if (b.users < 1 || b.items < 2) {
            throw new IllegalArgumentException("need at least 1 user and 2 items");
        }
        if (b.interactions < b.users) {
            throw new IllegalArgumentException("need at least one interaction per user (" + b.users + ")");
        }
        if (b.interactions > (long) b.users * (b.items / 2)) {
            throw new IllegalArgumentException(b.interactions + " interactions do not fit: a user rates at most half of "
                    + b.items + " items, so at most " + (long) b.users * (b.items / 2));
        }
        if (b.rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1");
        }
        if (!(b.popularityExponent >= 0) || !(b.noise >= 0 && b.noise <= 1)) {
            throw new IllegalArgumentException("popularity exponent must be >= 0 and noise in [0, 1]");
        }
        users = b.users;
        items = b.items;
        interactions = b.interactions;
        seed = b.seed;
        rank = b.rank;
        popularityExponent = b.popularityExponent;
        noise = b.noise;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a run wrote. {@code stars[s]} counts the ratings of s stars (index 0 unused). */
    public record Summary(int users, int items, long interactions, long[] stars) {}

    /** Writes the ratings file atomically (a temporary name, then a rename). */
    public Summary write(Path file) throws IOException {
        Summary[] result = new Summary[1];
        AtomicFiles.write(file, out -> result[0] = write(out));
        return result[0];
    }

    /** Streams the ratings to {@code out} (not closed). */
    public Summary write(OutputStream out) throws IOException {
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom tasteRng = master.split();
        SplittableRandom itemRng = master.split();
        SplittableRandom countRng = master.split();
        SplittableRandom drawRng = master.split();

        float[] profile = new float[items * rank];
        for (int k = 0; k < profile.length; k++) {
            profile[k] = (float) itemRng.nextGaussian();
        }
        Alias popularity = new Alias(popularityWeights(itemRng));
        int[] counts = userCounts(countRng);

        float signal = (float) Math.sqrt(1 - noise), spread = (float) Math.sqrt(noise);
        float tasteScale = signal / (float) Math.sqrt(rank);
        float[] taste = new float[rank];
        int[] seenBy = new int[items];
        java.util.Arrays.fill(seenBy, -1);
        long[] stars = new long[6];
        Line line = new Line(out);
        for (int u = 0; u < users; u++) {
            for (int k = 0; k < rank; k++) {
                taste[k] = (float) tasteRng.nextGaussian() * tasteScale;
            }
            long time = START_TIME + drawRng.nextLong(400L * 86_400);
            for (int c = 0; c < counts[u]; c++) {
                int i;
                do {
                    i = popularity.draw(drawRng);
                } while (seenBy[i] == u);
                seenBy[i] = u;
                float a = 0f;
                int po = i * rank;
                for (int k = 0; k < rank; k++) {
                    a += taste[k] * profile[po + k];
                }
                a += spread * (float) drawRng.nextGaussian();
                int s = 1;
                while (s < 5 && a > CUTS[s - 1]) {
                    s++;
                }
                stars[s]++;
                time += 1 + drawRng.nextInt(3600);
                line.write(u + 1, i + 1, s, time);
            }
        }
        line.flush();
        return new Summary(users, items, interactions, stars);
    }

    /** Zipf-like weights over popularity ranks, the ranks shuffled over item ids. */
    private double[] popularityWeights(SplittableRandom rng) {
        int[] rankOf = new int[items];
        for (int i = 0; i < items; i++) {
            rankOf[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rankOf[i];
            rankOf[i] = rankOf[j];
            rankOf[j] = t;
        }
        double[] w = new double[items];
        for (int i = 0; i < items; i++) {
            w[i] = Math.pow(rankOf[i] + 10.0, -popularityExponent);
        }
        return w;
    }

    /** Interactions per user: a floor each, the rest in proportion to log-normal weights; sums to exactly R. */
    private int[] userCounts(SplittableRandom rng) {
        int cap = items / 2;
        long floor = Math.max(1, Math.min(20, interactions / users / 4));
        double[] w = new double[users];
        double total = 0;
        for (int u = 0; u < users; u++) {
            w[u] = Math.exp(1.2 * rng.nextGaussian());
            total += w[u];
        }
        int[] counts = new int[users];
        long rest = interactions - floor * users;
        long assigned = 0;
        for (int u = 0; u < users; u++) {
            counts[u] = (int) Math.min(cap, floor + (long) Math.floor(rest * (w[u] / total)));
            assigned += counts[u];
        }
        // Rounding and the cap leave a remainder: hand it out one by one over users with room, in a random order.
        long left = interactions - assigned;
        while (left > 0) {
            int u = rng.nextInt(users);
            if (counts[u] < cap) {
                int add = (int) Math.min(left, Math.min(cap - counts[u], 1 + left / users));
                counts[u] += add;
                left -= add;
            }
        }
        return counts;
    }

    /** Walker's alias method: O(1) draws from a discrete distribution. */
    private static final class Alias {
        private final float[] prob;
        private final int[] alias;

        Alias(double[] weights) {
            int n = weights.length;
            prob = new float[n];
            alias = new int[n];
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            double[] scaled = new double[n];
            int[] small = new int[n], large = new int[n];
            int ns = 0, nl = 0;
            for (int i = 0; i < n; i++) {
                scaled[i] = weights[i] * n / sum;
                if (scaled[i] < 1) {
                    small[ns++] = i;
                } else {
                    large[nl++] = i;
                }
            }
            while (ns > 0 && nl > 0) {
                int s = small[--ns], l = large[--nl];
                prob[s] = (float) scaled[s];
                alias[s] = l;
                scaled[l] = (scaled[l] + scaled[s]) - 1;
                if (scaled[l] < 1) {
                    small[ns++] = l;
                } else {
                    large[nl++] = l;
                }
            }
            while (nl > 0) {
                prob[large[--nl]] = 1f;
            }
            while (ns > 0) {
                prob[small[--ns]] = 1f;
            }
        }

        int draw(SplittableRandom rng) {
            int i = rng.nextInt(prob.length);
            return rng.nextFloat() < prob[i] ? i : alias[i];
        }
    }

    /** Formats lines of ASCII digits straight into a byte buffer: no String per line. */
    private static final class Line {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private final byte[] digits = new byte[20];
        private int pos;

        Line(OutputStream out) {
            this.out = out; // buffered here, in buf
        }

        void write(int user, int item, int stars, long time) throws IOException {
            if (pos > buf.length - 64) {
                flushBuffer();
            }
            number(user);
            buf[pos++] = '\t';
            number(item);
            buf[pos++] = '\t';
            buf[pos++] = (byte) ('0' + stars);
            buf[pos++] = '\t';
            number(time);
            buf[pos++] = '\n';
        }

        private void number(long v) {
            int n = 0;
            do {
                digits[n++] = (byte) ('0' + (v % 10));
                v /= 10;
            } while (v > 0);
            while (n > 0) {
                buf[pos++] = digits[--n];
            }
        }

        private void flushBuffer() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }

        void flush() throws IOException {
            flushBuffer();
            out.flush();
        }
    }

    /** Settings; the defaults are MovieLens 100k's shape. */
    public static final class Builder {
        private int users = 943;
        private int items = 1682;
        private long interactions = 100_000;
        private long seed = 1;
        private int rank = 8;
        private double popularityExponent = 1.0;
        private double noise = 0.5;

        public Builder users(int v) { users = v; return this; }
        public Builder items(int v) { items = v; return this; }
        public Builder interactions(long v) { interactions = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** Rank of the planted tastes (default 8). */
        public Builder rank(int v) { rank = v; return this; }
        /** Exponent of the Zipf-like item popularity (default 1.0). */
        public Builder popularityExponent(double v) { popularityExponent = v; return this; }
        /** Share of the affinity's variance that is noise, 0..1 (default 0.5). */
        public Builder noise(double v) { noise = v; return this; }

        public SyntheticData build() {
            return new SyntheticData(this);
        }
    }
}
