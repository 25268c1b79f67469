package org.tripletrec.data;

import java.util.Arrays;

/**
 * What each user has rated, and how: per user the sorted item indices with their ratings, as compressed rows.
 * A model carries it so that serving, recommending and evaluating can leave rated items out without the
 * training data, and so that an incremental update can replay old ratings. The label of a rating (like,
 * neutral, dislike) follows from it and the model's {@link FeedbackPolicy}. Immutable.
 */
public final class RatedItems {
    private final int[] start;   // users + 1
    private final int[] items;   // sorted within each user
    private final float[] ratings;

    public RatedItems(int[] start, int[] items, float[] ratings) {
        this(start, items, ratings, true);
    }

    /** {@code check}: false for rows built sorted and distinct here (a merge), which need no second pass. */
    private RatedItems(int[] start, int[] items, float[] ratings, boolean check) {
        if (!check) {
            this.start = start;
            this.items = items;
            this.ratings = ratings;
            return;
        }
        if (start.length == 0 || start[0] != 0 || start[start.length - 1] != items.length
                || items.length != ratings.length) {
            throw new IllegalArgumentException("rated-items rows do not match their arrays");
        }
        for (int u = 0; u + 1 < start.length; u++) {
            if (start[u + 1] < start[u]) {
                throw new IllegalArgumentException("rated-items rows are not in order at user " + u);
            }
            for (int k = start[u] + 1; k < start[u + 1]; k++) {
                if (items[k] <= items[k - 1]) {
                    throw new IllegalArgumentException("rated items of user " + u + " are not sorted and distinct");
                }
            }
        }
        this.start = start;
        this.items = items;
        this.ratings = ratings;
    }

    /** The rated items of a training view. */
    public static RatedItems of(Interactions data) {
        int n = data.numUsers();
        int[] start = new int[n + 1];
        int[] items = new int[data.totalRated()];
        float[] ratings = new float[items.length];
        int k = 0;
        for (int u = 0; u < n; u++) {
            start[u] = k;
            IntView row = data.rated(u);
            for (int j = 0; j < row.size(); j++) {
                items[k] = row.get(j);
                ratings[k++] = data.ratedValue(u, j);
            }
        }
        start[n] = k;
        return new RatedItems(start, items, ratings);
    }

    /** Nobody has rated anything, for {@code users} users. */
    public static RatedItems empty(int users) {
        return new RatedItems(new int[users + 1], new int[0], new float[0]);
    }

    public int numUsers() { return start.length - 1; }
    public int total() { return items.length; }
    public int count(int u) { return start[u + 1] - start[u]; }
    public IntView items(int u) { return new IntView(items, start[u], start[u + 1]); }
    public float rating(int u, int j) { return ratings[start[u] + j]; }

    /** True when user u (any index; users beyond the rows have rated nothing) rated item i. */
    public boolean isRated(int u, int i) {
        return u >= 0 && u + 1 < start.length && Arrays.binarySearch(items, start[u], start[u + 1], i) >= 0;
    }

    /** The raw arrays, for the model file. Not copies. */
    public int[] starts() { return start; }
    public int[] itemIndices() { return items; }
    public float[] ratingValues() { return ratings; }

    /** All ratings as a log (time 0), sorted by user then item. */
    public RatingLog toLog() {
        RatingLog.Builder b = new RatingLog.Builder(items.length);
        for (int u = 0; u + 1 < start.length; u++) {
            for (int k = start[u]; k < start[u + 1]; k++) {
                b.add(u, items[k], ratings[k], 0L);
            }
        }
        return b.build();
    }

    /**
     * These ratings over a catalogue of {@code users} users (at least as many as now), with {@code newer} added:
     * a pair in both takes the newer rating. {@code newer} is indexed in the same (grown) catalogue.
     */
    public RatedItems with(RatingLog newer, int users) {
        if (users < numUsers()) {
            throw new IllegalArgumentException("the catalogue cannot shrink: " + users + " < " + numUsers());
        }
        RatingLog fresh = newer.deduplicated(); // sorted by user, then item
        int[] outStart = new int[users + 1];
        int[] outItems = new int[items.length + fresh.size()];
        float[] outRatings = new float[outItems.length];
        int k = 0, f = 0;
        for (int u = 0; u < users; u++) {
            outStart[u] = k;
            int a = u < numUsers() ? start[u] : 0, aEnd = u < numUsers() ? start[u + 1] : 0;
            while (a < aEnd || (f < fresh.size() && fresh.user(f) == u)) {
                boolean takeFresh = f < fresh.size() && fresh.user(f) == u
                        && (a >= aEnd || fresh.item(f) <= items[a]);
                if (takeFresh) {
                    if (a < aEnd && fresh.item(f) == items[a]) {
                        a++; // the newer rating replaces the old one
                    }
                    outItems[k] = fresh.item(f);
                    outRatings[k++] = fresh.rating(f++);
                } else {
                    outItems[k] = items[a];
                    outRatings[k++] = ratings[a++];
                }
            }
        }
        outStart[users] = k;
        if (f != fresh.size()) {
            throw new IllegalArgumentException("newer ratings hold a user index beyond " + (users - 1));
        }
        if (k == outItems.length) { // no pair rated again: the arrays are full (and large: no copy)
            return new RatedItems(outStart, outItems, outRatings, false);
        }
        return new RatedItems(outStart, Arrays.copyOf(outItems, k), Arrays.copyOf(outRatings, k), false);
    }

    /**
     * These ratings over a catalogue of {@code users} users (at least as many as now): the new users have rated
     * nothing. The rows are shared, not copied.
     */
    public RatedItems withUsers(int users) {
        if (users < numUsers()) {
            throw new IllegalArgumentException("the catalogue cannot shrink: " + users + " < " + numUsers());
        }
        int[] wider = Arrays.copyOf(start, users + 1);
        Arrays.fill(wider, start.length, wider.length, items.length);
        return new RatedItems(wider, items, ratings, false);
    }
}
