package org.tripletrec.train;

import java.io.Serializable;

/**
 * Applies a gradient to rows of one flat parameter table, keeping whatever per-parameter state the method
 * needs. One instance per table; shared by all training threads (Hogwild: concurrent updates of the same row
 * may race, which is benign for sparse data and is what LightFM and implicit do too). Serializable, so that
 * the state can travel with the rows it belongs to ({@link TableState}).
 */
public abstract class Optimizer implements Serializable {
    private static final long serialVersionUID = 1L;
    protected final float lr;

    protected Optimizer(float lr) {
        this.lr = lr;
    }

    /**
     * Updates {@code param[off..off+len)} with {@code grad[gOff..gOff+len)}; {@code step} is the 1-based global
     * mini-batch count (Adam's bias correction needs it).
     */
    public abstract void update(float[] param, int off, float[] grad, int gOff, int len, long step);

    /** {@link #update} of the single parameter {@code param[off]} with gradient {@code g}. */
    void update1(float[] param, int off, float g, long step) {
        float[] one = {g}; // only the rare fallback allocates; the subclasses override without allocation
        update(param, off, one, 0, 1, step);
    }

    /** A deep copy of the state (a stateless optimiser may return itself). */
    abstract Optimizer copy();

    /** The per-parameter state arrays (Adagrad's accumulators; Adam's two moments; none for SGD), not copies. */
    abstract float[][] state();

    /** The value a parameter's state starts from: the state of a row added to a trained table. */
    static float freshState(OptimizerKind kind) {
        return kind == OptimizerKind.ADAGRAD ? Adagrad.INITIAL : 0f;
    }

    /** An optimiser of {@code kind} that continues from saved {@code state} (see {@link #state()}), not copied. */
    static Optimizer restore(OptimizerKind kind, float lr, float[][] state, int size) {
        int arrays = switch (kind) {
            case SGD -> 0;
            case ADAGRAD -> 1;
            case ADAM, LAZY_ADAM -> 2;
        };
        if (state.length != arrays) {
            throw new IllegalArgumentException(kind.label() + " keeps " + arrays + " state arrays, got " + state.length);
        }
        for (float[] a : state) {
            if (a.length != size) {
                throw new IllegalArgumentException("optimiser state of " + a.length + " values for " + size + " parameters");
            }
        }
        return switch (kind) {
            case SGD -> new Sgd(lr);
            case ADAGRAD -> new Adagrad(state[0], lr);
            case ADAM -> new Adam(state[0], state[1], lr, true);
            case LAZY_ADAM -> new Adam(state[0], state[1], lr, false);
        };
    }

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
        private static final long serialVersionUID = 1L;

        Sgd(float lr) { super(lr); }

        @Override
        Optimizer copy() {
            return this;
        }

        @Override
        float[][] state() {
            return new float[0][];
        }

        @Override
        public void update(float[] param, int off, float[] grad, int gOff, int len, long step) {
            for (int j = 0; j < len; j++) {
                param[off + j] -= lr * grad[gOff + j];
            }
        }

