package org.tripletrec.train;

import java.io.Serializable;

/**
 * A parameter table (flat, row-major floats, {@code dim} a row), optionally one bias per row, together with the
 * optimiser state of those parameters (Adagrad's accumulators, Adam's moments) and the number of mini-batches
 * applied to them.
 *
 * <p>Public so that a trainer which splits the model into blocks (the Spark module's DSGD) can keep each
 * block's optimiser state with its rows, ship the two together between machines (this class is
 * {@link Serializable}) and train a block pair with {@link CellTrainer}: the update rules stay core's, not a
 * copy of them. {@link Trainer} uses it too, for its whole user and item tables; its Hogwild threads share one
 * global step counter instead of {@link #steps()}.
 */
public final class TableState implements Serializable {
    private static final long serialVersionUID = 1L;

    final float[] table;
    final float[] bias;           // null without biases
    final Optimizer opt;
    final Optimizer biasOpt;      // null without biases
    long steps;                   // mini-batches applied through CellTrainer (Adam's bias correction)

    /** Zero parameters of {@code rows} rows, with the fresh state of optimiser {@code kind} at learning rate {@code lr}. */
    public TableState(int rows, int dim, boolean withBias, OptimizerKind kind, float lr) {
        this(new float[Math.multiplyExact(rows, dim)], withBias ? new float[rows] : null, kind, lr);
    }

    /** Fresh optimiser state over existing tables (not copied: training writes them in place). */
    TableState(float[] table, float[] bias, OptimizerKind kind, float lr) {
        this.table = table;
        this.bias = bias;
        opt = Optimizer.create(kind, table.length, lr);
        biasOpt = bias == null ? null : Optimizer.create(kind, bias.length, lr);
    }

    /** Tables that continue from saved optimiser state ({@link Optimizer#state()} arrays), not copied. */
    TableState(float[] table, float[] bias, OptimizerKind kind, float lr, float[][] state, float[][] biasState) {
        this.table = table;
        this.bias = bias;
        opt = Optimizer.restore(kind, lr, state, table.length);
        biasOpt = bias == null ? null : Optimizer.restore(kind, lr, biasState, bias.length);
    }

    private TableState(TableState o) {
        table = o.table.clone();
        bias = o.bias == null ? null : o.bias.clone();
        opt = o.opt.copy();
        biasOpt = o.biasOpt == null ? null : o.biasOpt.copy();
        steps = o.steps;
    }

    /** A deep copy, parameters and optimiser state (a retried Spark task must start again from the same state). */
    public TableState copy() {
        return new TableState(this);
    }

    /** The parameters, row-major; training updates this array in place. */
    public float[] table() {
        return table;
    }

    /** One bias a row, or null when the table has none; updated in place. */
    public float[] bias() {
        return bias;
    }

    /** Mini-batches applied to this table by {@link CellTrainer} so far. */
    public long steps() {
        return steps;
    }
}
