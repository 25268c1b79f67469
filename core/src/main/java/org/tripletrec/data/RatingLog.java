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

    /** A log of these columns as they stand (not copied), all of one length. */
    static RatingLog of(int[] users, int[] items, float[] ratings, long[] times) {
        if (items.length != users.length || ratings.length != users.length || times.length != users.length) {
            throw new IllegalArgumentException("columns of different lengths");
        }
        return new RatingLog(users, items, ratings, times, users.length);
    }

    public int size() { return size; }
    public int user(int k) { return users[k]; }
    public int item(int k) { return items[k]; }
    public float rating(int k) { return ratings[k]; }
    public long time(int k) { return times[k]; }

    /** A log holding the rows whose positions are listed in {@code rows}, in that order. */
    public RatingLog select(int[] rows) {
        return select(rows, null, null);
    }

    /**
     * {@link #select(int[])} with the user and item indices mapped through {@code userMap} and {@code itemMap}
     * (null: unchanged); {@code rows} null for all rows. The rows are copied on all cores.
     */
    RatingLog select(int[] rows, int[] userMap, int[] itemMap) {
        int n = rows == null ? size : rows.length;
        int[] u = new int[n], i = new int[n];
        float[] rt = new float[n];
        long[] t = new long[n];
        Parallel.forRanges(n, (from, to) -> {
            for (int k = from; k < to; k++) {
                int r = rows == null ? k : rows[k];
                u[k] = userMap == null ? users[r] : userMap[users[r]];
                i[k] = itemMap == null ? items[r] : itemMap[items[r]];
                rt[k] = ratings[r];
                t[k] = times[r];
            }
        });
        return new RatingLog(u, i, rt, t, n);
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

    /** Row positions grouped by user: user u's rows are {@code order[start[u] .. start[u + 1])}, in row order. */
    record UserRows(int[] start, int[] order) {
        int users() { return start.length - 1; }
        int count(int u) { return start[u + 1] - start[u]; }
    }

    /** The rows grouped by user (a counting sort, so each user's rows stay in row order); users must not be negative. */
    UserRows byUser() {
        CountingSort.Grouped g = CountingSort.sort(users, size, CountingSort.bound(users, size));
        return new UserRows(g.start(), g.order());
    }

    /**
     * Row positions sorted by (user, item, row): grouped by user, then each user's rows sorted by (item, row). The
     * indices must not be negative.
     */
    int[] userItemOrder() {
        return byUserThenItem().order();
    }

    /**
     * {@link #byUser()} with each user's rows sorted by (item, row): each user's rows, in row order, sorted stably by
     * item, the users shared out between the cores.
     */
    UserRows byUserThenItem() {
        UserRows byUser = byUser();
        CountingSort.sortRuns(byUser.order(), byUser.start(), items, CountingSort.bound(items, size));
        return byUser;
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
         * Copies the rows added so far into {@code users .. times} from position {@code at} on, the user and item
         * indices mapped through {@code userMap} and {@code itemMap}.
         */
        void copyTo(int[] userMap, int[] itemMap, int[] users, int[] items, float[] ratings, long[] times, int at) {
            for (int k = 0; k < size; k++) {
                users[at + k] = userMap[this.users[k]];
                items[at + k] = itemMap[this.items[k]];
            }
            System.arraycopy(this.ratings, 0, ratings, at, size);
            System.arraycopy(this.times, 0, times, at, size);
        }

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
