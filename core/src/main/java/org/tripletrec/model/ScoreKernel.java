package org.tripletrec.model;

import java.util.Arrays;

/**
 * The inner loop of {@link ItemMatrix}: plain Java (the fallback), and {@link SimdScoreKernel} with the Vector API.
 * Every item's sum runs in dimension order from 0f, without fused multiply-adds, in both.
 */
class ScoreKernel {
    void dotAll(float[] x, int off, int dim, float[] columns, int n, float[] out) {
        Arrays.fill(out, 0, n, 0f);
        for (int j = 0; j < dim; j++) {
            float a = x[off + j];
            int base = j * n;
            for (int i = 0; i < n; i++) {
                out[i] += a * columns[base + i];
            }
        }
    }

    /** Items [from, n), one at a time (the end that does not fill a block of vectors). */
    static void dotRest(float[] x, int off, int dim, float[] columns, int n, float[] out, int from) {
        for (int i = from; i < n; i++) {
            float s = 0f;
            for (int j = 0; j < dim; j++) {
                s += x[off + j] * columns[j * n + i];
            }
            out[i] = s;
        }
    }
}
