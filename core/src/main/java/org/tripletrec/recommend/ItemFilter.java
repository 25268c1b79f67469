package org.tripletrec.recommend;

import java.util.Arrays;
import org.tripletrec.data.IntView;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.FeatureMatrix;

/**
 * Which items may be recommended to a user (LensKit's candidates and exclude, as one predicate).
 *
 * <p>An {@link ItemIndex} asks {@link #allows} only of the items it considers, so any predicate works with any
 * index. A filter that knows it lets few items through says so with {@link #allowsAtMost()}: an approximate
 * index then goes straight to exact search instead of walking its graph past items it may not return, and one
 * that can list them ({@link #allowedItems()}) lets exact search score those items alone.
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

    /**
     * Every item this filter can allow, ascending and distinct, when it can list them (a candidate list, the
     * items having a feature); null when it cannot (the default). A superset: results are still checked with
     * {@link #allows}. Exact search asks for it only when {@link #allowsAtMost()} is small, and then scores the
     * listed items alone, so it may be costly to compute. The array must not be modified.
     */
    default int[] allowedItems() {
        return null;
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

            @Override
            public int[] allowedItems() {
                return sorted;
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

            /** All: the items of the rarest feature (the others are checked by allows). Any: the union. */
            @Override
            public int[] allowedItems() {
                if (fs.length == 0) {
                    return all ? null : new int[0];
                }
                if (all) {
                    int rarest = fs[0];
                    for (int f : fs) {
                        rarest = items.rowsWith(f) < items.rowsWith(rarest) ? f : rarest;
                    }
                    return items.rowsHaving(rarest).toArray();
                }
                int[] union = new int[0];
                for (int f : fs) {
                    union = union(union, items.rowsHaving(f));
                }
                return union;
            }
        };
    }

    /**
     * Both filters; it allows at most what the stricter of the two allows, and lists the allowed items of the side
     * with the smaller bound (of the other side when that one cannot list them).
     */
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

            @Override
            public int[] allowedItems() {
                // the side with the smaller bound lists the fewer items; the other's list is never computed then
                ItemFilter first = self.allowsAtMost() <= other.allowsAtMost() ? self : other;
                int[] items = first.allowedItems();
                return items != null ? items : (first == self ? other : self).allowedItems();
            }
        };
    }

    /** The sorted union of a sorted array and a sorted view. */
    private static int[] union(int[] a, IntView b) {
        int[] out = new int[a.length + b.size()];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.size()) {
            int next = j >= b.size() || (i < a.length && a[i] <= b.get(j)) ? a[i++] : b.get(j++);
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
