package org.tripletrec.recommend.hnsw;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link DotKernel} with the Vector API: a fused multiply-add a vector of dimensions a step, two sums in flight. */
final class SimdDotKernel extends DotKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0;
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            s0 = FloatVector.fromArray(S, a, aOff + j).fma(FloatVector.fromArray(S, b, bOff + j), s0);
            s1 = FloatVector.fromArray(S, a, aOff + j + L).fma(FloatVector.fromArray(S, b, bOff + j + L), s1);
        }
        for (; j + L <= n; j += L) {
            s0 = FloatVector.fromArray(S, a, aOff + j).fma(FloatVector.fromArray(S, b, bOff + j), s0);
        }
        float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            sum += a[aOff + j] * b[bOff + j];
        }
        return sum;
    }
}
