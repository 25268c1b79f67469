package org.tripletrec.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernel} on the JDK Vector API: the same operations in the same order per element (no fused
 * multiply-add), so the same floats; the score margin keeps sixteen partial sums exactly as the plain
 * {@link org.tripletrec.model.Vectors#diffDot} does, whatever the hardware's vector width (4, 8 or 16 lanes).
 * Loaded by name only when the incubator module is present.
 */
final class SimdKernel extends Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int GROUP = org.tripletrec.model.Vectors.PARTIAL_SUMS;
    // lane i <- lane i ^ d: adding a vector to itself so permuted sums neighbouring lanes, level by level, in the
    // order of diffDot's tree of partial sums
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(S, i -> i ^ 2);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(S, i -> i ^ 4);
    private static final VectorShuffle<Float> SWAP8 = VectorShuffle.fromOp(S, i -> i ^ 8);

    SimdKernel() {
        if (L > GROUP || GROUP % L != 0) {
            throw new IllegalStateException("unsupported vector width " + L);
        }
    }

    @Override
    float diffDot(float[] u, int uo, float[] v, int po, int no, int dim) {
        int bound = dim - dim % GROUP;
        if (bound == 0) {
            return super.diffDot(u, uo, v, po, no, dim);
        }
        if (L == GROUP) {
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < bound; j += GROUP) {
                FloatVector d = FloatVector.fromArray(S, v, po + j).sub(FloatVector.fromArray(S, v, no + j));
                acc = acc.add(FloatVector.fromArray(S, u, uo + j).mul(d));
            }
            // the tree of Vectors.diffDot in registers: ((s0 + s1) + (s2 + s3)) + ... ends in lane 0 (IEEE addition
            // is commutative, so a lane that adds its neighbour to itself holds the same sum as the neighbour)
            acc = acc.add(acc.rearrange(SWAP1));
            acc = acc.add(acc.rearrange(SWAP2));
            acc = acc.add(acc.rearrange(SWAP4));
            acc = acc.add(acc.rearrange(SWAP8));
            return acc.lane(0) + org.tripletrec.model.Vectors.diffDotTail(u, uo, v, po, no, bound, dim);
        }
        float[] partial = new float[GROUP]; // narrower vectors (AVX2, SSE): the sums through memory
        for (int k = 0; k < GROUP; k += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int j = k; j < bound; j += GROUP) {
                FloatVector d = FloatVector.fromArray(S, v, po + j).sub(FloatVector.fromArray(S, v, no + j));
                acc = acc.add(FloatVector.fromArray(S, u, uo + j).mul(d));
            }
            acc.intoArray(partial, k);
        }
        return org.tripletrec.model.Vectors.finishDiffDot(partial, u, uo, v, po, no, bound, dim);
    }

    @Override
    void sgd(float[] user, float[] item, int uo, int po, int no, int dim, float g, float lr, float lrI, float ur,
             float ir) {
        int bound = S.loopBound(dim);
        if (bound == 0) {
            super.sgd(user, item, uo, po, no, dim, g, lr, lrI, ur, ir);
            return;
        }
        // A row that is not a whole number of vectors ends with one vector that overlaps the last full one, read
        // before the loop writes (as in adamRow): the overlapping elements get the same floats twice. The three
        // rows never overlap one another (the fused path has p != n).
        int t = dim - L;
        FloatVector tu = FloatVector.fromArray(S, user, uo + t);
        FloatVector tp = FloatVector.fromArray(S, item, po + t);
        FloatVector tn = FloatVector.fromArray(S, item, no + t);
        for (int j = 0; j < bound; j += L) {
            sgdVector(FloatVector.fromArray(S, user, uo + j), FloatVector.fromArray(S, item, po + j),
                    FloatVector.fromArray(S, item, no + j), user, item, uo + j, po + j, no + j, g, lr, lrI, ur, ir);
        }
        if (bound < dim) {
            sgdVector(tu, tp, tn, user, item, uo + t, po + t, no + t, g, lr, lrI, ur, ir);
        }
    }

    /** One vector of {@link #sgd}: the new rows from the old ones, stored at uo, po and no. */
    private static void sgdVector(FloatVector u, FloatVector p, FloatVector n, float[] user, float[] item, int uo,
                                  int po, int no, float g, float lr, float lrI, float ur, float ir) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector gu = zero.add(p.sub(n).mul(g)).add(u.mul(ur));
        FloatVector gu1 = u.mul(g);
        FloatVector gp = zero.add(gu1).add(p.mul(ir));
        FloatVector gn = zero.sub(gu1).add(n.mul(ir));
        u.sub(gu.mul(lr)).intoArray(user, uo);
        p.sub(gp.mul(lrI)).intoArray(item, po);
        n.sub(gn.mul(lrI)).intoArray(item, no);
    }

    @Override
    void adagrad(float[] user, float[] item, float[] au, float[] ai, int uo, int po, int no, int dim, float g,
                 float lr, float lrI, float ur, float ir) {
        int bound = S.loopBound(dim);
        if (bound == 0) {
            super.adagrad(user, item, au, ai, uo, po, no, dim, g, lr, lrI, ur, ir);
            return;
        }
        // the last, overlapping vector as in sgd: rows and accumulators read before the loop writes
        int t = dim - L;
        FloatVector tu = FloatVector.fromArray(S, user, uo + t);
        FloatVector tp = FloatVector.fromArray(S, item, po + t);
        FloatVector tn = FloatVector.fromArray(S, item, no + t);
        FloatVector ta = FloatVector.fromArray(S, au, uo + t);
        FloatVector tb = FloatVector.fromArray(S, ai, po + t);
        FloatVector tc = FloatVector.fromArray(S, ai, no + t);
        for (int j = 0; j < bound; j += L) {
            adagradVector(FloatVector.fromArray(S, user, uo + j), FloatVector.fromArray(S, item, po + j),
                    FloatVector.fromArray(S, item, no + j), FloatVector.fromArray(S, au, uo + j),
                    FloatVector.fromArray(S, ai, po + j), FloatVector.fromArray(S, ai, no + j), user, item, au, ai,
                    uo + j, po + j, no + j, g, lr, lrI, ur, ir);
        }
        if (bound < dim) {
            adagradVector(tu, tp, tn, ta, tb, tc, user, item, au, ai, uo + t, po + t, no + t, g, lr, lrI, ur, ir);
        }
    }

    /** One vector of {@link #adagrad}: the new rows and accumulators from the old ones. */
    private static void adagradVector(FloatVector u, FloatVector p, FloatVector n, FloatVector a0, FloatVector b0,
                                      FloatVector c0, float[] user, float[] item, float[] au, float[] ai, int uo,
                                      int po, int no, float g, float lr, float lrI, float ur, float ir) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector gu = zero.add(p.sub(n).mul(g)).add(u.mul(ur));
        FloatVector gu1 = u.mul(g);
        FloatVector gp = zero.add(gu1).add(p.mul(ir));
        FloatVector gn = zero.sub(gu1).add(n.mul(ir));
        FloatVector a = a0.add(gu.mul(gu));
        a.intoArray(au, uo);
        u.sub(gu.mul(lr).div(a.sqrt())).intoArray(user, uo);
        FloatVector b = b0.add(gp.mul(gp));
        b.intoArray(ai, po);
        p.sub(gp.mul(lrI).div(b.sqrt())).intoArray(item, po);
        FloatVector c = c0.add(gn.mul(gn));
        c.intoArray(ai, no);
        n.sub(gn.mul(lrI).div(c.sqrt())).intoArray(item, no);
    }

    @Override
    void adamRow(float[] param, int off, float[] grad, int gOff, float[] m, float[] v, int len, float scale,
                 float reg, float lr, float c1, float c2) {
        int bound = S.loopBound(len);
        if (bound == 0) {
            super.adamRow(param, off, grad, gOff, m, v, len, scale, reg, lr, c1, c2);
            return;
        }
        // A row that is not a whole number of vectors (dim 100 = 6 x 16 + 4) ends with one vector that overlaps
        // the last full one. Its inputs are read before the loop writes, so the overlapping elements get the same
        // floats twice: the scalar square roots and divisions it replaces cost a third of the row.
        int t = len - L, tk = off + t;
        FloatVector tp = FloatVector.fromArray(S, param, tk);
        FloatVector tg = FloatVector.fromArray(S, grad, gOff + t);
        FloatVector tm = FloatVector.fromArray(S, m, tk);
        FloatVector tv = FloatVector.fromArray(S, v, tk);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            int k = off + j;
            FloatVector p = FloatVector.fromArray(S, param, k), g = FloatVector.fromArray(S, grad, gOff + j);
            zero.intoArray(grad, gOff + j);
            adamVector(p, g, FloatVector.fromArray(S, m, k), FloatVector.fromArray(S, v, k), param, m, v, k, scale,
                    reg, lr, c1, c2);
        }
        if (bound < len) {
            zero.intoArray(grad, gOff + t);
            adamVector(tp, tg, tm, tv, param, m, v, tk, scale, reg, lr, c1, c2);
        }
    }

    /** One vector of {@link #adamRow}: the new moments and parameters from the old ones, stored at {@code k}. */
    private static void adamVector(FloatVector p, FloatVector grad, FloatVector m0, FloatVector v0, float[] param,
                                   float[] m, float[] v, int k, float scale, float reg, float lr, float c1, float c2) {
        final float b1 = Optimizer.Adam.BETA1, b2 = Optimizer.Adam.BETA2, eps = Optimizer.Adam.EPS;
        FloatVector g = grad.mul(scale).add(p.mul(reg));
        FloatVector mj = m0.mul(b1).add(g.mul(1f - b1));
        FloatVector vj = v0.mul(b2).add(g.mul(1f - b2).mul(g));
        mj.intoArray(m, k);
        vj.intoArray(v, k);
        p.sub(mj.mul(c1).mul(lr).div(vj.mul(c2).sqrt().add(eps))).intoArray(param, k);
    }

    @Override
    void adamDecay(float[] param, float[] m, float[] v, int off, int len, float lr, float c1, float c2) {
        int bound = S.loopBound(len);
        if (bound == 0) {
            super.adamDecay(param, m, v, off, len, lr, c1, c2);
            return;
        }
        // A run that is not a whole number of vectors ends with one vector that overlaps the last full one, its
        // inputs read before the loop writes (as in adamRow): the overlapping elements get the same floats twice,
        // and the scalar square roots and divisions of the remainder are gone
        int tk = off + len - L;
        FloatVector tp = FloatVector.fromArray(S, param, tk);
        FloatVector tm = FloatVector.fromArray(S, m, tk);
        FloatVector tv = FloatVector.fromArray(S, v, tk);
        for (int j = 0; j < bound; j += L) {
            int k = off + j;
            decayVector(FloatVector.fromArray(S, param, k), FloatVector.fromArray(S, m, k),
                    FloatVector.fromArray(S, v, k), param, m, v, k, lr, c1, c2);
        }
        if (bound < len) {
            decayVector(tp, tm, tv, param, m, v, tk, lr, c1, c2);
        }
    }

    /** One vector of {@link #adamDecay}: the new moments and parameters from the old ones, stored at {@code k}. */
    private static void decayVector(FloatVector p, FloatVector m0, FloatVector v0, float[] param, float[] m,
                                    float[] v, int k, float lr, float c1, float c2) {
        final float b1 = Optimizer.Adam.BETA1, b2 = Optimizer.Adam.BETA2, eps = Optimizer.Adam.EPS;
        FloatVector mj = m0.mul(b1);
        FloatVector vj = v0.mul(b2);
        mj.intoArray(m, k);
        vj.intoArray(v, k);
        p.sub(mj.mul(c1).mul(lr).div(vj.mul(c2).sqrt().add(eps))).intoArray(param, k);
    }

    @Override
    void accumulate(float[] user, int uo, float[] item, int po, int no, float[] gradUser, int su, float[] gradItem,
                    int sp, int sn, int dim, float g) {
        int bound = S.loopBound(dim);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector u = FloatVector.fromArray(S, user, uo + j);
            FloatVector d = FloatVector.fromArray(S, item, po + j).sub(FloatVector.fromArray(S, item, no + j));
            FloatVector.fromArray(S, gradUser, su + j).add(d.mul(g)).intoArray(gradUser, su + j);
            FloatVector gu = u.mul(g);
            FloatVector.fromArray(S, gradItem, sp + j).add(gu).intoArray(gradItem, sp + j);
            FloatVector.fromArray(S, gradItem, sn + j).sub(gu).intoArray(gradItem, sn + j);
        }
        if (j < dim) {
            super.accumulate(user, uo + j, item, po + j, no + j, gradUser, su + j, gradItem, sp + j, sn + j, dim - j, g);
        }
    }
}
