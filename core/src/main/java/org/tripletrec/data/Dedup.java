package org.tripletrec.data;

import java.util.Arrays;

/**
 * Collapses repeated (user, item) pairs to the latest one (greatest time; on equal times the later row) while
 * keeping the surviving rows in their original order, which {@link RatingLog#deduplicated()} does not: the
 * last:N split breaks time ties by row order.
 */
public final class Dedup {
    private Dedup() {}

    /** The log without repeats, and how many rows were dropped. */
    public record Result(RatingLog log, int removed) {}

    /** Keeps the latest rating of each (user, item) pair; rows that survive keep their order. */
    public static Result keepLatest(RatingLog log) {
        int n = log.size();
        int[] order = byUserThenItemThenRow(log);
        boolean[] keep = new boolean[n];
        int removed = 0;
        int best = -1;
        for (int k = 0; k < n; k++) {
            int r = order[k];
            if (best >= 0 && log.user(best) == log.user(r) && log.item(best) == log.item(r)) {
                removed++;
                // rows come in row order, so >= lets the later row win ties
                if (log.time(r) >= log.time(best)) {
                    keep[best] = false;
                    keep[r] = true;
                    best = r;
                }
                continue;
            }
            keep[r] = true;
            best = r;
        }
        if (removed == 0) {
            return new Result(log, 0);
        }
        int[] rows = new int[n - removed];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (keep[r]) {
                rows[m++] = r;
            }
        }
        return new Result(log.select(rows), removed);
    }

    /** Counting sort on users, then a primitive sort of (item, row) keys within each user. */
    private static int[] byUserThenItemThenRow(RatingLog log) {
        int n = log.size();
        int maxUser = -1;
        for (int k = 0; k < n; k++) {
            maxUser = Math.max(maxUser, log.user(k));
        }
        int[] start = new int[maxUser + 2];
        for (int k = 0; k < n; k++) {
            start[log.user(k) + 1]++;
        }
        for (int u = 0; u <= maxUser; u++) {
            start[u + 1] += start[u];
        }
        int[] fill = Arrays.copyOf(start, start.length);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[fill[log.user(k)]++] = k;
        }
        long[] keys = new long[0];
        for (int u = 0; u <= maxUser; u++) {
            int from = start[u];
            int size = start[u + 1] - from;
            if (size < 2) {
                continue;
            }
            if (keys.length < size) {
                keys = new long[size];
            }
            for (int j = 0; j < size; j++) {
                int r = order[from + j];
                keys[j] = ((long) log.item(r) << 32) | r;
            }
            Arrays.sort(keys, 0, size);
            for (int j = 0; j < size; j++) {
                order[from + j] = (int) keys[j];
            }
        }
        return order;
    }
}
