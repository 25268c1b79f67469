package org.tripletrec.model;

import java.util.SplittableRandom;

/** What the scoring benchmarks set up alike: random tables and the Vector API kernel. */
final class BenchTables {
    private BenchTables() {}

    /** {@code size} standard normal floats drawn from {@code rng}. */
    static float[] gaussian(int size, SplittableRandom rng) {
        float[] t = new float[size];
        for (int i = 0; i < size; i++) {
            t[i] = (float) rng.nextGaussian();
        }
        return t;
    }

    /** The Vector API kernel, loaded by name: the benchmark's JVM has the incubator module. */
    static ScoreKernel simdKernel() throws ReflectiveOperationException {
        return Class.forName("org.tripletrec.model.SimdScoreKernel").asSubclass(ScoreKernel.class)
                .getDeclaredConstructor().newInstance();
    }
}
