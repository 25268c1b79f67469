package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * SplitMix gives java.util.SplittableRandom's numbers, on whichever JDK runs the test: the training streams, and
 * so every trained model, stay those of the JDK's class.
 */
class SplitMixTest {
    private static final long[] SEEDS = {0L, 1L, -1L, 42L, 0x5DEECE66DL, Long.MIN_VALUE, Long.MAX_VALUE,
            0x9e3779b97f4a7c15L, 123456789L * 0x9E3779B97F4A7C15L + 7};
    private static final int[] INT_BOUNDS = {1, 2, 3, 4, 5, 7, 10, 64, 100, 1000, 1682, 9742, 1 << 20,
            (1 << 30) - 1, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
    private static final long[] LONG_BOUNDS = {1L, 2L, 3L, 1000L, 1L << 40, (1L << 62) + 1, Long.MAX_VALUE - 1,
            Long.MAX_VALUE, Integer.MAX_VALUE + 1L};

    @Test
    void everyMethodTheTrainerCallsGivesTheJdkNumbers() {
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix ours = new SplitMix(seed);
            assertSame(jdk, ours, seed);
        }
    }

    @Test
    void splitsGiveTheJdkStreams() {
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix ours = new SplitMix(seed);
            for (int depth = 0; depth < 6; depth++) {
                // as the trainer splits: a master, an epoch's stream from it, each thread's stream from that
                SplittableRandom jdkChild = jdk.split();
                SplitMix ourChild = ours.split();
                assertSame(jdkChild.split(), ourChild.split(), seed);
                assertSame(jdkChild, ourChild, seed);
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
                jdk = jdkChild;
                ours = ourChild;
            }
        }
    }

    @Test
    void manySplitsCoverTheGammaCorrection() {
        // A child's gamma is corrected when too few of its adjacent bits differ; thousands of splits reach both
        // branches. Comparing the children's first numbers compares their seeds and gammas.
        SplittableRandom jdk = new SplittableRandom(7);
        SplitMix ours = new SplitMix(7);
        for (int k = 0; k < 20_000; k++) {
            SplittableRandom jdkChild = jdk.split();
            SplitMix ourChild = ours.split();
            assertThat(ourChild.nextLong()).isEqualTo(jdkChild.nextLong());
            assertThat(ourChild.nextLong()).isEqualTo(jdkChild.nextLong());
        }
    }

    @Test
    void restoreRepeatsTheNumbersThatFollowedTheSavedState() {
        SplitMix rng = new SplitMix(3).split();
        rng.nextInt(10);
        long saved = rng.state();
        int[] first = new int[50];
        for (int k = 0; k < first.length; k++) {
            first[k] = rng.nextInt(1682);
        }
        double after = rng.nextDouble();
        rng.restore(saved);
        for (int value : first) {
            assertThat(rng.nextInt(1682)).isEqualTo(value);
        }
        assertThat(rng.nextDouble()).isEqualTo(after);
    }

    @Test
    void nonPositiveBoundsAreRejected() {
        SplitMix rng = new SplitMix(1);
        assertThatThrownBy(() -> rng.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rng.nextInt(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rng.nextLong(0L)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A few thousand draws of every kind, interleaved, from both; they must agree one for one. */
    private static void assertSame(SplittableRandom jdk, SplitMix ours, long seed) {
        for (int round = 0; round < 200; round++) {
            for (int bound : INT_BOUNDS) {
                check(jdk.nextInt(bound), ours.nextInt(bound), seed, "nextInt(" + bound + ")");
            }
            for (long bound : LONG_BOUNDS) {
                check(jdk.nextLong(bound), ours.nextLong(bound), seed, "nextLong(" + bound + ")");
            }
            check(jdk.nextInt(), ours.nextInt(), seed, "nextInt()");
            check(jdk.nextLong(), ours.nextLong(), seed, "nextLong()");
            check(jdk.nextDouble(), ours.nextDouble(), seed, "nextDouble()");
            check(jdk.nextFloat(), ours.nextFloat(), seed, "nextFloat()");
            check(jdk.nextBoolean(), ours.nextBoolean(), seed, "nextBoolean()");
            // the inherited defaults
            check(jdk.nextInt(-5, 17), ours.nextInt(-5, 17), seed, "nextInt(-5, 17)");
            check(jdk.nextDouble(2.5), ours.nextDouble(2.5), seed, "nextDouble(2.5)");
            check(jdk.nextGaussian(), ours.nextGaussian(), seed, "nextGaussian()");
        }
    }

    private static <T> void check(T expected, T actual, long seed, String what) {
        BiPredicate<T, T> same = java.util.Objects::equals;
        assertThat(same.test(expected, actual)).as("%s from seed %d: %s against the JDK's %s", what, seed, actual,
                expected).isTrue();
    }
}
