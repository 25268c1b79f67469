package org.tripletrec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Re-numbers an {@link IdIndex} so that, when every id is an integer, dense indices follow numeric id order
 * (MovieLens 100k users 1..943 become 0..942). Evaluation breaks score ties by lower item index, which then means
 * lower MovieLens id, as in the original notebook. Ids that are not all integers keep first-appearance order.
 */
public final class IdOrder {
    private IdOrder() {}

    /**
     * The catalogue a loader makes of ids listed in the order they first appear: numeric order when all are
     * integers, else that order. For readers that collect the ids by other means (a distributed reader).
     */
    public static IdIndex loaderOrder(IdIndex firstAppearance) {
        return numericIfPossible(firstAppearance).index();
    }

    /** The reordered index and {@code map[oldIndex] = newIndex}; null map when nothing changes. */
    record Reindexed(IdIndex index, int[] map) {}

    static Reindexed numericIfPossible(IdIndex index) {
        int n = index.size();
        long[] values = new long[n];
        for (int k = 0; k < n; k++) {
            String id = index.id(k);
            if (!isInteger(id)) {
                return new Reindexed(index, null);
            }
            values[k] = Long.parseLong(id);
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        // "7" and "007" are different ids with one value: the string decides, so the order is still total
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(values[a], values[b]);
            return c != 0 ? c : index.id(a).compareTo(index.id(b));
        });
        int[] map = new int[n];
        boolean identity = true;
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            map[order[k]] = k;
            identity &= order[k] == k;
            ids.add(index.id(order[k]));
        }
        return identity ? new Reindexed(index, null) : new Reindexed(IdIndex.of(ids), map);
    }

    static RatingLog remap(RatingLog log, int[] userMap, int[] itemMap) {
        if (userMap == null && itemMap == null) {
            return log;
        }
        return log.select(null, userMap, itemMap);
    }

    /** Optional minus and 1..18 digits: always fits a long, and no exception per id on the common failure. */
    static boolean isInteger(String id) {
        int start = id.startsWith("-") ? 1 : 0;
        int digits = id.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int k = start; k < id.length(); k++) {
            char c = id.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
