package org.tripletrec.train;

/**
 * Applies a gradient to rows of one flat parameter table, keeping whatever per-parameter state the method
 * needs. One instance per table; shared by all training threads (Hogwild: concurrent updates of the same row
 * may race, which is benign for sparse data and is what LightFM and implicit do too).
 */
public abstract class Optimizer {
    protected final float lr;

    protected Optimizer(float lr) {
        this.lr = lr;
    }

    /**
     * Updates {@code param[off..off+len)} with {@code grad[gOff..gOff+len)}; {@code step} is the 1-based global
     * mini-batch count (Adam's bias correction needs it).
     */
    public abstract void update(float[] param, int off, float[] grad, int gOff, int len, long step);

    /** True if every row must be updated every step, touched or not (dense Adam). */
    public boolean dense() {
        return false;
    }

    public static Optimizer create(OptimizerKind kind, int size, float lr) {
        return switch (kind) {
            case SGD -> new Sgd(lr);
            case ADAGRAD -> new Adagrad(size, lr);
            case ADAM -> new Adam(size, lr, true);
            case LAZY_ADAM -> new Adam(size, lr, false);
        };
    }

    static final class Sgd extends Optimizer {
        Sgd(float lr) { super(lr); }

        @Override
        public void update(float[] param, int off, float[] grad, int gOff, int len, long step) {
            for (int j = 0; j < len; j++) {
                param[off + j] -= lr * grad[gOff + j];
            }
        }
    }

    /** Adagrad with accumulators starting at 1, as LightFM does, so the first steps are not huge. */
    static final class Adagrad extends Optimizer {
        private final float[] acc;

        Adagrad(int size, float lr) {
            super(lr);
            acc = new float[size];
            java.util.Arrays.fill(acc, 1f);
        }

        @Override
        public void update(float[] param, int off, float[] grad, int gOff, int len, long step) {
            for (int j = 0; j < len; j++) {
                float g = grad[gOff + j];
                float a = acc[off + j] + g * g;
                acc[off + j] = a;
                param[off + j] -= lr * g / (float) Math.sqrt(a);
            }
        }
    }

    /** Adam with PyTorch's defaults (betas 0.9 / 0.999, eps 1e-8) and bias correction. */
    static final class Adam extends Optimizer {
        static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
        private final float[] m, v;
        private final boolean dense;

        Adam(int size, float lr, boolean dense) {
            super(lr);
            m = new float[size];
            v = new float[size];
            this.dense = dense;
        }

        @Override
        public boolean dense() {
            return dense;
        }

        @Override
        public void update(float[] param, int off, float[] grad, int gOff, int len, long step) {
            float c1 = 1f / (1f - (float) Math.pow(BETA1, step));
            float c2 = 1f / (1f - (float) Math.pow(BETA2, step));
            for (int j = 0; j < len; j++) {
                float g = grad[gOff + j];
                float mj = BETA1 * m[off + j] + (1f - BETA1) * g;
                float vj = BETA2 * v[off + j] + (1f - BETA2) * g * g;
                m[off + j] = mj;
                v[off + j] = vj;
                param[off + j] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + EPS);
            }
        }

        /** The dense step for a row that had no gradient this step: moments decay and the row still moves. */
        void decay(float[] param, int off, int len, long step) {
            float c1 = 1f / (1f - (float) Math.pow(BETA1, step));
            float c2 = 1f / (1f - (float) Math.pow(BETA2, step));
            for (int j = 0; j < len; j++) {
                float mj = BETA1 * m[off + j];
                float vj = BETA2 * v[off + j];
                m[off + j] = mj;
                v[off + j] = vj;
                param[off + j] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + EPS);
            }
        }
    }
}
