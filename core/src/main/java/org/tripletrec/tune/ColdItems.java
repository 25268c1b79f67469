package org.tripletrec.tune;

import java.util.SplittableRandom;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SortedSample;

/**
 * Items of the training data held out as new ones, as the cold-start protocol holds out its test items: a seeded
 * random share of the items that have a rating, with every rating they have. A search trains without them (their
 * features still known, as a new item's are) and measures how it ranks them with
 * {@link org.tripletrec.eval.ColdStartEvaluator}; the warm validation is carved from {@code split.train()}.
 *
 * @param split the same catalogue, its train the ratings of every other item, its test every rating of the held-out
 *              items
 * @param items the held-out items' indices, ascending
 */
public record ColdItems(Dataset split, int[] items) {

    /**
     * Holds out round({@code fraction} x the rated items of {@code trainOnly.train()}), at least one, chosen by
     * {@code seed}.
     *
     * @throws IllegalArgumentException for a fraction outside (0, 1), or data with fewer than two rated items
     */
    public static ColdItems holdOut(Dataset trainOnly, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the share of items held out must be between 0 and 1 (exclusive),"
                    + " got " + fraction);
        }
        RatingLog all = trainOnly.train();
        boolean[] rated = new boolean[trainOnly.numItems()];
        for (int k = 0; k < all.size(); k++) {
            rated[all.item(k)] = true;
        }
        int[] candidates = new int[rated.length];
        int n = 0;
        for (int i = 0; i < rated.length; i++) {
            if (rated[i]) {
                candidates[n++] = i;
            }
        }
        if (n < 2) {
            throw new IllegalArgumentException("holding out items needs at least two rated items, got " + n);
        }
        int take = (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
        // the seed is mixed so that the items held out do not follow the ratings the per-user holdout draws with
        // the same seed
        int[] held = SortedSample.of(candidates, n, take,
                new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x3C6EF372FE94F82BL));
        boolean[] out = new boolean[rated.length];
        for (int i : held) {
            out[i] = true;
        }
        int outRatings = 0;
        for (int k = 0; k < all.size(); k++) {
            outRatings += out[all.item(k)] ? 1 : 0;
        }
        int[] keep = new int[all.size() - outRatings];
        int[] drop = new int[outRatings];
        int a = 0, b = 0;
        for (int k = 0; k < all.size(); k++) {
            if (out[all.item(k)]) {
                drop[b++] = k;
            } else {
                keep[a++] = k;
            }
        }
        Dataset split = new Dataset(trainOnly.name() + " (" + take + " items held out)", trainOnly.users(),
                trainOnly.items(), all.select(keep), all.select(drop), trainOnly.titles(), trainOnly.report());
        return new ColdItems(split, held);
    }
}
