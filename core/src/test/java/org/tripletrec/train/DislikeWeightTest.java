package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.Splits;
import org.tripletrec.data.TrainTest;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;

/**
 * The knob on planted data where watching and liking part ways: popular items are rated by everyone, each taste
 * group likes its own half and dislikes the other half. Exposure alone pulls the other half's popular items into
 * everyone's top 10; the preference channel's weight must push them out, more as it grows.
 */
class DislikeWeightTest {
    private static final FeedbackPolicy SEED_LABELS = new FeedbackPolicy(5, 2);

    static TrainTest planted(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < 200; u++) {
            int group = u % 2;
            for (int i = 0; i < 80; i++) {
                double popularity = 0.6 * Math.pow(0.93, i % 40); // the first items of each half are watched most
                if (rng.nextDouble() < popularity) {
                    boolean mine = (i < 40) == (group == 0);
                    float stars = mine ? (rng.nextDouble() < 0.6 ? 5 : 4) : (rng.nextDouble() < 0.7 ? 1 : 3);
                    b.add(u, i, stars, 0);
                }
            }
        }
        return Splits.holdout(b.build(), TrainerTest.ids("u", 200), TrainerTest.ids("i", 80), 0.25, seed);
    }

    private static Metrics run(float dislikeWeight, TrainTest data, long seed) {
        Interactions train = Interactions.of(data.train(), SEED_LABELS, 200, 80);
        Interactions test = Interactions.of(data.test(), SEED_LABELS, 200, 80);
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(10).seed(seed).exposureWeight(2f)
                .dislikeWeight(dislikeWeight).build();
        EmbeddingModel m = new Trainer(c).fit(train, TrainerTest.ids("u", 200), TrainerTest.ids("i", 80), "t",
                TrainingListener.NONE);
        return Evaluator.builder().ks(10).threads(1).build().evaluate(m, train, test);
    }

    @Test
    void moreWeightFewerDislikesInTheTopTen() {
        float[] weights = {0f, 1f, 4f, 16f};
        List<Double> dislikes = new ArrayList<>();
        List<Double> posNeg = new ArrayList<>();
        TrainTest data = planted(1);
        for (float w : weights) {
            double d = 0, p = 0;
            for (long seed = 1; seed <= 2; seed++) {
                Metrics m = run(w, data, seed);
                d += m.get("dislike@10") / 2;
                p += m.get(Metrics.POS_NEG_AUC) / 2;
            }
            dislikes.add(d);
            posNeg.add(p);
        }
        for (int k = 1; k < weights.length; k++) {
            assertThat(dislikes.get(k)).as("dislike@10 at W=%s vs W=%s", weights[k], weights[k - 1])
                    .isLessThanOrEqualTo(dislikes.get(k - 1));
        }
        assertThat(dislikes.get(weights.length - 1)).isLessThan(dislikes.get(0) * 0.5);
        assertThat(posNeg.get(weights.length - 1)).isGreaterThan(posNeg.get(0));
    }
}
