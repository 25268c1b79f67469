package org.tripletrec.model;

/**
 * Dot products of one vector with chosen rows of a row-major table (candidate items, say), each the floats of
 * {@link Vectors#dot}: four partial sums over every fourth element, then {@code (s0 + s1) + (s2 + s3)}. The Vector
 * API kernel keeps each row's four partial sums in the lanes of one 128-bit vector and runs four rows at a time,
 * so their dependency chains overlap; the plain kernel calls {@link Vectors#dot} per row.
 */
public final class RowDots {
    private static final ScoreKernel KERNEL =
            Simd.choose(ScoreKernel.class, "org.tripletrec.model.SimdScoreKernel", new ScoreKernel());

    private RowDots() {}

    /**
     * {@code out[k] = Vectors.dot(x, xOff, table, rows[k] * dim, dim)} for k in [0, count).
     */
    public static void dots(float[] x, int xOff, float[] table, int dim, int[] rows, int count, float[] out) {
        KERNEL.dotRows(x, xOff, table, dim, rows, count, out);
    }
}
