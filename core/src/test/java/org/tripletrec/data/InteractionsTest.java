package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The training view against a plain construction: each pair's latest rating, every user's sorted rows. */
class InteractionsTest {

    @Test
    void everyRowListIsTheUsersSortedPairsWithTheirLatestRating() {
        SplittableRandom rng = new SplittableRandom(12);
        int users = 60, items = 90;
        RatingLog.Builder b = new RatingLog.Builder();
        // user -> item -> {time, row, rating}: the reference, latest time and then latest row winning
        List<TreeMap<Integer, float[]>> want = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            want.add(new TreeMap<>());
        }
        for (int row = 0; row < 5000; row++) {
            int u = rng.nextInt(users - 2); // the last two users rate nothing
            int i = rng.nextInt(items);
            float rating = 1 + rng.nextInt(5);
            long time = rng.nextInt(30); // many equal times: the later row must win them
            b.add(u, i, rating, time);
            float[] old = want.get(u).get(i);
            if (old == null || time >= old[0]) {
                want.get(u).put(i, new float[] {time, rating});
            }
        }
        FeedbackPolicy policy = new FeedbackPolicy(5, 2);
        Interactions d = Interactions.of(b.build(), policy, users, items);
        int anchors = 0;
        for (int u = 0; u < users; u++) {
            TreeMap<Integer, float[]> row = want.get(u);
            assertThat(d.ratedCount(u)).isEqualTo(row.size());
            int j = 0, pos = 0, neg = 0, mid = 0;
            for (var e : row.entrySet()) {
                int i = e.getKey();
                float rating = e.getValue()[1];
                assertThat(d.rated(u).get(j)).isEqualTo(i);
                assertThat(d.ratedValue(u, j++)).isEqualTo(rating);
                assertThat(d.rating(u, i)).isEqualTo(rating);
                switch (policy.polarity(rating)) {
                    case POSITIVE -> assertThat(d.positive(u, pos++)).isEqualTo(i);
                    case NEGATIVE -> assertThat(d.negative(u, neg++)).isEqualTo(i);
                    default -> assertThat(d.neutral(u, mid++)).isEqualTo(i);
                }
            }
            assertThat(new int[] {d.positiveCount(u), d.negativeCount(u), d.neutralCount(u)})
                    .containsExactly(pos, neg, mid);
            for (int k = 0; k < pos; k++) {
                assertThat(d.anchorUser(d.anchorStart(u) + k)).isEqualTo(u);
            }
            anchors += pos;
        }
        assertThat(d.anchorCount()).isEqualTo(anchors);
    }

    @Test
    void indicesOutsideTheCatalogueAreRefused() {
        RatingLog log = new RatingLog.Builder().add(0, 1, 5, 0).add(3, 1, 5, 0).build();
        assertThatThrownBy(() -> Interactions.of(log, new FeedbackPolicy(5, 2), 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("user index 3 outside 0..2");
        assertThatThrownBy(() -> Interactions.of(log, new FeedbackPolicy(5, 2), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item index 1 outside 0..0");
    }

    @Test
    void onALogCheckedInParallelTheFirstBadRowIsReported() {
        int n = 6 * Parallel.MIN_RANGE;
        RatingLog.Builder b = new RatingLog.Builder(n);
        for (int k = 0; k < n; k++) {
            int user = k == n / 2 ? 7 : k == n - 3 ? 9 : k % 5;
            int item = k == n / 3 ? 12 : k % 4;
            b.add(user, item, 5, k);
        }
        RatingLog log = b.build();
        assertThatThrownBy(() -> Interactions.of(log, new FeedbackPolicy(5, 2), 5, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item index 12 outside 0..3");
        assertThatThrownBy(() -> Interactions.of(log, new FeedbackPolicy(5, 2), 8, 13))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("user index 9 outside 0..7");
    }
}
