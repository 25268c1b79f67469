package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tripletrec.train.Optimizer;
import org.tripletrec.train.OptimizerKind;

/** The block's optimiser state must reproduce core's Optimizer bit for bit: the same model, not a look-alike. */
class TableBlockTest {
    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void updatesMatchCoreOptimizerExactly(OptimizerKind kind) {
        int rows = 5, dim = 8;
        TableBlock block = new TableBlock(0, rows, dim, true, kind, 0.05f);
        float[] coreTable = new float[rows * dim];
        float[] coreBias = new float[rows];
        Optimizer opt = Optimizer.create(kind, rows * dim, 0.05f);
        Optimizer biasOpt = Optimizer.create(kind, rows, 0.05f);
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < rows * dim; k++) {
            coreTable[k] = block.table[k] = (float) rng.nextGaussian();
        }
        float[] grad = new float[dim];
        float[] g1 = new float[1];
        for (long step = 1; step <= 200; step++) {
            int row = rng.nextInt(rows);
            for (int j = 0; j < dim; j++) {
                grad[j] = (float) rng.nextGaussian();
            }
            g1[0] = (float) rng.nextGaussian();
            block.update(row * dim, grad, 0, dim, step);
            opt.update(coreTable, row * dim, grad, 0, dim, step);
            block.updateBias(row, g1, 0, step);
            biasOpt.update(coreBias, row, g1, 0, 1, step);
        }
        assertThat(block.table).containsExactly(coreTable);
        assertThat(block.bias).containsExactly(coreBias);
        assertThat(block.dense()).isEqualTo(opt.dense());
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = "ADAM")
    void denseDecayIsAnUpdateWithAZeroGradient(OptimizerKind kind) {
        TableBlock a = new TableBlock(0, 1, 4, false, kind, 0.01f);
        TableBlock b = a.copy();
        float[] g = {1f, -2f, 0.5f, 3f};
        a.update(0, g, 0, 4, 1);
        b.update(0, g, 0, 4, 1);
        a.decay(0, 4, 2);
        b.update(0, new float[4], 0, 4, 2);
        assertThat(a.table).containsExactly(b.table);
    }
}
