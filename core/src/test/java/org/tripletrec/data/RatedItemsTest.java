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
    void growingTheUsersSharesTheRowsAndTheNewUsersRatedNothing() {
        RatedItems old = RatedItems.of(Interactions.of(log(new int[][] {{0, 1, 1}, {0, 3, 5}, {1, 2, 3}}),
                new FeedbackPolicy(5, 2), 2, 5));
        RatedItems wider = old.withUsers(4);
        assertThat(wider.numUsers()).isEqualTo(4);
        assertThat(wider.items(0).toArray()).containsExactly(1, 3);
        assertThat(wider.items(1).toArray()).containsExactly(2);
        assertThat(wider.count(2)).isZero();
        assertThat(wider.count(3)).isZero();
        assertThat(wider.total()).isEqualTo(3);
        assertThat(wider.itemIndices()).as("shared, not copied").isSameAs(old.itemIndices());
        assertThat(wider.ratingValues()).isSameAs(old.ratingValues());
        assertThat(old.withUsers(2).items(1).toArray()).containsExactly(2);
        assertThatThrownBy(() -> old.withUsers(1)).hasMessageContaining("cannot shrink");
    }

    @Test
    void theInteractionsOfRatedItemsAreThoseOfTheirLog() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int k = 0; k < 400; k++) {
            b.add(rng.nextInt(30), rng.nextInt(50), 1 + rng.nextInt(5), k);
        }
        FeedbackPolicy policy = new FeedbackPolicy(4, 2);
        RatedItems rated = RatedItems.of(Interactions.of(b.build(), policy, 31, 50)); // user 30 rated nothing
        Interactions direct = Interactions.of(rated, policy, 50), viaLog = Interactions.of(rated.toLog(), policy, 31, 50);
        assertThat(direct.numUsers()).isEqualTo(31);
        assertThat(direct.anchorCount()).isEqualTo(viaLog.anchorCount());
        for (int u = 0; u < 31; u++) {
            assertThat(direct.positives(u).toArray()).containsExactly(viaLog.positives(u).toArray());
            assertThat(direct.negatives(u).toArray()).containsExactly(viaLog.negatives(u).toArray());
            assertThat(direct.neutrals(u).toArray()).containsExactly(viaLog.neutrals(u).toArray());
            assertThat(direct.rated(u).toArray()).containsExactly(viaLog.rated(u).toArray());
            for (int j = 0; j < direct.ratedCount(u); j++) {
                assertThat(direct.ratedValue(u, j)).isEqualTo(viaLog.ratedValue(u, j));
            }
        }
        for (int a = 0; a < direct.anchorCount(); a++) {
            assertThat(direct.anchorUser(a)).isEqualTo(viaLog.anchorUser(a));
        }
        assertThat(direct.itemPositiveCounts()).containsExactly(viaLog.itemPositiveCounts());
        assertThatThrownBy(() -> Interactions.of(rated, policy, 20)).hasMessageContaining("item index");
    }

    @Test
    void anUpdatedModelsFingerprintChainsItsOldOneWithTheNewRatings() {
        IdIndex users = IdIndex.of(java.util.List.of("a", "b")), items = IdIndex.of(java.util.List.of("x", "y"));
        RatingLog fresh = log(new int[][] {{0, 1, 5, 7}, {1, 0, 2, 8}});
        String once = Fingerprint.extend("fnv1a64:0123:3", fresh, users, items, 5);
        assertThat(once).startsWith("fnv1a64:").endsWith(":5");
        assertThat(Fingerprint.extend("fnv1a64:0123:3", fresh, users, items, 5)).isEqualTo(once);
        assertThat(Fingerprint.extend("fnv1a64:0124:3", fresh, users, items, 5)).as("another old model")
                .isNotEqualTo(once);
        assertThat(Fingerprint.extend("fnv1a64:0123:3", log(new int[][] {{0, 1, 4, 7}, {1, 0, 2, 8}}), users,
                items, 5)).as("another rating").isNotEqualTo(once);
        assertThat(once).isNotEqualTo(Fingerprint.of(fresh, users, items));
    }

    @Test
    void refusesRowsThatAreNotSorted() {
        assertThatThrownBy(() -> new RatedItems(new int[] {0, 2}, new int[] {3, 1}, new float[2]))
                .hasMessageContaining("not sorted");
    }
}
