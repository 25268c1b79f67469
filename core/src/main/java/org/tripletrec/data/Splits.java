package org.tripletrec.data;

import java.util.Arrays;

/**
 * Per-user train/test splits of one log. Both keep every user with a train rating: a user's last remaining
 * rating never goes to test, so no user becomes cold by the split itself. Rows keep their original order in
 * both outputs.
 */
public final class Splits {
    private Splits() {}

    /**
     * Sends {@code round(fraction * n)} of each user's n ratings to test (at most n - 1): the ones with the lowest
     * {@linkplain #draw draws}, a seeded hash of the user's and the item's ids. Which ratings go to test depends
     * on the seed, the ids and the user's other ratings only, not on the order of the rows or on how the ids are
     * numbered, so a reader that sees the rows in another order (a distributed one) makes the same split. Draws
     * of one user's ratings tie with probability about 2^-64; a tie goes to the earlier row.
     */
    public static TrainTest holdout(RatingLog log, IdIndex users, IdIndex items, double fraction, long seed) {
        return holdout(log, keys(users), keys(items), fraction, seed);
    }

    /** {@link #holdout(RatingLog, IdIndex, IdIndex, double, long)} given the {@linkplain #key keys} of the ids by index. */
    public static TrainTest holdout(RatingLog log, long[] userKeys, long[] itemKeys, double fraction, long seed) {
        return holdout(log, userKeys, itemKeys, fraction, seed, null, null);
    }

    /**
     * {@link #holdout(RatingLog, IdIndex, IdIndex, double, long)} with both parts renumbered through
     * {@code userMap} and {@code itemMap} (null: unchanged) as they are copied out, which saves the loader a copy.
     */
    static TrainTest holdout(RatingLog log, IdIndex users, IdIndex items, double fraction, long seed, int[] userMap,
                             int[] itemMap) {
        return holdout(log, keys(users), keys(items), fraction, seed, userMap, itemMap);
    }

