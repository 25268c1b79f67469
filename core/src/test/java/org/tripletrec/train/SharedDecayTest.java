package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.testing.RandomRatings;

/**
 * Dense Adam trains on one thread, and with more threads configured those threads share each step's decay of the
 * untouched rows, each a slice of both tables. The arithmetic per parameter does not depend on the slice, so the
 * trained tables must be bit for bit those of one thread, for every thread count, dimension and sampler.
 */
class SharedDecayTest {
    private static final int USERS = 90, ITEMS = 301;

    /** Users who rated between 2% and 30% of the items, every star from 1 to 5; some items nobody rated. */
    private static Interactions data() {
        return RandomRatings.of(USERS, ITEMS, ITEMS - 20, 0.28, 5);
    }

    private static EmbeddingModel fit(TrainerConfig c, Interactions d) {
        return new Trainer(c).fit(d, RandomRatings.ids("u", USERS), RandomRatings.ids("i", ITEMS), "test",
                TrainingListener.NONE);
    }

    @Test
    void sharedDecayTrainsTheTablesOfOneThread() {
        Interactions d = data();
        for (TrainerConfig base : List.of(
                Presets.seed().toBuilder().dim(37).epochs(3).batchSize(16).build(),
                Presets.seed().toBuilder().dim(100).epochs(2).batchSize(8).sampler("seed-literal").build(),
                Presets.seed().toBuilder().dim(16).epochs(2).batchSize(4).itemBias(true).userReg(0.01f).itemReg(0.02f).build())) {
            assertThat(base.optimizer()).isEqualTo(OptimizerKind.ADAM);
            EmbeddingModel one = fit(base.toBuilder().threads(1).build(), d);
            for (int threads : new int[] {2, 3}) {
                EmbeddingModel shared = fit(base.toBuilder().threads(threads).build(), d);
                String what = "dim " + base.dim() + ", " + base.sampler() + ", " + threads + " threads";
                assertThat(Arrays.mismatch(one.userFactors(), shared.userFactors())).as(what + ": users").isEqualTo(-1);
                assertThat(Arrays.mismatch(one.itemFactors(), shared.itemFactors())).as(what + ": items").isEqualTo(-1);
                if (one.itemBias() != null) {
                    assertThat(Arrays.mismatch(one.itemBias(), shared.itemBias())).as(what + ": biases").isEqualTo(-1);
                }
            }
            // the model did train: its tables moved away from a fresh model of the same seed
            EmbeddingModel start = fit(base.toBuilder().threads(1).epochs(1).build(), d);
            assertThat(Arrays.mismatch(one.itemFactors(), start.itemFactors())).as("trained").isNotEqualTo(-1);
        }
    }
}
