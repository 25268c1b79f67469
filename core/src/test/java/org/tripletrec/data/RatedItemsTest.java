package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatedItemsTest {
    private static RatingLog log(int[][] rows) {
        RatingLog.Builder b = new RatingLog.Builder();
        for (int[] r : rows) {
            b.add(r[0], r[1], r[2], r.length > 3 ? r[3] : 0);
        }
        return b.build();
    }

    @Test
    void holdsEachUsersSortedItemsWithTheirRatings() {
        Interactions data = Interactions.of(log(new int[][] {{0, 3, 5}, {0, 1, 1}, {2, 0, 4}}),
                new FeedbackPolicy(5, 2), 3, 4);
        RatedItems r = RatedItems.of(data);
        assertThat(r.numUsers()).isEqualTo(3);
        assertThat(r.items(0).toArray()).containsExactly(1, 3);
        assertThat(r.rating(0, 0)).isEqualTo(1f);
        assertThat(r.rating(0, 1)).isEqualTo(5f);
        assertThat(r.count(1)).isZero();
        assertThat(r.isRated(2, 0)).isTrue();
        assertThat(r.isRated(2, 1)).isFalse();
        assertThat(r.isRated(7, 0)).isFalse(); // beyond the rows: rated nothing
        assertThat(r.toLog().size()).isEqualTo(3);
    }

    @Test
    void newerRatingsAreMergedAndReplaceTheOldOnes() {
        RatedItems old = RatedItems.of(Interactions.of(log(new int[][] {{0, 1, 1}, {0, 3, 5}, {1, 2, 3}}),
                new FeedbackPolicy(5, 2), 2, 5));
        // user 0 re-rates item 3 and rates item 2; new user 2 rates item 4 twice (the later wins)
        RatedItems merged = old.with(log(new int[][] {{0, 3, 2, 1}, {0, 2, 4, 1}, {2, 4, 1, 1}, {2, 4, 5, 2}}), 3);
        assertThat(merged.items(0).toArray()).containsExactly(1, 2, 3);
        assertThat(merged.rating(0, 2)).isEqualTo(2f);
        assertThat(merged.items(1).toArray()).containsExactly(2);
        assertThat(merged.items(2).toArray()).containsExactly(4);
        assertThat(merged.rating(2, 0)).isEqualTo(5f);
        assertThatThrownBy(() -> old.with(log(new int[][] {{0, 1, 1}}), 1)).hasMessageContaining("cannot shrink");
    }

    @Test
    void refusesRowsThatAreNotSorted() {
        assertThatThrownBy(() -> new RatedItems(new int[] {0, 2}, new int[] {3, 1}, new float[2]))
                .hasMessageContaining("not sorted");
    }
}
