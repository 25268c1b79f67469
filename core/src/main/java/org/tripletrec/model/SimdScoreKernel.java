package org.tripletrec.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScoreKernel} with the Vector API. {@link #dotAll}: four vectors of items (64 with AVX-512) stay in
 * registers while the loop runs down the dimensions, so each column block is read once and no partial sums go
 * back to memory; each lane is one item's sum in dimension order. {@link #dotRows}: lane k of a 128-bit vector is
 * {@link Vectors#dot}'s partial sum k, four rows at a time (a last group of fewer rows padded with copies). The
 * same floats as the plain kernel.
 */
final class SimdScoreKernel extends ScoreKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Float> Q = FloatVector.SPECIES_128; // Vectors.dot's four partial sums

    @Override
    void dotAll(float[] x, int off, int dim, float[] columns, int n, float[] out) {
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            FloatVector o0 = FloatVector.zero(S), o1 = o0, o2 = o0, o3 = o0;
            for (int j = 0; j < dim; j++) {
                float a = x[off + j];
                int b = j * n + i;
                o0 = o0.add(FloatVector.fromArray(S, columns, b).mul(a));
                o1 = o1.add(FloatVector.fromArray(S, columns, b + L).mul(a));
                o2 = o2.add(FloatVector.fromArray(S, columns, b + 2 * L).mul(a));
                o3 = o3.add(FloatVector.fromArray(S, columns, b + 3 * L).mul(a));
            }
            o0.intoArray(out, i);
            o1.intoArray(out, i + L);
            o2.intoArray(out, i + 2 * L);
            o3.intoArray(out, i + 3 * L);
        }
        for (; i + L <= n; i += L) {
            FloatVector o = FloatVector.zero(S);
            for (int j = 0; j < dim; j++) {
                o = o.add(FloatVector.fromArray(S, columns, j * n + i).mul(x[off + j]));
            }
            o.intoArray(out, i);
        }
        dotRest(x, off, dim, columns, n, out, i);
    }

    @Override
    void dotRows(float[] x, int off, float[] table, int dim, int[] rows, int count, float[] out) {
        int bound = dim & ~3;
        // A last group of one to three rows is padded with copies of its last row: the four chains of adds run
        // side by side in about the time of one, and each row's floats do not depend on its neighbours.
        for (int k = 0; k < count; k += 4) {
            int last = count - 1;
            int r0 = rows[k] * dim, r1 = rows[Math.min(k + 1, last)] * dim, r2 = rows[Math.min(k + 2, last)] * dim,
                    r3 = rows[Math.min(k + 3, last)] * dim;
            FloatVector a0 = FloatVector.zero(Q), a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < bound; j += 4) {
                FloatVector u = FloatVector.fromArray(Q, x, off + j);
                a0 = a0.add(u.mul(FloatVector.fromArray(Q, table, r0 + j)));
                a1 = a1.add(u.mul(FloatVector.fromArray(Q, table, r1 + j)));
                a2 = a2.add(u.mul(FloatVector.fromArray(Q, table, r2 + j)));
                a3 = a3.add(u.mul(FloatVector.fromArray(Q, table, r3 + j)));
            }
            out[k] = finish(a0, x, off, table, r0, bound, dim);
            if (k + 1 < count) {
                out[k + 1] = finish(a1, x, off, table, r1, bound, dim);
            }
            if (k + 2 < count) {
                out[k + 2] = finish(a2, x, off, table, r2, bound, dim);
            }
            if (k + 3 < count) {
                out[k + 3] = finish(a3, x, off, table, r3, bound, dim);
            }
        }
    }

    /** Vectors.dot's end from its partial sums in the lanes of {@code a}: the rest into s0, then the tree. */
    private static float finish(FloatVector a, float[] x, int off, float[] table, int r, int bound, int dim) {
        float s0 = a.lane(0);
        for (int j = bound; j < dim; j++) {
            s0 += x[off + j] * table[r + j];
        }
        return (s0 + a.lane(1)) + (a.lane(2) + a.lane(3));
    }
}
