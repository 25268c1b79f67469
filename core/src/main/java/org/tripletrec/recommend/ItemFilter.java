package org.tripletrec.recommend;

import java.util.Arrays;
import org.tripletrec.data.Interactions;

/** Which items may be recommended to a user (LensKit's candidates and exclude, as one predicate). */
@FunctionalInterface
public interface ItemFilter {
    boolean allows(int user, int item);

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
        int[] sorted = candidates.clone();
        Arrays.sort(sorted);
        return (u, i) -> Arrays.binarySearch(sorted, i) >= 0;
    }

    default ItemFilter and(ItemFilter other) {
        return (u, i) -> allows(u, i) && other.allows(u, i);
    }
}
