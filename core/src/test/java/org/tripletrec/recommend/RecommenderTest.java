package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.Presets;

class RecommenderTest {
    // dim 1, user 0 vector (1), user 1 vector (-1); item vectors 3, 1, 2, 2, -1 and biases 0 -> scores for user 0:
    // 3, 1, 2, 2, -1: order 0, 2, 3 (tie with 2: lower index first), 1, 4. For user 1 the reverse: 4, 1, 2, 3, 0.
    static EmbeddingModel model() {
        IdIndex users = IdIndex.of(List.of("a", "b"));
        IdIndex items = IdIndex.of(List.of("i0", "i1", "i2", "i3", "i4"));
        ModelInfo info = new ModelInfo(1, Presets.seed(), "", "test", Instant.EPOCH, Map.of());
        return new EmbeddingModel(1, new float[] {1f, -1f}, new float[] {3f, 1f, 2f, 2f, -1f}, null, users, items, info);
    }

    private static int[] items(List<Scored> list) {
        return list.stream().mapToInt(Scored::item).toArray();
    }

    @Test
    void ranksByScoreWithTiesToTheLowerIndex() {
        Recommender r = new Recommender(model());
        assertThat(items(r.recommend(0, 5, ItemFilter.all()))).containsExactly(0, 2, 3, 1, 4);
        assertThat(items(r.recommend(1, 5, ItemFilter.all()))).containsExactly(4, 1, 2, 3, 0);
        assertThat(items(r.recommend(0, 2, ItemFilter.all()))).containsExactly(0, 2);
        assertThat(r.recommend(0, 2, ItemFilter.all()).get(0).score()).isEqualTo(3f);
        assertThat(r.recommend(0, 100, ItemFilter.all())).hasSize(5);
        assertThat(r.recommend(0, 0, ItemFilter.all())).isEmpty();
    }

    @Test
    void filtersExcludeRatedItemsAndRestrictCandidates() {
        Recommender r = new Recommender(model());
        Interactions rated = Interactions.of(new RatingLog.Builder().add(0, 0, 5, 0).add(0, 3, 1, 0).build(),
                new FeedbackPolicy(4, 2), 2, 5);
        assertThat(items(r.recommend(0, 5, ItemFilter.excludeRated(rated)))).containsExactly(2, 1, 4);
        assertThat(items(r.recommend(0, 5, ItemFilter.only(1, 4, 3)))).containsExactly(3, 1, 4);
        assertThat(items(r.recommend(0, 5, ItemFilter.excluding(2).and(ItemFilter.excludeRated(rated)))))
                .containsExactly(1, 4);
    }

    @Test
    void foreignVectorsAndBatchesGiveTheSameListsAsSingleCalls() {
        Recommender r = new Recommender(model());
        assertThat(items(r.recommend(new float[] {-1f}, 3, ItemFilter.all()))).containsExactly(4, 1, 2);
        List<List<Scored>> all = r.recommendAll(new int[] {1, 0}, 2, ItemFilter.all());
        assertThat(all.get(0)).isEqualTo(r.recommend(1, 2, ItemFilter.all()));
        assertThat(all.get(1)).isEqualTo(r.recommend(0, 2, ItemFilter.all()));
    }

    @Test
    void cosineMatchesHandComputedValuesInThreeDimensions() {
        // i0 (1,2,2) |3|; i1 (2,1,-2) |3|, dot 0; i2 (0,3,4) |5|, dot 14; i3 = -i0; i4 (4,0,3) |5|, dot 10; i5 zero.
        // The biases are large and must not count: similarity is of the vectors alone.
        IdIndex users = IdIndex.of(List.of("u"));
        IdIndex items = IdIndex.of(List.of("i0", "i1", "i2", "i3", "i4", "i5"));
        float[] v = {1, 2, 2, 2, 1, -2, 0, 3, 4, -1, -2, -2, 4, 0, 3, 0, 0, 0};
        ModelInfo info = new ModelInfo(1, Presets.single(), "", "test", Instant.EPOCH, Map.of());
        EmbeddingModel m = new EmbeddingModel(3, new float[3], v, new float[] {5, -5, 0, 0, 9, 0}, users, items, info);
        Recommender r = new Recommender(m);
        assertThat(r.cosine(0, 2)).isCloseTo(14f / 15f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(r.cosine(0, 4)).isCloseTo(10f / 15f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(r.cosine(2, 4)).isCloseTo(12f / 25f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(r.cosine(0, 1)).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(r.cosine(0, 3)).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(r.cosine(0, 5)).isZero();
        List<Scored> sim = r.similarItems(0, 5);
        assertThat(items(sim)).containsExactly(2, 4, 1, 5, 3);
        assertThat(sim.get(0).score()).isCloseTo(14f / 15f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(sim.get(1).score()).isCloseTo(10f / 15f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(sim.get(4).score()).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void similarItemsUseCosineAndLeaveTheItemOut() {
        Recommender r = new Recommender(model());
        // dim 1: cosine is +1 for same-sign vectors, -1 otherwise; ties to the lower index.
        List<Scored> sim = r.similarItems(0, 4);
        assertThat(items(sim)).containsExactly(1, 2, 3, 4);
        assertThat(sim.get(0).score()).isEqualTo(1f);
        assertThat(sim.get(3).score()).isEqualTo(-1f);
    }

    @Test
    void filtersThatKnowHowFewItemsTheyAllowSaySo() {
        assertThat(ItemFilter.all().allowsAtMost()).isEqualTo(ItemFilter.UNBOUNDED);
        assertThat(ItemFilter.excluding(1, 2).allowsAtMost()).isEqualTo(ItemFilter.UNBOUNDED);
        assertThat(ItemFilter.only(4, 1, 4, 9).allowsAtMost()).isEqualTo(3); // repeats count once
        assertThat(ItemFilter.only().allowsAtMost()).isZero();
        ItemFilter both = ItemFilter.excluding(1).and(ItemFilter.only(1, 2, 3));
        assertThat(both.allowsAtMost()).isEqualTo(3);
        assertThat(both.allows(0, 1)).isFalse();
        assertThat(both.allows(0, 2)).isTrue();
        assertThat(both.allows(0, 4)).isFalse();
        assertThat(ItemFilter.only(1, 2).and(ItemFilter.only(2, 3, 4)).allowsAtMost()).isEqualTo(2);
    }

    @Test
    void similarItemsTakeAFilter() {
        Recommender r = new Recommender(model());
        assertThat(items(r.similarItems(0, 4, ItemFilter.excluding(2)))).containsExactly(1, 3, 4);
        assertThat(r.cosine(0, 4)).isEqualTo(-1f);
    }

    @Test
    void unknownIndicesAreRejected() {
        Recommender r = new Recommender(model());
        assertThatThrownBy(() -> r.recommend(2, 3, ItemFilter.all())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.similarItems(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.recommend(new float[2], 3, ItemFilter.all()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topKMatchesAFullSortOnRandomScores() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rng.nextInt(200);
            int k = rng.nextInt(n + 3);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rng.nextInt(20); // many ties
            }
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                // accepts() must say exactly whether offer() changes the kept list
                java.util.List<Scored> before = top.toList();
                boolean accepts = top.accepts(i, scores[i]);
                top.offer(i, scores[i]);
                assertThat(!top.toList().equals(before)).as("accepts(%d, %s)", i, scores[i]).isEqualTo(accepts);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : a - b);
            int[] expected = new int[Math.min(k, n)];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = order[j];
            }
            assertThat(items(top.toList())).containsExactly(expected);
        }
    }
}
