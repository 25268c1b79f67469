package org.tripletrec.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per-user train/test splits of one log. Both keep every user with a train rating: a user's last remaining
 * rating never goes to test, so no user becomes cold by the split itself. Rows keep their original order in
 * both outputs.
 */
public final class Splits {
    private Splits() {}

    /**
     * Sends {@code round(fraction * n)} of each user's n ratings, chosen at random, to test (at most n - 1).
     * The same log and seed always give the same split.
     */
    public static TrainTest holdout(RatingLog log, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        ByUser byUser = ByUser.of(log);
        boolean[] toTest = new boolean[log.size()];
        SplittableRandom random = new SplittableRandom(seed);
        int[] rows = new int[0];
        for (int u = 0; u < byUser.users(); u++) {
            int n = byUser.count(u);
            int k = (int) Math.min(Math.round(fraction * n), n - 1L);
            if (k <= 0) {
                continue;
            }
            if (rows.length < n) {
                rows = new int[n];
            }
            System.arraycopy(byUser.order, byUser.start[u], rows, 0, n);
            // partial Fisher-Yates: the first k slots end up a uniform random k-subset
            for (int j = 0; j < k; j++) {
                int pick = j + random.nextInt(n - j);
                int tmp = rows[j];
                rows[j] = rows[pick];
                rows[pick] = tmp;
                toTest[rows[j]] = true;
            }
        }
        return partition(log, toTest);
    }

    /**
     * Sends each user's {@code n} latest ratings (by time; among equal times the later row counts as later) to
     * test, but never all of them: a user with n or fewer ratings keeps the oldest one in train.
     */
    public static TrainTest last(RatingLog log, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("last:N needs N >= 1, got " + n);
        }
        ByUser byUser = ByUser.of(log);
        boolean[] toTest = new boolean[log.size()];
        int[] rows = new int[0];
        int[] scratch = new int[0];
        for (int u = 0; u < byUser.users(); u++) {
            int size = byUser.count(u);
            int k = Math.min(n, size - 1);
            if (k <= 0) {
                continue;
            }
            if (rows.length < size) {
                rows = new int[size];
                scratch = new int[size];
            }
            System.arraycopy(byUser.order, byUser.start[u], rows, 0, size);
            // rows arrive in row order and the merge sort is stable, so equal times stay in row order
            mergeSortByTime(log, rows, scratch, 0, size);
            for (int j = size - k; j < size; j++) {
                toTest[rows[j]] = true;
            }
        }
        return partition(log, toTest);
    }

    /** Stable sort of row positions by their time, without boxing. */
    private static void mergeSortByTime(RatingLog log, int[] a, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSortByTime(log, a, tmp, from, mid);
        mergeSortByTime(log, a, tmp, mid, to);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            // <= keeps equal times in row order (stable)
            if (log.time(a[i]) <= log.time(a[j])) {
                tmp[k++] = a[i++];
            } else {
                tmp[k++] = a[j++];
            }
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < to) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, from, a, from, to - from);
    }

    private static TrainTest partition(RatingLog log, boolean[] toTest) {
        int testSize = 0;
        for (boolean t : toTest) {
            if (t) {
                testSize++;
            }
        }
        int[] train = new int[log.size() - testSize];
        int[] test = new int[testSize];
        int a = 0;
        int b = 0;
        for (int r = 0; r < log.size(); r++) {
            if (toTest[r]) {
                test[b++] = r;
            } else {
                train[a++] = r;
            }
        }
        return new TrainTest(log.select(train), log.select(test));
    }

    /** Row positions grouped by user (counting sort), each group in row order. */
    private record ByUser(int[] start, int[] order) {
        static ByUser of(RatingLog log) {
            int maxUser = -1;
            for (int k = 0; k < log.size(); k++) {
                maxUser = Math.max(maxUser, log.user(k));
            }
            int[] start = new int[maxUser + 2];
            for (int k = 0; k < log.size(); k++) {
                start[log.user(k) + 1]++;
            }
            for (int u = 0; u <= maxUser; u++) {
                start[u + 1] += start[u];
            }
            int[] fill = Arrays.copyOf(start, start.length);
            int[] order = new int[log.size()];
            for (int k = 0; k < log.size(); k++) {
                order[fill[log.user(k)]++] = k;
            }
            return new ByUser(start, order);
        }

        int users() { return start.length - 1; }
        int count(int u) { return start[u + 1] - start[u]; }
    }
}
