package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.sampling.SplitMix;

class CellTrainerTest {
    private static final int USERS = 12, ITEMS = 20, DIM = 4;

    private static float[] train(AnchorOrder order) {
        TrainerConfig c = Presets.single().toBuilder().dim(DIM).order(order).build();
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < USERS; u++) {
            for (int j = 0; j < 6; j++) {
                b.add(u, (u * 3 + j * 7) % ITEMS, 1 + (u + j) % 5, j);
            }
        }
        Interactions cell = Interactions.of(b.build(), c.policy(), USERS, ITEMS);
        TableState users = new TableState(USERS, DIM, false, c.optimizer(), c.learningRate());
        TableState items = new TableState(ITEMS, DIM, true, c.optimizer(), c.learningRate());
        SplitMix init = new SplitMix(1);
        for (float[] t : new float[][] {users.table(), items.table()}) {
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) init.nextGaussian() * 0.1f;
            }
        }
        new CellTrainer(c, cell, users, items).run(1, new SplitMix(9));
        return users.table();
    }

    @Test
    void theAnchorOrderIsHonoured() {
        assertThat(train(AnchorOrder.BY_USER)).containsExactly(train(AnchorOrder.BY_USER));
        assertThat(train(AnchorOrder.BY_USER)).isNotEqualTo(train(AnchorOrder.SHUFFLED));
    }
}
