package org.tripletrec.train;

import java.util.Arrays;

/**
 * Where the optimiser stood when training ended: its kind, the number of mini-batches applied (Adam's bias
 * correction needs it), and the per-parameter state of the user table, the item table and the item biases
 * (Adagrad: one accumulator per parameter; Adam: two moments; SGD: none). A model file keeps it so that an
 * incremental update resumes Adagrad or Adam where they stopped instead of starting them afresh.
 *
 * <p>The tables are the parameter tables: with side features, the id rows and then the feature rows.
 */
public record OptimizerState(OptimizerKind kind, long steps, float[][] users, float[][] items, float[][] bias) {

    /** The state of two tables after training. */
    static OptimizerState of(TableState users, TableState items, long steps) {
        return new OptimizerState(kindOf(users.opt), steps, users.opt.state(), items.opt.state(),
                items.biasOpt == null ? new float[0][] : items.biasOpt.state());
    }

    private static OptimizerKind kindOf(Optimizer opt) {
        if (opt instanceof Optimizer.Adagrad) {
            return OptimizerKind.ADAGRAD;
        }
        if (opt instanceof Optimizer.Adam adam) {
            return adam.dense() ? OptimizerKind.ADAM : OptimizerKind.LAZY_ADAM;
        }
        return OptimizerKind.SGD;
    }

    /**
     * The state for grown tables: row {@code r} of the old user table becomes row {@code userRows[r]} of
     * {@code newUsers} rows (the same for items and their biases); rows that no old row maps to start fresh.
     */
    public OptimizerState remap(int[] userRows, int newUsers, int[] itemRows, int newItems, int dim) {
        float fresh = Optimizer.freshState(kind);
        return new OptimizerState(kind, steps, remap(users, userRows, newUsers, dim, fresh),
                remap(items, itemRows, newItems, dim, fresh), remap(bias, itemRows, newItems, 1, fresh));
    }

    private static float[][] remap(float[][] arrays, int[] rows, int newRows, int width, float fresh) {
        float[][] out = new float[arrays.length][];
        for (int a = 0; a < arrays.length; a++) {
            float[] grown = new float[Math.multiplyExact(newRows, width)];
            Arrays.fill(grown, fresh);
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(arrays[a], r * width, grown, rows[r] * width, width);
            }
            out[a] = grown;
        }
        return out;
    }
}