    private static TrainTest holdout(RatingLog log, long[] userKeys, long[] itemKeys, double fraction, long seed,
                                     int[] userMap, int[] itemMap) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        return holdout(log, userKeys, itemKeys, fraction, 0, seed, userMap, itemMap);
    }

    /**
     * Sends {@code count} of each user's ratings to test (at most all but one), chosen as
     * {@link #holdout(RatingLog, IdIndex, IdIndex, double, long)} chooses them: as MovieLens 100k's ua and ub
     * splits hold out 10 per user.
     */
    public static TrainTest holdoutPerUser(RatingLog log, IdIndex users, IdIndex items, int count, long seed) {
        return holdoutPerUser(log, users, items, count, seed, null, null);
    }

    /** {@link #holdoutPerUser(RatingLog, IdIndex, IdIndex, int, long)}, renumbered as the holdout by share can be. */
    static TrainTest holdoutPerUser(RatingLog log, IdIndex users, IdIndex items, int count, long seed, int[] userMap,
                                    int[] itemMap) {
        if (count < 1) {
            throw new IllegalArgumentException("holdout:N needs N >= 1, got " + count);
        }
        return holdout(log, keys(users), keys(items), 0, count, seed, userMap, itemMap);
    }

    /** By share when {@code count} is 0, else by count; the users shared out between the cores. */
    private static TrainTest holdout(RatingLog log, long[] userKeys, long[] itemKeys, double fraction, int count,
                                     long seed, int[] userMap, int[] itemMap) {
        RatingLog.UserRows byUser = log.byUser();
        int[] start = byUser.start(), order = byUser.order();
        boolean[] toTest = new boolean[log.size()];
        Parallel.forRanges(byUser.users(), (fromUser, toUser) -> {
            long[] draws = new long[0];   // the user's draws and a copy to select in, reused from user to user
            long[] scratch = new long[0];
            for (int u = fromUser; u < toUser; u++) {
                int n = byUser.count(u);
                int k = count > 0 ? Math.min(count, n - 1) : holdoutCount(n, fraction);
                if (k <= 0) {
                    continue;
                }
                if (draws.length < n) {
                    draws = new long[Math.max(n, 2 * draws.length)];
                    scratch = new long[draws.length];
                }
                for (int j = 0; j < n; j++) {
                    int row = order[start[u] + j];
                    draws[j] = draw(seed, userKeys[log.user(row)], itemKeys[log.item(row)]);
                }
                for (int j : lowest(draws, n, k, scratch)) {
                    toTest[order[start[u] + j]] = true;
                }
            }
        });
        return partition(log, toTest, userMap, itemMap);
    }

    /** How many of a user's {@code n} ratings a holdout of {@code fraction} sends to test. */
    static int holdoutCount(int n, double fraction) {
        return (int) Math.max(0, Math.min(Math.round(fraction * n), n - 1L));
    }

    /** The holdout draw of the rating of {@code item} by {@code user}. */
    static long draw(long seed, String user, String item) {
        return draw(seed, key(user), key(item));
    }

    /**
     * The positions of the {@code k} lowest values of {@code draws} (ties: the lower position first), in
     * ascending position order.
     */
    static int[] lowest(long[] draws, int k) {
        return lowest(draws, draws.length, k, new long[draws.length]);
    }

    /** {@link #lowest(long[], int)} of {@code draws[0 .. n)}, {@code scratch} (n long at least) its working space. */
    static int[] lowest(long[] draws, int n, int k, long[] scratch) {
        System.arraycopy(draws, 0, scratch, 0, n);
        long cut = select(scratch, n, k - 1);
        int tiesTaken = k;
        for (int j = 0; j < n; j++) {
            if (draws[j] < cut) {
                tiesTaken--;
            }
        }
        int[] picked = new int[k];
        int m = 0;
        for (int j = 0; j < n && m < k; j++) {
            if (draws[j] < cut || (draws[j] == cut && tiesTaken-- > 0)) {
                picked[m++] = j;
            }
        }
        return picked;
    }

    /**
     * The value of rank {@code rank} (0 for the smallest) of {@code a}, which it reorders: the value
     * {@code Arrays.sort(a)} would leave at {@code a[rank]}, found by partitioning around a median of three
     * (equal values kept together) in expected linear time instead of a sort.
     */
    static long select(long[] a, int rank) {
        return select(a, a.length, rank);
    }

    /** {@link #select(long[], int)} among {@code a[0 .. n)}. */
    static long select(long[] a, int n, int rank) {
        int lo = 0;
        int hi = n - 1;
        while (hi - lo >= 16) {
            long x = a[lo], y = a[(lo + hi) >>> 1], z = a[hi];
            long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            // [lo, lt) below the pivot, [lt, i) equal to it, (gt, hi] above it
            int lt = lo, i = lo, gt = hi;
            while (i <= gt) {
                long v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (rank < lt) {
                hi = lt - 1;
            } else if (rank > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        Arrays.sort(a, lo, hi + 1);
        return a[rank];
    }

    private static long draw(long seed, long userKey, long itemKey) {
        return mix(mix(seed ^ userKey) + itemKey);
    }

    /** The {@linkplain #key keys} of an index's ids, by index. */
    public static long[] keys(IdIndex ids) {
        long[] keys = new long[ids.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = key(ids.id(k));
        }
        return keys;
    }

    /** A 64-bit hash of an id (FNV-1a over its chars, then mixed): the same on every JVM. */
    public static long key(String id) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < id.length(); k++) {
            h = (h ^ id.charAt(k)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Sends each user's {@code n} latest ratings (by time; among equal times the later row counts as later) to
     * test, but never all of them: a user with n or fewer ratings keeps the oldest one in train.
     */
    public static TrainTest last(RatingLog log, int n) {
        return last(log, n, null, null);
    }

    /** {@link #last(RatingLog, int)}, both parts renumbered through {@code userMap} and {@code itemMap} (null: unchanged). */
    static TrainTest last(RatingLog log, int n, int[] userMap, int[] itemMap) {
        if (n < 1) {
            throw new IllegalArgumentException("last:N needs N >= 1, got " + n);
        }
        RatingLog.UserRows byUser = log.byUser();
        boolean[] toTest = new boolean[log.size()];
        int[] rows = new int[0];
        for (int u = 0; u < byUser.users(); u++) {
            int size = byUser.count(u);
            int k = Math.min(n, size - 1);
            if (k <= 0) {
                continue;
            }
            if (rows.length < size) {
                rows = new int[size];
            }
            System.arraycopy(byUser.order(), byUser.start()[u], rows, 0, size);
            // rows arrive in row order and the sort is stable, so equal times stay in row order
            RowSort.byKey(rows, 0, size, log::time);
            for (int j = size - k; j < size; j++) {
                toTest[rows[j]] = true;
            }
        }
        return partition(log, toTest, userMap, itemMap);
    }

    private static TrainTest partition(RatingLog log, boolean[] toTest, int[] userMap, int[] itemMap) {
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
        return new TrainTest(log.select(train, userMap, itemMap), log.select(test, userMap, itemMap));
    }
}
