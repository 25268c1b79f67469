package org.tripletrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Scorer;

class ColdStartEvaluatorTest {
    private static final FeedbackPolicy SEED = new FeedbackPolicy(5, 2);

    private static Scorer fixed(float... scores) {
        return new Scorer() {
            @Override public int numUsers() { return 2; }
            @Override public int numItems() { return scores.length; }
            @Override public void scoreAll(int u, float[] out) { System.arraycopy(scores, 0, out, 0, scores.length); }
        };
    }

    /** Item 0 is warm (rated in train); items 1..4 are cold. User 0 likes 1 and 3 and dislikes 4 in test. */
    private static Interactions[] data() {
        RatingLog.Builder train = new RatingLog.Builder();
        train.add(0, 0, 5, 0).add(1, 0, 1, 0);
        RatingLog.Builder test = new RatingLog.Builder();
        test.add(0, 1, 5, 0).add(0, 3, 5, 0).add(0, 4, 1, 0).add(1, 2, 3, 0);
        return new Interactions[] {Interactions.of(train.build(), SEED, 2, 5), Interactions.of(test.build(), SEED, 2, 5)};
    }

    @Test
    void handComputedCaseWithTiesAtTheirExpectedValue() {
        Interactions[] d = data();
        assertThat(ColdStartEvaluator.coldItems(d[0])).containsExactly(1, 2, 3, 4);
        assertThat(ColdStartEvaluator.likedColdItems(d[1], new int[] {1, 2, 3, 4})).isEqualTo(2);
        // scores: item 4 first (3), items 1 and 2 tied (2), item 3 last (1); item 0 is not ranked
        Metrics m = new ColdStartEvaluator(2).evaluate(fixed(100f, 2f, 2f, 1f, 3f), d[0], d[1]);
        // likes {1, 3} against {2, 4}: only 1 vs 2 is a tie (1/2), the other three pairs are lost
        assertThat(m.get("cold_auc")).isCloseTo(0.5 / 4, within(1e-12));
        assertThat(m.get("cold_pos_neg_auc")).isCloseTo(0.0, within(1e-12));
        // top 2: item 4 (no gain), then rank 2 holds item 1 or 2 with probability 1/2 each
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertThat(m.get("cold_ndcg@2")).isCloseTo(0.5 / (Math.log(3) / Math.log(2)) / ideal, within(1e-12));
        assertThat(m.get("cold_dislike@2")).isCloseTo(0.5, within(1e-12)); // item 4, one of two slots
        assertThat(m.get("cold_users")).isEqualTo(1.0); // user 1 has no cold like
        assertThat(m.get("cold_items")).isEqualTo(4.0);
    }

    @Test
    void aPerfectScorerScoresOneAndAllTiedScoresHalf() {
        Interactions[] d = data();
        Metrics perfect = new ColdStartEvaluator(10).evaluate(fixed(0f, 5f, 1f, 4f, -1f), d[0], d[1]);
        assertThat(perfect.get("cold_auc")).isEqualTo(1.0);
        assertThat(perfect.get("cold_pos_neg_auc")).isEqualTo(1.0);
        assertThat(perfect.get("cold_ndcg@10")).isCloseTo(1.0, within(1e-12));
        Metrics tied = new ColdStartEvaluator(10).evaluate(fixed(0f, 1f, 1f, 1f, 1f), d[0], d[1]);
        assertThat(tied.get("cold_auc")).isEqualTo(0.5);
        assertThat(tied.get("cold_pos_neg_auc")).isEqualTo(0.5);
        // 4 tied items in a top 10 with 2 likes: each rank holds a like with probability 1/2
        double dcg = 0;
        for (int r = 0; r < 4; r++) {
            dcg += 0.5 / (Math.log(r + 2) / Math.log(2));
        }
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertThat(tied.get("cold_ndcg@10")).isCloseTo(dcg / ideal, within(1e-12));
        assertThat(tied.get("cold_dislike@10")).isCloseTo(1.0 / 10, within(1e-12));
    }

    @Test
    void featurePopularityIsTheMeanOfTheFeaturesLikesPerRatedItem() {
        // items 0, 1 warm; 2 cold. Feature a on 0, 1, 2; feature b on 1 and 2.
        RatingLog.Builder train = new RatingLog.Builder();
        train.add(0, 0, 5, 0).add(1, 0, 5, 0).add(0, 1, 1, 0);
        Interactions t = Interactions.of(train.build(), SEED, 2, 3);
        IdIndex items = IdIndex.of(List.of("0", "1", "2"));
        SideFeatures f = new SideFeatures.Builder("t").put("0", "a", 1).put("1", "a", 1).put("1", "b", 1)
                .put("2", "a", 1).put("2", "b", 1).build();
        FeatureMatrix m = FeatureMatrix.build(items, f, true, true, new IdIndex()).matrix();
        float[] s = new float[3];
        new FeaturePopularityScorer(t, m).scoreAll(0, s);
        // a: 2 likes over 2 rated items = 1; b: 0 likes over 1 rated item = 0
        assertThat(s[0]).isEqualTo(1f);
        assertThat(s[2]).isEqualTo(0.5f);
    }
}
