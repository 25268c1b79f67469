package org.tripletrec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Dot products with chosen rows: Vectors.dot's floats, row for row, on both kernels. */
class RowDotsTest {

    @Test
    void everyRowIsVectorsDotBitForBitOnBothKernels() throws Exception {
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run with --add-modules jdk.incubator.vector (the core module's surefire configuration does)");
        ScoreKernel plain = new ScoreKernel();
        ScoreKernel simd = (ScoreKernel) Class.forName("org.tripletrec.model.SimdScoreKernel")
                .getDeclaredConstructor().newInstance();
        SplittableRandom rng = new SplittableRandom(21);
        for (int dim : new int[] {1, 3, 4, 5, 7, 16, 63, 64, 100, 129}) {
            int rowsInTable = 50;
            float[] table = new float[rowsInTable * dim];
            float[] x = new float[dim + 3];
            for (int k = 0; k < table.length; k++) {
                table[k] = (float) rng.nextGaussian();
            }
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) rng.nextGaussian();
            }
            for (int count = 0; count <= 13; count++) {
                int[] rows = new int[count];
                for (int k = 0; k < count; k++) {
                    rows[k] = rng.nextInt(rowsInTable); // repeats allowed
                }
                float[] a = new float[count], b = new float[count], c = new float[count];
                plain.dotRows(x, 3, table, dim, rows, count, a);
                simd.dotRows(x, 3, table, dim, rows, count, b);
                RowDots.dots(x, 3, table, dim, rows, count, c);
                for (int k = 0; k < count; k++) {
                    int want = Float.floatToIntBits(Vectors.dot(x, 3, table, rows[k] * dim, dim));
                    assertThat(Float.floatToIntBits(a[k])).as("plain dim %d row %d of %d", dim, k, count).isEqualTo(want);
                    assertThat(Float.floatToIntBits(b[k])).as("simd dim %d row %d of %d", dim, k, count).isEqualTo(want);
                    assertThat(Float.floatToIntBits(c[k])).isEqualTo(want);
                }
            }
        }
    }
}
