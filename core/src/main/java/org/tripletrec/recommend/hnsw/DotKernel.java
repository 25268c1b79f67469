package org.tripletrec.recommend.hnsw;

import org.tripletrec.model.Vectors;

/**
 * The inner product a graph is built and walked with: plain Java (the fallback), and {@link SimdDotKernel} with
 * the Vector API. Their floats may differ in the last bits (another order of additions); that only steers the
 * walk, since every returned score is computed again in the model's own order.
 */
class DotKernel {
    float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return Vectors.dot(a, aOff, b, bOff, n);
    }
}
