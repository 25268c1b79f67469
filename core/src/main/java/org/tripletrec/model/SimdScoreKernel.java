package org.tripletrec.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScoreKernel} with the Vector API: four vectors of items (64 with AVX-512) stay in registers while the
 * loop runs down the dimensions, so each column block is read once and no partial sums go back to memory. Each
 * lane is one item's sum in dimension order: the same floats as the plain kernel.
 */
final class SimdScoreKernel extends ScoreKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

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
}
