package org.tripletrec.data;

import java.util.Arrays;

/**
 * The training view of a rating log: for every user the sorted item indices they liked, disliked, rated
 * neutrally and rated at all (compressed rows). Immutable. Positives are also addressable as one flat list of
 * "anchors" (user-major order), which is what an epoch iterates over.
 */
public final class Interactions {
    private final int numUsers;
    private final int numItems;
    private final FeedbackPolicy policy;
    private final int[] posStart, posItems;
    private final int[] negStart, negItems;
    private final int[] midStart, midItems;
    private final int[] ratedStart, ratedItems;
    private final float[] ratedValues; // the rating of each ratedItems entry
    private final int[] anchorUser;
    private final int[] itemPositiveCounts;

    private Interactions(int numUsers, int numItems, FeedbackPolicy policy, int[] posStart, int[] posItems,
                         int[] negStart, int[] negItems, int[] midStart, int[] midItems, int[] ratedStart,
                         int[] ratedItems, float[] ratedValues) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.policy = policy;
        this.posStart = posStart;
        this.posItems = posItems;
        this.negStart = negStart;
        this.negItems = negItems;
        this.midStart = midStart;
        this.midItems = midItems;
        this.ratedStart = ratedStart;
        this.ratedItems = ratedItems;
        this.ratedValues = ratedValues;
        anchorUser = new int[posItems.length];
        for (int u = 0; u < numUsers; u++) {
            Arrays.fill(anchorUser, posStart[u], posStart[u + 1], u);
        }
        itemPositiveCounts = new int[numItems];
        for (int i : posItems) {
            itemPositiveCounts[i]++;
        }
    }

    /**
     * Builds the view. Repeated (user, item) pairs keep the latest rating (the greatest time; on equal times the
     * later row). Indices must lie below {@code numUsers} and {@code numItems}.
     */
    public static Interactions of(RatingLog log, FeedbackPolicy policy, int numUsers, int numItems) {
        checkIndices(log, numUsers, numItems);
        RatingLog.UserRows rows = log.byUserThenItem();
        int[] order = rows.order(), rowStart = rows.start();
        // Two passes over each user's distinct pairs, the users shared out between the cores: count each user's
        // items of each kind, then (after the counts become offsets) fill them in.
        int[] posStart = new int[numUsers + 1], negStart = new int[numUsers + 1], midStart = new int[numUsers + 1],
                ratedStart = new int[numUsers + 1];
        Parallel.forRanges(rows.users(), (fromUser, toUser) -> {
            for (int u = fromUser; u < toUser; u++) {
                for (int k = rowStart[u], end = rowStart[u + 1]; k < end; ) {
                    int runEnd = runEnd(log, order, k, end);
                    int r = latest(log, order, k, runEnd);
                    ratedStart[u + 1]++;
                    switch (policy.polarity(log.rating(r))) {
                        case POSITIVE -> posStart[u + 1]++;
                        case NEGATIVE -> negStart[u + 1]++;
                        default -> midStart[u + 1]++;
                    }
                    k = runEnd;
                }
            }
        });
        for (int u = 0; u < numUsers; u++) {
            posStart[u + 1] += posStart[u];
            negStart[u + 1] += negStart[u];
            midStart[u + 1] += midStart[u];
            ratedStart[u + 1] += ratedStart[u];
        }
        int[] posItems = new int[posStart[numUsers]], negItems = new int[negStart[numUsers]],
                midItems = new int[midStart[numUsers]], ratedItems = new int[ratedStart[numUsers]];
        float[] values = new float[ratedItems.length];
        Parallel.forRanges(rows.users(), (fromUser, toUser) -> {
            for (int u = fromUser; u < toUser; u++) {
                int p = posStart[u], ng = negStart[u], m = midStart[u], all = ratedStart[u];
                for (int k = rowStart[u], end = rowStart[u + 1]; k < end; ) {
                    int runEnd = runEnd(log, order, k, end);
                    int r = latest(log, order, k, runEnd);
                    int i = log.item(r);
                    values[all] = log.rating(r);
                    ratedItems[all++] = i;
                    switch (policy.polarity(log.rating(r))) {
                        case POSITIVE -> posItems[p++] = i;
                        case NEGATIVE -> negItems[ng++] = i;
                        default -> midItems[m++] = i;
                    }
                    k = runEnd;
                }
            }
        });
        return new Interactions(numUsers, numItems, policy, posStart, posItems, negStart, negItems, midStart,
                midItems, ratedStart, ratedItems, values);
    }

    /** The end (at most {@code end}) of the run of rows in {@code order} from {@code k} that share one item. */
    private static int runEnd(RatingLog log, int[] order, int k, int end) {
        int i = log.item(order[k]);
        int e = k + 1;
        while (e < end && log.item(order[e]) == i) {
            e++;
        }
        return e;
    }

    /** The row of a run (rows in row order) that holds the latest rating: greatest time, later row on a tie. */
    private static int latest(RatingLog log, int[] order, int from, int to) {
        int best = order[from];
        for (int k = from + 1; k < to; k++) {
            if (log.time(order[k]) >= log.time(best)) {
                best = order[k];
            }
        }
        return best;
    }

    /**
     * The view of what a model carries as rated ({@code rated}: already sorted and distinct per user), over
     * {@code numItems} items: one pass, no sorting, and the rated rows and their ratings are shared, not copied.
     */
    public static Interactions of(RatedItems rated, FeedbackPolicy policy, int numItems) {
        int numUsers = rated.numUsers();
        int[] start = rated.starts(), items = rated.itemIndices();
        float[] ratings = rated.ratingValues();
        int[] posStart = new int[numUsers + 1], negStart = new int[numUsers + 1], midStart = new int[numUsers + 1];
        for (int u = 0; u < numUsers; u++) {
            int likes = 0, dislikes = 0;
            for (int k = start[u]; k < start[u + 1]; k++) {
                checkIndex(items[k], numItems, "item");
                switch (policy.polarity(ratings[k])) {
                    case POSITIVE -> likes++;
                    case NEGATIVE -> dislikes++;
                    default -> { }
                }
            }
            posStart[u + 1] = posStart[u] + likes;
            negStart[u + 1] = negStart[u] + dislikes;
            midStart[u + 1] = midStart[u] + (start[u + 1] - start[u] - likes - dislikes);
        }
        int[] posItems = new int[posStart[numUsers]], negItems = new int[negStart[numUsers]],
                midItems = new int[midStart[numUsers]];
        for (int u = 0; u < numUsers; u++) {
            int p = posStart[u], d = negStart[u], m = midStart[u];
            for (int k = start[u]; k < start[u + 1]; k++) {
                switch (policy.polarity(ratings[k])) {
                    case POSITIVE -> posItems[p++] = items[k];
                    case NEGATIVE -> negItems[d++] = items[k];
                    default -> midItems[m++] = items[k];
                }
            }
        }
        return new Interactions(numUsers, numItems, policy, posStart, posItems, negStart, negItems, midStart,
                midItems, start, items, ratings);
    }

    /** {@link #checkIndex} of every row's user and item, on all cores; the failure is that of the first bad row. */
    private static void checkIndices(RatingLog log, int numUsers, int numItems) {
        int n = log.size();
        int[] firstBad = new int[Parallel.pieces(n)];
        Parallel.forPieces(n, (p, from, to) -> {
            firstBad[p] = -1;
            for (int k = from; k < to; k++) {
                int u = log.user(k), i = log.item(k);
                if (u < 0 || u >= numUsers || i < 0 || i >= numItems) {
                    firstBad[p] = k;
                    return;
                }
            }
        });
        for (int k : firstBad) {
            if (k >= 0) {
                checkIndex(log.user(k), numUsers, "user");
                checkIndex(log.item(k), numItems, "item");
            }
        }
    }

    private static void checkIndex(int idx, int bound, String what) {
        if (idx < 0 || idx >= bound) {
            throw new IllegalArgumentException(what + " index " + idx + " outside 0.." + (bound - 1));
        }
    }

    public int numUsers() { return numUsers; }
    public int numItems() { return numItems; }
    public FeedbackPolicy policy() { return policy; }

    public IntView positives(int u) { return new IntView(posItems, posStart[u], posStart[u + 1]); }
    public IntView negatives(int u) { return new IntView(negItems, negStart[u], negStart[u + 1]); }
    public IntView neutrals(int u) { return new IntView(midItems, midStart[u], midStart[u + 1]); }
    public IntView rated(int u) { return new IntView(ratedItems, ratedStart[u], ratedStart[u + 1]); }

    public int positiveCount(int u) { return posStart[u + 1] - posStart[u]; }
    public int negativeCount(int u) { return negStart[u + 1] - negStart[u]; }
    public int neutralCount(int u) { return midStart[u + 1] - midStart[u]; }
    public int ratedCount(int u) { return ratedStart[u + 1] - ratedStart[u]; }

    // Allocation-free accessors for the training loop.
    public int positive(int u, int j) { return posItems[posStart[u] + j]; }
    public int negative(int u, int j) { return negItems[negStart[u] + j]; }
    public int neutral(int u, int j) { return midItems[midStart[u] + j]; }

    public boolean isPositive(int u, int i) { return Arrays.binarySearch(posItems, posStart[u], posStart[u + 1], i) >= 0; }
    public boolean isNegative(int u, int i) { return Arrays.binarySearch(negItems, negStart[u], negStart[u + 1], i) >= 0; }
    /** The rating user u gave item i, or NaN if none. */
    public float rating(int u, int i) {
        int k = Arrays.binarySearch(ratedItems, ratedStart[u], ratedStart[u + 1], i);
        return k >= 0 ? ratedValues[k] : Float.NaN;
    }

    /** The rating of the j-th item in {@link #rated(int)}. */
    public float ratedValue(int u, int j) { return ratedValues[ratedStart[u] + j]; }

    public boolean isRated(int u, int i) { return Arrays.binarySearch(ratedItems, ratedStart[u], ratedStart[u + 1], i) >= 0; }

    /** Number of positive (user, item) pairs: the anchors of an epoch. */
    public int anchorCount() { return posItems.length; }
    public int anchorUser(int anchor) { return anchorUser[anchor]; }
    /** The first anchor of user u: u's anchors are {@code anchorStart(u) .. anchorStart(u) + positiveCount(u) - 1}. */
    public int anchorStart(int u) { return posStart[u]; }
    public int anchorItem(int anchor) { return posItems[anchor]; }

    public int totalNegatives() { return negItems.length; }
    public int totalNeutrals() { return midItems.length; }
    public int totalRated() { return ratedItems.length; }

    /** How many users liked each item (the popularity baseline's score). */
    public int[] itemPositiveCounts() { return itemPositiveCounts.clone(); }
    public int itemPositiveCount(int i) { return itemPositiveCounts[i]; }
}
