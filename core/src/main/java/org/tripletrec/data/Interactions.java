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

    /** The rows of likes, dislikes and neutrals per user; the rated rows flat, with their ratings. */
    private Interactions(int numUsers, int numItems, FeedbackPolicy policy, int[][] pos, int[][] neg, int[][] mid,
                         int[] ratedStart, int[] ratedItems, float[] ratedValues) {
        this.ratedValues = ratedValues;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.policy = policy;
        posStart = new int[numUsers + 1];
        posItems = flatten(pos, posStart);
        negStart = new int[numUsers + 1];
        negItems = flatten(neg, negStart);
        midStart = new int[numUsers + 1];
        midItems = flatten(mid, midStart);
        this.ratedStart = ratedStart;
        this.ratedItems = ratedItems;
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
     * Builds the view. Repeated (user, item) pairs keep the latest rating. Indices must lie below
     * {@code numUsers} and {@code numItems}.
     */
    public static Interactions of(RatingLog log, FeedbackPolicy policy, int numUsers, int numItems) {
        RatingLog dedup = log.deduplicated(); // sorted by user, then item
        int[] posCount = new int[numUsers], negCount = new int[numUsers], midCount = new int[numUsers],
                all = new int[numUsers];
        for (int k = 0; k < dedup.size(); k++) {
            int u = dedup.user(k);
            checkIndex(u, numUsers, "user");
            checkIndex(dedup.item(k), numItems, "item");
            all[u]++;
            switch (policy.polarity(dedup.rating(k))) {
                case POSITIVE -> posCount[u]++;
                case NEGATIVE -> negCount[u]++;
                default -> midCount[u]++;
            }
        }
        int[][] pos = new int[numUsers][], neg = new int[numUsers][], mid = new int[numUsers][],
                rated = new int[numUsers][];
        for (int u = 0; u < numUsers; u++) {
            pos[u] = new int[posCount[u]];
            neg[u] = new int[negCount[u]];
            mid[u] = new int[midCount[u]];
            rated[u] = new int[all[u]];
        }
        Arrays.fill(posCount, 0);
        Arrays.fill(negCount, 0);
        Arrays.fill(midCount, 0);
        Arrays.fill(all, 0);
        // dedup is sorted by user, so row k is also the k-th entry of the flattened rated rows
        float[] values = new float[dedup.size()];
        for (int k = 0; k < dedup.size(); k++) {
            int u = dedup.user(k);
            int i = dedup.item(k);
            values[k] = dedup.rating(k);
            rated[u][all[u]++] = i;
            switch (policy.polarity(dedup.rating(k))) {
                case POSITIVE -> pos[u][posCount[u]++] = i;
                case NEGATIVE -> neg[u][negCount[u]++] = i;
                default -> mid[u][midCount[u]++] = i;
            }
        }
        int[] ratedStart = new int[numUsers + 1];
        int[] ratedItems = flatten(rated, ratedStart);
        return new Interactions(numUsers, numItems, policy, pos, neg, mid, ratedStart, ratedItems, values);
    }

    /**
     * The view of what a model carries as rated ({@code rated}: already sorted and distinct per user), over
     * {@code numItems} items: one pass, no sorting, and the rated rows and their ratings are shared, not copied.
     */
    public static Interactions of(RatedItems rated, FeedbackPolicy policy, int numItems) {
        int numUsers = rated.numUsers();
        int[] start = rated.starts(), items = rated.itemIndices();
        float[] ratings = rated.ratingValues();
        int[][] pos = new int[numUsers][], neg = new int[numUsers][], mid = new int[numUsers][];
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
            pos[u] = new int[likes];
            neg[u] = new int[dislikes];
            mid[u] = new int[start[u + 1] - start[u] - likes - dislikes];
            int p = 0, d = 0, m = 0;
            for (int k = start[u]; k < start[u + 1]; k++) {
                switch (policy.polarity(ratings[k])) {
                    case POSITIVE -> pos[u][p++] = items[k];
                    case NEGATIVE -> neg[u][d++] = items[k];
                    default -> mid[u][m++] = items[k];
                }
            }
        }
        return new Interactions(numUsers, numItems, policy, pos, neg, mid, start, items, ratings);
    }

    private static void checkIndex(int idx, int bound, String what) {
        if (idx < 0 || idx >= bound) {
            throw new IllegalArgumentException(what + " index " + idx + " outside 0.." + (bound - 1));
        }
    }

    private static int[] flatten(int[][] rows, int[] start) {
        int total = 0;
        for (int u = 0; u < rows.length; u++) {
            start[u] = total;
            total += rows[u].length;
        }
        start[rows.length] = total;
        int[] flat = new int[total];
        for (int u = 0; u < rows.length; u++) {
            System.arraycopy(rows[u], 0, flat, start[u], rows[u].length);
        }
        return flat;
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
