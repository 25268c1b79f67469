package org.tripletrec.train;

import org.tripletrec.model.Simd;
import org.tripletrec.model.Vectors;

/**
 * The per-triplet arithmetic of the fused batch-1 path: the score margin and the in-place SGD and Adagrad steps
 * of the three rows of a triplet. Two implementations give bit-for-bit the same floats: this plain-Java one
 * (the fallback), and {@link SimdKernel}, written with the JDK Vector API, because HotSpot does not auto-vectorise
 * these loops: the positive and negative rows live in the same array at offsets it cannot tell apart (the speed
 * of each is in docs/PERFORMANCE.md, from {@code KernelBenchmark}).
 *
 * <p>Which one this JVM has is {@link Simd}'s choice. Even then a short training run takes the plain kernel
 * ({@link #forWork}): until HotSpot's optimising compiler has compiled the Vector API kernel, every vector
 * operation allocates and it runs far slower than plain Java, and a short run ends before the compiled kernel has
 * made up for that; plain Java compiles sooner and costs little before it has.
 */
class Kernel {
    /**
     * Below this much work (triplets times the dimension: a million triplets at dim 64) a run takes the plain
     * kernel: about where the two kernels' training times cross over (docs/PERFORMANCE.md).
     */
    static final long VECTOR_MIN_WORK = 64_000_000L;

    static final Kernel PLAIN = new Kernel();

    /** The Vector API kernel when this JVM has it on, else the plain one. */
    static Kernel fastest() {
        return Fastest.KERNEL;
    }

    /** The kernel for a run of {@code visits} triplets at dimension {@code dim}. */
    static Kernel forWork(long visits, int dim) {
        return (double) visits * dim < VECTOR_MIN_WORK ? PLAIN : fastest();
    }

    /** Loaded on first use only, so that a JVM whose runs are all short never initialises the Vector API. */
    private static final class Fastest {
        static final Kernel KERNEL = Simd.choose(Kernel.class, "org.tripletrec.train.SimdKernel", PLAIN);
    }

    /** u . (v[p..] - v[n..]), summed as {@link Vectors#diffDot} does. */
    float diffDot(float[] u, int uo, float[] v, int po, int no, int dim) {
        return Vectors.diffDot(u, uo, v, po, no, dim);
    }

    // In the steps, (0f + a) mirrors the mini-batch path, whose gradient slots start at 0f (it differs from a
    // only for a = -0f).

    void sgd(float[] user, float[] item, int uo, int po, int no, int dim, float g, float lr, float lrI, float ur,
             float ir) {
        for (int j = 0; j < dim; j++) {
            float uj = user[uo + j], pj = item[po + j], nj = item[no + j];
            float gu = (0f + g * (pj - nj)) + ur * uj;
            float gp = (0f + g * uj) + ir * pj;
            float gn = (0f - g * uj) + ir * nj;
            user[uo + j] = uj - lr * gu;
            item[po + j] = pj - lrI * gp;
            item[no + j] = nj - lrI * gn;
        }
    }

    void adagrad(float[] user, float[] item, float[] au, float[] ai, int uo, int po, int no, int dim, float g,
                 float lr, float lrI, float ur, float ir) {
        for (int j = 0; j < dim; j++) {
            float uj = user[uo + j], pj = item[po + j], nj = item[no + j];
            float gu = (0f + g * (pj - nj)) + ur * uj;
            float gp = (0f + g * uj) + ir * pj;
            float gn = (0f - g * uj) + ir * nj;
            float a = au[uo + j] + gu * gu;
            au[uo + j] = a;
            user[uo + j] = uj - lr * gu / (float) Math.sqrt(a);
            float b = ai[po + j] + gp * gp;
            ai[po + j] = b;
            item[po + j] = pj - lrI * gp / (float) Math.sqrt(b);
            float c = ai[no + j] + gn * gn;
            ai[no + j] = c;
            item[no + j] = nj - lrI * gn / (float) Math.sqrt(c);
        }
    }

    /**
     * One Adam step of a row from a summed mini-batch gradient: g = grad * scale + reg * param, then
     * {@link Optimizer.Adam#update} arithmetic with precomputed bias corrections c1, c2. Leaves the gradient slot
     * zeroed for the next batch (while its lines are in cache, instead of a separate pass).
     */
    void adamRow(float[] param, int off, float[] grad, int gOff, float[] m, float[] v, int len, float scale,
                 float reg, float lr, float c1, float c2) {
        final float b1 = Optimizer.Adam.BETA1, b2 = Optimizer.Adam.BETA2, eps = Optimizer.Adam.EPS;
        for (int j = 0; j < len; j++) {
            int k = off + j;
            float g = grad[gOff + j] * scale + reg * param[k];
            grad[gOff + j] = 0f;
            float mj = b1 * m[k] + (1f - b1) * g;
            float vj = b2 * v[k] + (1f - b2) * g * g;
            m[k] = mj;
            v[k] = vj;
            param[k] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + eps);
        }
    }

    /** Dense Adam's step of parameters without a gradient: {@link Optimizer.Adam#decay} arithmetic. */
    void adamDecay(float[] param, float[] m, float[] v, int off, int len, float lr, float c1, float c2) {
        final float b1 = Optimizer.Adam.BETA1, b2 = Optimizer.Adam.BETA2, eps = Optimizer.Adam.EPS;
        for (int k = off, end = off + len; k < end; k++) {
            float mj = b1 * m[k];
            float vj = b2 * v[k];
            m[k] = mj;
            v[k] = vj;
            param[k] -= lr * (mj * c1) / ((float) Math.sqrt(vj * c2) + eps);
        }
    }

    /**
     * Adds one triplet's gradient to its mini-batch slots: gu += g (v[p] - v[n]), gp += g u, gn -= g u. The two
     * item slots may be the same slot (positive = negative); the element order makes that exact too.
     */
    void accumulate(float[] user, int uo, float[] item, int po, int no, float[] gradUser, int su, float[] gradItem,
                    int sp, int sn, int dim, float g) {
        for (int j = 0; j < dim; j++) {
            float uj = user[uo + j];
            gradUser[su + j] += g * (item[po + j] - item[no + j]);
            gradItem[sp + j] += g * uj;
            gradItem[sn + j] -= g * uj;
        }
    }
}
