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
     * a . b summed in index order from 0f: the order of every ranking score ({@link EmbeddingModel#score},
     * {@link ItemMatrix}), so that they agree bit for bit whichever kernel computed them.
     */
    public static float orderedDot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int j = 0; j < n; j++) {
            s += a[aOff + j] * b[bOff + j];
        }
        return s;
    }

    /** Partial sums of {@link #diffDot}: a multiple of every vector width (4, 8, 16 floats). */
    public static final int PARTIAL_SUMS = 16;

    /**
     * u . (v[pOff..] - v[nOff..]): the score margin of a triplet in one pass over the three rows. Element j of the
     * first {@code n - n % 16} goes to partial sum j % 16 (so the loop is not one serial chain of additions,
     * and a vector unit can keep the sums in lanes); the sums are added in a fixed tree, then the remaining
     * elements in order. The training kernel's Vector API version follows the same order, bit for bit.
     */
    public static float diffDot(float[] u, int uOff, float[] v, int pOff, int nOff, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int bound = n - n % PARTIAL_SUMS;
        for (int j = 0; j < bound; j += PARTIAL_SUMS) {
            s0 += u[uOff + j] * (v[pOff + j] - v[nOff + j]);
            s1 += u[uOff + j + 1] * (v[pOff + j + 1] - v[nOff + j + 1]);
            s2 += u[uOff + j + 2] * (v[pOff + j + 2] - v[nOff + j + 2]);
            s3 += u[uOff + j + 3] * (v[pOff + j + 3] - v[nOff + j + 3]);
            s4 += u[uOff + j + 4] * (v[pOff + j + 4] - v[nOff + j + 4]);
            s5 += u[uOff + j + 5] * (v[pOff + j + 5] - v[nOff + j + 5]);
            s6 += u[uOff + j + 6] * (v[pOff + j + 6] - v[nOff + j + 6]);
            s7 += u[uOff + j + 7] * (v[pOff + j + 7] - v[nOff + j + 7]);
            s8 += u[uOff + j + 8] * (v[pOff + j + 8] - v[nOff + j + 8]);
            s9 += u[uOff + j + 9] * (v[pOff + j + 9] - v[nOff + j + 9]);
            s10 += u[uOff + j + 10] * (v[pOff + j + 10] - v[nOff + j + 10]);
            s11 += u[uOff + j + 11] * (v[pOff + j + 11] - v[nOff + j + 11]);
            s12 += u[uOff + j + 12] * (v[pOff + j + 12] - v[nOff + j + 12]);
            s13 += u[uOff + j + 13] * (v[pOff + j + 13] - v[nOff + j + 13]);
            s14 += u[uOff + j + 14] * (v[pOff + j + 14] - v[nOff + j + 14]);
            s15 += u[uOff + j + 15] * (v[pOff + j + 15] - v[nOff + j + 15]);
        }
        float tree = (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)))
                + (((s8 + s9) + (s10 + s11)) + ((s12 + s13) + (s14 + s15)));
        return tree + tail(u, uOff, v, pOff, nOff, bound, n);
    }

    /** The end of {@link #diffDot} from its 16 partial sums (for vectorised callers). */
    public static float finishDiffDot(float[] s, float[] u, int uOff, float[] v, int pOff, int nOff, int bound,
                                      int n) {
        float tree = (((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])))
                + (((s[8] + s[9]) + (s[10] + s[11])) + ((s[12] + s[13]) + (s[14] + s[15])));
        return tree + tail(u, uOff, v, pOff, nOff, bound, n);
    }

    /** The elements of {@link #diffDot} past its partial sums, {@code [from, n)}, summed in order from 0f. */
    public static float diffDotTail(float[] u, int uOff, float[] v, int pOff, int nOff, int from, int n) {
        return tail(u, uOff, v, pOff, nOff, from, n);
    }

    private static float tail(float[] u, int uOff, float[] v, int pOff, int nOff, int from, int n) {
        float t = 0f;
        for (int j = from; j < n; j++) {
            t += u[uOff + j] * (v[pOff + j] - v[nOff + j]);
        }
        return t;
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
