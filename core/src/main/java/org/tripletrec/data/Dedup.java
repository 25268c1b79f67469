package org.tripletrec.data;

/**
 * Collapses repeated (user, item) pairs to the latest one (greatest time; on equal times the later row) while
 * keeping the surviving rows in their original order, which {@link RatingLog#deduplicated()} does not: the
 * last:N split breaks time ties by row order.
 */
public final class Dedup {
    private Dedup() {}

    /** The log without repeats, and how many rows were dropped. */
    public record Result(RatingLog log, int removed) {}

    /**
     * Keeps the latest rating of each (user, item) pair; rows that survive keep their order. Each user's rows are
     * visited in row order, an item marked with the user that last rated it, so no sort is needed; the users are
     * shared out between the cores.
     */
    public static Result keepLatest(RatingLog log) {
        int n = log.size();
        RatingLog.UserRows byUser = log.byUser();
        int maxItem = -1;
        for (int k = 0; k < n; k++) {
            maxItem = Math.max(maxItem, log.item(k));
        }
        int items = maxItem + 1;
        boolean[] keep = new boolean[n];
        java.util.concurrent.atomic.AtomicInteger removed = new java.util.concurrent.atomic.AtomicInteger();
        int[] start = byUser.start(), order = byUser.order();
        Parallel.forRanges(byUser.users(), (fromUser, toUser) -> {
            int[] seenBy = new int[items];   // 1 + the last user whose rows named the item
            int[] latest = new int[items];   // that user's row holding the item's latest rating so far
            int dropped = 0;
            for (int u = fromUser; u < toUser; u++) {
                for (int k = start[u]; k < start[u + 1]; k++) {
                    int r = order[k];
                    int i = log.item(r);
                    if (seenBy[i] != u + 1) {
                        seenBy[i] = u + 1;
                        latest[i] = r;
                        keep[r] = true;
                        continue;
                    }
                    dropped++;
                    int best = latest[i];
                    // rows come in row order, so >= lets the later row win ties
                    if (log.time(r) >= log.time(best)) {
                        keep[best] = false;
                        keep[r] = true;
                        latest[i] = r;
                    }
                }
            }
            removed.addAndGet(dropped);
        });
        if (removed.get() == 0) {
            return new Result(log, 0);
        }
        int[] rows = new int[n - removed.get()];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (keep[r]) {
                rows[m++] = r;
            }
        }
        return new Result(log.select(rows), removed.get());
    }
}
