package org.tripletrec.spark;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.TableState;

/**
 * One block of a parameter table (the user table's rows of one user block, or the item table's rows of one item
 * block, with the item biases) together with its optimiser state, so that the state travels with the rows it
 * belongs to. The rows and the state are core's {@link TableState}, trained by core's
 * {@link org.tripletrec.train.CellTrainer}; this class adds where the block sits in the model.
 */
final class TableBlock implements Serializable {
    private static final long serialVersionUID = 2L;

    final int block;
    final int rows;
    final int dim;
    final TableState state;

    TableBlock(int block, int rows, int dim, boolean withBias, OptimizerKind kind, float lr) {
        this(block, rows, dim, new TableState(rows, dim, withBias, kind, lr));
    }

    private TableBlock(int block, int rows, int dim, TableState state) {
        this.block = block;
        this.rows = rows;
        this.dim = dim;
        this.state = state;
    }

    /** A deep copy: a task trains a copy, so a retried task starts again from the same parameters. */
    TableBlock copy() {
        return new TableBlock(block, rows, dim, state.copy());
    }

    /** The block's rows, row-major. */
    float[] table() {
        return state.table();
    }

    /** The rows' biases, or null (user blocks, models without item bias). */
    float[] bias() {
        return state.bias();
    }

    /**
     * Uniform(-scale, scale) initial rows, each drawn from its own stream seeded by (seed, table, global row):
     * the initial model does not depend on the number of blocks.
     */
    void initialise(Blocking blocking, long seed, long tableSalt, float scale) {
        float[] table = table();
        for (int r = 0; r < rows; r++) {
            int global = blocking.global(block, r);
            SplittableRandom rng = new SplittableRandom(Blocking.mix(Blocking.mix(seed, tableSalt), global));
            for (int j = 0; j < dim; j++) {
                table[r * dim + j] = (float) ((rng.nextDouble() * 2 - 1) * scale);
            }
        }
    }
}
