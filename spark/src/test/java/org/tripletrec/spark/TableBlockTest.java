package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tripletrec.sampling.SplitMix;
import org.tripletrec.train.CellTrainer;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

/**
 * A block carries its optimiser state: a copy, or a block that went through Java serialization (a shuffle, a
 * spill to disk), trains on exactly as the original does.
 */
class TableBlockTest {
    private static final int USERS = 6, ITEMS = 9, DIM = 8;

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void copiedAndSerializedBlocksTrainOnExactlyAsTheOriginal(OptimizerKind kind) throws Exception {
        TrainerConfig c = Presets.single().toBuilder().optimizer(kind).dim(DIM).batchSize(3).itemBias(true)
                .learningRate(0.05f).build();
        DataBlock cell = cell(new SplitMix(7));
        TableBlock users = block(USERS, false, kind, 1), items = block(ITEMS, true, kind, 2);
        train(c, cell, users, items, 1); // some optimiser state and step count to carry

        TableBlock users2 = roundTrip(users.copy()), items2 = roundTrip(items.copy());
        float[] before = users.table().clone();
        train(c, cell, users2, items2, 2);
        assertThat(users.table()).containsExactly(before); // the copy did not share the original's rows
        train(c, cell, users, items, 2);

        assertThat(users2.table()).containsExactly(users.table());
        assertThat(items2.table()).containsExactly(items.table());
        assertThat(items2.bias()).containsExactly(items.bias());
        assertThat(users2.state.steps()).isEqualTo(users.state.steps()).isPositive();
        assertThat(items2.state.steps()).isEqualTo(items.state.steps());
    }

    private static void train(TrainerConfig c, DataBlock cell, TableBlock users, TableBlock items, int epoch) {
        CellTrainer t = new CellTrainer(c, cell.interactions(c.policy()), users.state, items.state);
        t.run(epoch, new SplitMix(epoch));
        assertThat(t.triplets()).isPositive();
    }

    private static TableBlock block(int rows, boolean bias, OptimizerKind kind, long seed) {
        TableBlock b = new TableBlock(0, rows, DIM, bias, kind, 0.05f);
        SplitMix rng = new SplitMix(seed);
        for (int k = 0; k < b.table().length; k++) {
            b.table()[k] = (float) (rng.nextGaussian() * 0.1);
        }
        return b;
    }

    private static DataBlock cell(SplitMix rng) {
        int n = 8 * USERS; // eight distinct items a user
        int[] u = new int[n], i = new int[n];
        float[] r = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = k % USERS;
            i[k] = (k / USERS + 2 * u[k]) % ITEMS;
            r[k] = 1 + rng.nextInt(5);
            t[k] = k;
        }
        return new DataBlock(0, 0, USERS, ITEMS, u, i, r, t);
    }

    private static TableBlock roundTrip(TableBlock b) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(b);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TableBlock) in.readObject();
        }
    }
}
