package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.testing.RandomRatings;
import org.tripletrec.train.AnchorOrder;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

/**
 * WARP's block search changes no float of a trained model: trained with candidates scored in blocks and with one
 * dot product per trial, every table is bit for bit the same, for plain WARP, the default preset's mixture (warp,
 * neutral-warp, disliked-warp) and the channels of the cautious preset. A block that runs past the violator gives
 * its numbers back to the stream; without that the models would differ from the first epoch.
 */
class BlockSearchTrainingTest {
    private static final int USERS = 120, ITEMS = 400;

    @AfterEach
    void blocksAgain() {
        ViolatorSearch.blocksAllowed = true;
    }

    /** Users who rated between 2% and 40% of the items, every star from 1 to 5. */
    private static Interactions data() {
        return RandomRatings.of(USERS, ITEMS, ITEMS, 0.38, 11);
    }

    private static EmbeddingModel fit(TrainerConfig c, Interactions d, boolean blocks) {
        ViolatorSearch.blocksAllowed = blocks;
        try {
            return new Trainer(c).fit(d, RandomRatings.ids("u", USERS), RandomRatings.ids("i", ITEMS), "test",
                TrainingListener.NONE);
        } finally {
            ViolatorSearch.blocksAllowed = true;
        }
    }

    @Test
    void blocksAndOneAtATimeTrainTheSameTables() {
        Interactions d = data();
        TrainerConfig base = Presets.single().toBuilder().dim(24).epochs(4).threads(1).build();
        List<TrainerConfig> configs = List.of(
                base.toBuilder().sampler("warp:10").build(),
                base.toBuilder().sampler("warp").itemBias(false).build(),
                base,
                base.toBuilder().order(AnchorOrder.BY_USER).build(),
                Presets.cautious().toBuilder().dim(24).epochs(3).threads(1).build());
        for (TrainerConfig c : configs) {
            EmbeddingModel blocks = fit(c, d, true);
            EmbeddingModel single = fit(c, d, false);
            String what = c.sampler() + " " + c.order() + (c.hasChannels() ? " with channels" : "");
            assertThat(firstDifference(blocks.userFactors(), single.userFactors())).as(what + ": users").isEqualTo(-1);
            assertThat(firstDifference(blocks.itemFactors(), single.itemFactors())).as(what + ": items").isEqualTo(-1);
            assertThat(firstDifference(blocks.itemBias(), single.itemBias())).as(what + ": biases").isEqualTo(-1);
        }
    }

    /** The first index where the floats' bits differ, -1 if none does (or both tables are absent). */
    private static int firstDifference(float[] a, float[] b) {
        if (a == null || b == null) {
            return a == b ? -1 : 0;
        }
        return Arrays.mismatch(a, b);
    }
}
