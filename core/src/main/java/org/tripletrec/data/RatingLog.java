package org.tripletrec.data;

import java.util.Arrays;

/**
 * Ratings as parallel primitive columns (a few bytes per rating, no object per rating), indices into the
 * dataset's user and item {@link IdIndex}. Immutable once built.
 */
public final class RatingLog {
    private final int[] users;
    private final int[] items;
    private final float[] ratings;
    private final long[] times;
    private final int size;

    private RatingLog(int[] users, int[] items, float[] ratings, long[] times, int size) {
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.times = times;
        this.size = size;
    }

    public int size() { return size; }
    public int user(int k) { return users[k]; }
    public int item(int k) { return items[k]; }
    public float rating(int k) { return ratings[k]; }
    public long time(int k) { return times[k]; }

    /** A log holding the rows whose positions are listed in {@code rows}, in that order. */
    public RatingLog select(int[] rows) {
        Builder b = new Builder(rows.length);
        for (int r : rows) {
            b.add(users[r], items[r], ratings[r], times[r]);
        }
        return b.build();
    }

    /**
     * The same ratings with repeated (user, item) pairs collapsed to the one with the latest time (on equal
     * times the later row wins), sorted by user then item. {@link #duplicatesRemoved()} tells how many went.
     */
    public RatingLog deduplicated() {
        int[] order = userItemOrder();
        Builder b = new Builder(size);
        int removed = 0;
        for (int k = 0; k < order.length; k++) {
            int r = order[k];
            if (b.size > 0 && b.users[b.size - 1] == users[r] && b.items[b.size - 1] == items[r]) {
                removed++;
                if (times[r] >= b.times[b.size - 1]) {
                    b.ratings[b.size - 1] = ratings[r];
                    b.times[b.size - 1] = times[r];
                }
                continue;
            }
            b.add(users[r], items[r], ratings[r], times[r]);
        }
        RatingLog out = b.build();
        out.duplicatesRemoved = removed;
        return out;
    }

    private int duplicatesRemoved;

    /** How many rows {@link #deduplicated()} dropped to produce this log (0 for a log read as is). */
    public int duplicatesRemoved() { return duplicatesRemoved; }

    /** Row positions sorted by (user, item, row): counting sort on users, then a primitive sort per user. */
    private int[] userItemOrder() {
        int maxUser = -1;
        for (int k = 0; k < size; k++) {
            maxUser = Math.max(maxUser, users[k]);
        }
        int[] start = new int[maxUser + 2];
        for (int k = 0; k < size; k++) {
            start[users[k] + 1]++;
        }
        for (int u = 0; u <= maxUser; u++) {
            start[u + 1] += start[u];
        }
        int[] fill = Arrays.copyOf(start, start.length);
        int[] order = new int[size];
        for (int k = 0; k < size; k++) {
            order[fill[users[k]]++] = k;
        }
        long[] keys = new long[0];
        for (int u = 0; u <= maxUser; u++) {
            int from = start[u];
            int to = start[u + 1];
            int n = to - from;
            if (n < 2) {
                continue;
            }
            if (keys.length < n) {
                keys = new long[n];
            }
            for (int j = 0; j < n; j++) {
                int r = order[from + j];
                keys[j] = ((long) items[r] << 32) | r;
            }
            Arrays.sort(keys, 0, n);
            for (int j = 0; j < n; j++) {
                order[from + j] = (int) keys[j];
            }
        }
        return order;
    }

    /** Growable builder; {@link #build()} trims the arrays (or hands them over when they are exactly full). */
    public static final class Builder {
        private int[] users;
        private int[] items;
        private float[] ratings;
        private long[] times;
        private int size;

        public Builder() { this(1024); }

        public Builder(int capacity) {
            int c = Math.max(16, capacity);
            users = new int[c];
            items = new int[c];
            ratings = new float[c];
            times = new long[c];
        }

        public Builder add(int user, int item, float rating, long time) {
            if (size == users.length) { // also after build() handed full arrays over: they are copied first
                int c = (int) Math.min(Integer.MAX_VALUE - 8L, users.length * 3L / 2 + 16);
                users = Arrays.copyOf(users, c);
                items = Arrays.copyOf(items, c);
                ratings = Arrays.copyOf(ratings, c);
                times = Arrays.copyOf(times, c);
            }
            users[size] = user;
            items[size] = item;
            ratings[size] = rating;
            times[size] = time;
            size++;
            return this;
        }

        public int size() { return size; }

        /**
         * The log so far. A builder sized exactly (a copy of a known log, say) hands its arrays over instead of
         * copying them: 20 bytes a rating less at the loading peak (500 MB for 25 M ratings). Adding after that
         * copies them first, so a built log never changes.
         */
        public RatingLog build() {
            if (size == users.length) {
                return new RatingLog(users, items, ratings, times, size);
            }
            return new RatingLog(Arrays.copyOf(users, size), Arrays.copyOf(items, size),
                    Arrays.copyOf(ratings, size), Arrays.copyOf(times, size), size);
        }
    }
}
