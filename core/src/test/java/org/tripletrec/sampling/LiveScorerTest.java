package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.FeatureMatrix;

class LiveScorerTest {
    private static final int DIM = 4, USERS = 2, ITEMS = 5;

    /** Items with their own rows and features {0, 1}, {1}, {}, {0, 2}, {2} (weights 1, 2, 1, 1, 3 in order). */
    private static FeatureMatrix features() {
        return new FeatureMatrix(ITEMS, true, true, IdIndex.of(List.of("a", "b", "c")),
                new int[] {0, 2, 3, 3, 5, 6}, new int[] {0, 1, 1, 0, 2, 2}, new float[] {1, 2, 1, 1, 1, 3});
    }

    /** The score from the composed vector and bias, as the model scores. */
    private static float composed(FeatureMatrix m, float[] users, float[] params, float[] bias, int u, int i) {
        float[] v = new float[DIM];
        m.compose(params, DIM, i, v, 0);
        float s = m.composeBias(bias, i);
        for (int j = 0; j < DIM; j++) {
            s += users[u * DIM + j] * v[j];
        }
        return s;
    }

    @Test
    void scoresAsTheComposedModelAndSeesTheTablesOfEachNewDraw() {
        FeatureMatrix m = features();
        SplittableRandom rng = new SplittableRandom(3);
        float[] users = new float[USERS * DIM], params = new float[m.numParams() * DIM], bias = new float[m.numParams()];
        for (float[] t : List.of(users, params, bias)) {
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) rng.nextDouble(-1, 1);
            }
        }
        Interactions data = Interactions.of(new RatingLog.Builder().add(0, 0, 5, 0).build(), new FeedbackPolicy(5, 2),
                USERS, ITEMS);
        LiveScorer scorer = new SamplingContext(data, DIM, users, params, bias, 1f, null, m).scorer();
        for (int u = 0; u < USERS; u++) {
            scorer.user(u);
            for (int pass = 0; pass < 2; pass++) { // the second pass reads the features' parts kept by the first
                for (int i = 0; i < ITEMS; i++) {
                    assertThat(scorer.item(i)).isCloseTo(composed(m, users, params, bias, u, i), within(1e-5f));
                }
            }
        }
        // training moves feature "a" (and its bias) between two draws: the next draw scores with the new row
        for (int j = 0; j < DIM; j++) {
            params[m.featureParam(0) * DIM + j] += 0.5f;
        }
        bias[m.featureParam(0)] -= 1f;
        scorer.user(1);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(scorer.item(i)).isCloseTo(composed(m, users, params, bias, 1, i), within(1e-5f));
        }
    }
}
