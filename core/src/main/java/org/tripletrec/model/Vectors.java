package org.tripletrec.model;

/**
 * Small dense kernels on flat float tables. Written as plain counted loops with independent accumulators so
 * that HotSpot's superword pass vectorises them; no allocation.
 */
public final class Vectors {
    private Vectors() {}

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[aOff + j] * b[bOff + j];
            s1 += a[aOff + j + 1] * b[bOff + j + 1];
            s2 += a[aOff + j + 2] * b[bOff + j + 2];
            s3 += a[aOff + j + 3] * b[bOff + j + 3];
        }
        for (; j < n; j++) {
            s0 += a[aOff + j] * b[bOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * u . (v[pOff..] - v[nOff..]): the score margin of a triplet in one pass over the three rows. Eight
     * independent partial sums, so the loop is not one serial chain of dependent additions; the summation
     * order is fixed, so results are repeatable.
     */
    public static float diffDot(float[] u, int uOff, float[] v, int pOff, int nOff, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int j = 0;
        for (; j + 7 < n; j += 8) {
            s0 += u[uOff + j] * (v[pOff + j] - v[nOff + j]);
            s1 += u[uOff + j + 1] * (v[pOff + j + 1] - v[nOff + j + 1]);
            s2 += u[uOff + j + 2] * (v[pOff + j + 2] - v[nOff + j + 2]);
            s3 += u[uOff + j + 3] * (v[pOff + j + 3] - v[nOff + j + 3]);
            s4 += u[uOff + j + 4] * (v[pOff + j + 4] - v[nOff + j + 4]);
            s5 += u[uOff + j + 5] * (v[pOff + j + 5] - v[nOff + j + 5]);
            s6 += u[uOff + j + 6] * (v[pOff + j + 6] - v[nOff + j + 6]);
            s7 += u[uOff + j + 7] * (v[pOff + j + 7] - v[nOff + j + 7]);
        }
        for (; j < n; j++) {
            s0 += u[uOff + j] * (v[pOff + j] - v[nOff + j]);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** y[yOff..] += alpha * x[xOff..]. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] += alpha * x[xOff + j];
        }
    }

    public static float norm(float[] a, int off, int n) {
        return (float) Math.sqrt(dot(a, off, a, off, n));
    }

    public static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
