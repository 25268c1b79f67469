package org.tripletrec.model;

import java.util.Arrays;

/**
 * The inner loops of {@link ItemMatrix} and {@link RowDots}: plain Java (the fallback), and {@link SimdScoreKernel}
 * with the Vector API, which gives the same floats. In {@link #dotAll} every item's sum runs in dimension order
 * from 0f; {@link #dotRows} sums as {@link Vectors#dot}; neither uses fused multiply-adds.
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

    /** out[k] = {@link Vectors#dot} of x and row rows[k] of the row-major table, for k in [0, count). */
    void dotRows(float[] x, int off, float[] table, int dim, int[] rows, int count, float[] out) {
        for (int k = 0; k < count; k++) {
            out[k] = Vectors.dot(x, off, table, rows[k] * dim, dim);
        }
    }
}
