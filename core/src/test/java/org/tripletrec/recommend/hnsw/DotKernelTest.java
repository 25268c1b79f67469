package org.tripletrec.recommend.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DotKernelTest {

    @Test
    void bothKernelsComputeTheInnerProductAtEveryLengthAndOffset() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] a = new float[200], b = new float[200];
        for (int j = 0; j < a.length; j++) {
            a[j] = (float) rng.nextDouble(-1, 1);
            b[j] = (float) rng.nextDouble(-1, 1);
        }
        DotKernel plain = new DotKernel(), simd = new SimdDotKernel();
        for (int n = 0; n <= 70; n++) {
            int aOff = n % 7, bOff = 100 + n % 5;
            double expected = 0;
            for (int j = 0; j < n; j++) {
                expected += (double) a[aOff + j] * b[bOff + j];
            }
            assertThat((double) plain.dot(a, aOff, b, bOff, n)).as("plain, n=%d", n).isCloseTo(expected, within(1e-5));
            assertThat((double) simd.dot(a, aOff, b, bOff, n)).as("simd, n=%d", n).isCloseTo(expected, within(1e-5));
        }
        assertThat(new SimdDotKernel().dot(new float[] {1, 2, 3}, 0, new float[] {4, 5, 6}, 0, 3)).isEqualTo(32f);
    }
}
