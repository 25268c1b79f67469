package org.tripletrec.recommend;

import java.util.Arrays;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.FeatureMatrix;

/**
 * Which items may be recommended to a user (LensKit's candidates and exclude, as one predicate).
 *
 * <p>An {@link ItemIndex} asks {@link #allows} only of the items it considers, so any predicate works with any
 * index. A filter that knows it lets few items through says so with {@link #allowsAtMost()}: an approximate
 * index then goes straight to exact search instead of walking its graph past items it may not return.
 */
@FunctionalInterface
public interface ItemFilter {
    /** The value of {@link #allowsAtMost()} for a filter that cannot bound what it allows. */
    int UNBOUNDED = Integer.MAX_VALUE;

    boolean allows(int user, int item);

    /**
     * An upper bound on how many items this filter allows any one user, when it is cheap to know (a candidate
     * list knows its length); {@link #UNBOUNDED} when it cannot tell. Only a hint for choosing a search
     * strategy: results are always checked with {@link #allows}.
     */
    default int allowsAtMost() {
        return UNBOUNDED;
    }

    static ItemFilter all() {
        return (u, i) -> true;
    }

    /** Leaves out what the user rated in {@code rated} (users outside it have rated nothing). */
    static ItemFilter excludeRated(Interactions rated) {
        return (u, i) -> u < 0 || u >= rated.numUsers() || !rated.isRated(u, i);
    }

    /** Leaves out the given items, whoever the user. */
    static ItemFilter excluding(int... items) {
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        return (u, i) -> Arrays.binarySearch(sorted, i) < 0;
    }

    /** Only the given candidate items. */
    static ItemFilter only(int... candidates) {
        int[] sorted = Arrays.stream(candidates).sorted().distinct().toArray();
        return new ItemFilter() {
            @Override
            public boolean allows(int user, int item) {
                return Arrays.binarySearch(sorted, item) >= 0;
            }

            @Override
            public int allowsAtMost() {
                return sorted.length;
            }
        };
    }

    /**
     * Items with at least one of the given features ({@code all} false) or with every one of them ({@code all}
     * true), by vocabulary index into {@code items}' features. It allows at most the number of items having the
     * rarest feature (all), or the sum of every feature's items (any).
     */
    static ItemFilter withFeatures(FeatureMatrix items, int[] features, boolean all) {
        int[] fs = Arrays.stream(features).sorted().distinct().toArray();
        long bound = all ? items.numRows() : 0;
        for (int f : fs) {
            bound = all ? Math.min(bound, items.rowsWith(f)) : bound + items.rowsWith(f);
        }
        int atMost = (int) Math.min(bound, items.numRows());
        return new ItemFilter() {
            @Override
            public boolean allows(int user, int item) {
                for (int f : fs) {
                    if (items.hasFeature(item, f) != all) {
                        return !all;
                    }
                }
                return all;
            }

            @Override
            public int allowsAtMost() {
                return atMost;
            }
        };
    }

    /** Both filters; it allows at most what the stricter of the two allows. */
    default ItemFilter and(ItemFilter other) {
        ItemFilter self = this;
        int bound = Math.min(allowsAtMost(), other.allowsAtMost());
        return new ItemFilter() {
            @Override
            public boolean allows(int user, int item) {
                return self.allows(user, item) && other.allows(user, item);
            }

            @Override
            public int allowsAtMost() {
                return bound;
            }
        };
    }
}