        @Override
        void update1(float[] param, int off, float g, long step) {
            param[off] -= lr * g;
        }
    }

    /** Adagrad with accumulators starting at 1, as LightFM does, so the first steps are not huge. */
    static final class Adagrad extends Optimizer {
        private static final long serialVersionUID = 1L;
        static final float INITIAL = 1f;
        final float[] acc; // read by the fused kernel in Worker

        Adagrad(int size, float lr) {
            super(lr);
            acc = new float[size];
            java.util.Arrays.fill(acc, INITIAL);
        }

        Adagrad(float[] acc, float lr) {
            super(lr);
            this.acc = acc;
        }

        @Override
        float[][] state() {
            return new float[][] {acc};
        }

        private Adagrad(Adagrad o) {
            super(o.lr);
            acc = o.acc.clone();
        }

        @Override
        Optimizer copy() {
            return new Adagrad(this);
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

        @Override
        void update1(float[] param, int off, float g, long step) {
            float a = acc[off] + g * g;
            acc[off] = a;
            param[off] -= lr * g / (float) Math.sqrt(a);
        }
    }

    /** Adam with PyTorch's defaults (betas 0.9 / 0.999, eps 1e-8) and bias correction. */
    static final class Adam extends Optimizer {
        private static final long serialVersionUID = 1L;
        static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;
        final float[] m, v; // read by the training kernel
        private final boolean dense;

        Adam(int size, float lr, boolean dense) {
            super(lr);
            m = new float[size];
            v = new float[size];
            this.dense = dense;
        }

        Adam(float[] m, float[] v, float lr, boolean dense) {
            super(lr);
            this.m = m;
            this.v = v;
            this.dense = dense;
        }

        @Override
        float[][] state() {
            return new float[][] {m, v};
        }

        private Adam(Adam o) {
            super(o.lr);
            m = o.m.clone();
            v = o.v.clone();
            dense = o.dense;
        }

        @Override
        Optimizer copy() {
            return new Adam(this);
        }

        @Override
        public boolean dense() {
            return dense;
        }

        /** Bias correction of the first moment at a 1-based step. */
        static float c1(long step) {
            return 1f / (1f - (float) Math.pow(BETA1, step));
        }

        /** Bias correction of the second moment at a 1-based step. */
        static float c2(long step) {
            return 1f / (1f - (float) Math.pow(BETA2, step));
        }

        @Override
        public void update(float[] param, int off, float[] grad, int gOff, int len, long step) {
            float c1 = c1(step), c2 = c2(step);
            for (int j = 0; j < len; j++) {
                float g = grad[gOff + j];
                float mj = BETA1 * m[off + j] + (1f - BETA1) * g;
                float vj = BETA2 * v[off + j] + (1f - BETA2) * g * g;
                m[off + j] = mj;
                v[off + j] = vj;
                param[off + j] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + EPS);
            }
        }

        @Override
        void update1(float[] param, int off, float g, long step) {
            float mj = BETA1 * m[off] + (1f - BETA1) * g;
            float vj = BETA2 * v[off] + (1f - BETA2) * g * g;
            m[off] = mj;
            v[off] = vj;
            param[off] -= lr * (mj * c1(step)) / ((float) Math.sqrt(vj * c2(step)) + EPS);
        }

        /**
         * The fused batch-1 step of one triplet: this optimiser owns the user table, {@code items} the item
         * table. Gradients from the rows as they were before the step, as the batched path computes them.
         */
        void update3(float[] user, int uo, float[] item, int po, int no, float g, float userReg, float itemReg,
                     Adam items, int dim, long step) {
            float c1 = c1(step), c2 = c2(step);
            float[] mu = m, vu = v, mi = items.m, vi = items.v;
            float lrU = lr, lrI = items.lr;
            for (int j = 0; j < dim; j++) {
                float uj = user[uo + j], pj = item[po + j], nj = item[no + j];
                float gu = (0f + g * (pj - nj)) + userReg * uj;
                float gp = (0f + g * uj) + itemReg * pj;
                float gn = (0f - g * uj) + itemReg * nj;
                int a = uo + j, b = po + j, c = no + j;
                float ma = BETA1 * mu[a] + (1f - BETA1) * gu;
                float va = BETA2 * vu[a] + (1f - BETA2) * gu * gu;
                mu[a] = ma;
                vu[a] = va;
                user[a] = uj - lrU * (ma * c1) / ((float) Math.sqrt(va * c2) + EPS);
                float mb = BETA1 * mi[b] + (1f - BETA1) * gp;
                float vb = BETA2 * vi[b] + (1f - BETA2) * gp * gp;
                mi[b] = mb;
                vi[b] = vb;
                item[b] = pj - lrI * (mb * c1) / ((float) Math.sqrt(vb * c2) + EPS);
                float mc = BETA1 * mi[c] + (1f - BETA1) * gn;
                float vc = BETA2 * vi[c] + (1f - BETA2) * gn * gn;
                mi[c] = mc;
                vi[c] = vc;
                item[c] = nj - lrI * (mc * c1) / ((float) Math.sqrt(vc * c2) + EPS);
            }
        }

        /**
         * The dense step for parameters {@code [off, off+len)} that had no gradient this step: moments decay and
         * the parameters still move. {@code c1}, {@code c2} from {@link #c1(long)} and {@link #c2(long)}.
         */
        void decay(float[] param, int off, int len, float c1, float c2) {
            float[] m = this.m, v = this.v;
            float lr = this.lr;
            for (int k = off, end = off + len; k < end; k++) {
                float mj = BETA1 * m[k];
                float vj = BETA2 * v[k];
                m[k] = mj;
                v[k] = vj;
                param[k] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + EPS);
            }
        }
    }
}
