package org.tripletrec.spark;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.tripletrec.train.Channels;
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

    /** The rows and biases alone, copied, with no optimiser state: what leaves the training, smaller. */
    TableBlock parameters() {
        TableBlock p = new TableBlock(block, rows, dim, bias() != null, OptimizerKind.SGD, 1f);
        System.arraycopy(table(), 0, p.table(), 0, table().length);
        if (bias() != null) {
            System.arraycopy(bias(), 0, p.bias(), 0, bias().length);
        }
        return p;
    }

    /**
     * The same block of each channel's table joined as {@link Channels} joins the channels' models: rows side by
     * side (times the channels' weights when {@code weightRows}: user rows), biases summed times the weights.
     */
    static TableBlock join(TableBlock[] channels, float[] weights, boolean weightRows) {
        TableBlock first = channels[0];
        int k = channels.length;
        float[][] tables = new float[k][];
        float[][] biases = first.bias() == null ? null : new float[k][];
        for (int c = 0; c < k; c++) {
            if (channels[c].block != first.block || channels[c].rows != first.rows || channels[c].dim != first.dim) {
                throw new IllegalStateException("channel " + c + " has block " + channels[c].block + " of "
                        + channels[c].rows + " x " + channels[c].dim + ", channel 0 block " + first.block + " of "
                        + first.rows + " x " + first.dim);
            }
            tables[c] = channels[c].table();
            if (biases != null) {
                biases[c] = channels[c].bias();
            }
        }
        TableBlock out = new TableBlock(first.block, first.rows, Math.multiplyExact(k, first.dim), biases != null,
                OptimizerKind.SGD, 1f);
        Channels.joinRows(tables, weightRows ? weights : null, first.dim, out.table());
        if (biases != null) {
            Channels.joinBias(biases, weights, out.bias());
        }
        return out;
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
