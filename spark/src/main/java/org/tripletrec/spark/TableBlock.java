package org.tripletrec.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.tripletrec.train.OptimizerKind;

/**
 * One block of a parameter table (the user table's rows of one user block, or the item table's rows of one item
 * block, with the item biases) together with its optimiser state, so that the state travels with the rows it
 * belongs to. The update rules are those of core's {@link org.tripletrec.train.Optimizer}, written out over
 * explicit state arrays because core keeps its state private; {@code TableBlockTest} checks that both give
 * bit-identical parameters on the same gradients.
 */
final class TableBlock implements Serializable {
    private static final long serialVersionUID = 1L;
    static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;

    final int block;
    final int rows;
    final int dim;
    final float[] table;
    final float[] bias;     // null for users and for models without item bias
    final OptimizerKind kind;
    final float lr;
    final float[] s1, s2;   // adagrad: accumulators in s1; adam: first and second moments
    final float[] b1, b2;   // the same for the biases
    long steps;             // mini-batches applied to this block so far (Adam's bias correction)

    TableBlock(int block, int rows, int dim, boolean withBias, OptimizerKind kind, float lr) {
        this.block = block;
        this.rows = rows;
        this.dim = dim;
        this.kind = kind;
        this.lr = lr;
        table = new float[Math.multiplyExact(rows, dim)];
        bias = withBias ? new float[rows] : null;
        int n = table.length;
        int nb = withBias ? rows : 0;
        switch (kind) {
            case ADAGRAD -> {
                s1 = new float[n];
                Arrays.fill(s1, 1f);
                s2 = null;
                b1 = new float[nb];
                Arrays.fill(b1, 1f);
                b2 = null;
            }
            case ADAM, LAZY_ADAM -> {
                s1 = new float[n];
                s2 = new float[n];
                b1 = new float[nb];
                b2 = new float[nb];
            }
            default -> {
                s1 = s2 = b1 = b2 = null;
            }
        }
    }

    private TableBlock(TableBlock o) {
        block = o.block;
        rows = o.rows;
        dim = o.dim;
        kind = o.kind;
        lr = o.lr;
        table = o.table.clone();
        bias = o.bias == null ? null : o.bias.clone();
        s1 = o.s1 == null ? null : o.s1.clone();
        s2 = o.s2 == null ? null : o.s2.clone();
        b1 = o.b1 == null ? null : o.b1.clone();
        b2 = o.b2 == null ? null : o.b2.clone();
        steps = o.steps;
    }

    /** A deep copy: a task trains a copy, so a retried task starts again from the same parameters. */
    TableBlock copy() {
        return new TableBlock(this);
    }

    /**
     * Uniform(-scale, scale) initial rows, each drawn from its own stream seeded by (seed, table, global row):
     * the initial model does not depend on the number of blocks.
     */
    void initialise(Blocking blocking, long seed, long tableSalt, float scale) {
        for (int r = 0; r < rows; r++) {
            int global = blocking.global(block, r);
            SplittableRandom rng = new SplittableRandom(Blocking.mix(Blocking.mix(seed, tableSalt), global));
            for (int j = 0; j < dim; j++) {
                table[r * dim + j] = (float) ((rng.nextDouble() * 2 - 1) * scale);
            }
        }
    }

    boolean dense() {
        return kind == OptimizerKind.ADAM;
    }

    /** Core's Optimizer.update on the table, at row offset {@code off}. */
    void update(int off, float[] grad, int gOff, int len, long step) {
        apply(table, s1, s2, off, grad, gOff, len, step);
    }

    void updateBias(int row, float[] grad, int gOff, long step) {
        apply(bias, b1, b2, row, grad, gOff, 1, step);
    }

    private void apply(float[] param, float[] m1, float[] m2, int off, float[] grad, int gOff, int len, long step) {
        switch (kind) {
            case SGD -> {
                for (int j = 0; j < len; j++) {
                    param[off + j] -= lr * grad[gOff + j];
                }
            }
            case ADAGRAD -> {
                for (int j = 0; j < len; j++) {
                    float g = grad[gOff + j];
                    float acc = m1[off + j] + g * g;
                    m1[off + j] = acc;
                    param[off + j] -= lr * g / (float) Math.sqrt(acc);
                }
            }
            case ADAM, LAZY_ADAM -> {
                float c1 = 1f / (1f - (float) Math.pow(BETA1, step));
                float c2 = 1f / (1f - (float) Math.pow(BETA2, step));
                for (int j = 0; j < len; j++) {
                    float g = grad[gOff + j];
                    float mj = BETA1 * m1[off + j] + (1f - BETA1) * g;
                    float vj = BETA2 * m2[off + j] + (1f - BETA2) * g * g;
                    m1[off + j] = mj;
                    m2[off + j] = vj;
                    param[off + j] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + EPS);
                }
            }
            default -> throw new IllegalStateException("optimizer " + kind);
        }
    }

    /** Dense Adam's step for a row without a gradient: moments decay and the row still moves (core's decay). */
    void decay(int off, int len, long step) {
        decay(table, s1, s2, off, len, step);
    }

    void decayBias(int row, long step) {
        decay(bias, b1, b2, row, 1, step);
    }

    private void decay(float[] param, float[] m1, float[] m2, int off, int len, long step) {
        float c1 = 1f / (1f - (float) Math.pow(BETA1, step));
        float c2 = 1f / (1f - (float) Math.pow(BETA2, step));
        for (int j = 0; j < len; j++) {
            float mj = BETA1 * m1[off + j];
            float vj = BETA2 * m2[off + j];
            m1[off + j] = mj;
            m2[off + j] = vj;
            param[off + j] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + EPS);
        }
    }
}
