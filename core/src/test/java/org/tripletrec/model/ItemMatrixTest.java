package org.tripletrec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;

/** Scoring every item through the dimension-major copy: the same floats as the model's own scores, on both kernels. */
class ItemMatrixTest {

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) r.nextGaussian();
        }
        return a;
    }

    private static IdIndex ids(String prefix, int n) {
        String[] names = new String[n];
        for (int k = 0; k < n; k++) {
            names[k] = prefix + k;
        }
        return IdIndex.of(java.util.List.of(names));
    }

    private static EmbeddingModel model(int users, int items, int dim, boolean bias) {
        return new EmbeddingModel(dim, random(users * dim, 1), random(items * dim, 2), bias ? random(items, 3) : null,
                ids("u", users), ids("i", items), null);
    }

    @Test
    void scoresEqualTheModelsScoreBitForBit() {
        // item counts below, at and between the kernel's vector blocks; dims with and without a remainder
        for (int items : new int[] {1, 15, 16, 64, 65, 130, 1682}) {
            for (int dim : new int[] {1, 7, 64, 100}) {
                for (boolean bias : new boolean[] {false, true}) {
                    EmbeddingModel m = model(3, items, dim, bias);
                    ItemMatrix matrix = new ItemMatrix(m, bias); // both kernels, alternately
                    float[] out = new float[items];
                    float[] viaModel = new float[items];
                    for (int u = 0; u < 3; u++) {
                        matrix.scoreAll(m.userFactors(), u * dim, out);
                        m.scoreAll(u, viaModel);
                        for (int i = 0; i < items; i++) {
                            assertThat(Float.floatToIntBits(out[i])).as("items %d dim %d u %d i %d", items, dim, u, i)
                                    .isEqualTo(Float.floatToIntBits(m.score(u, i)));
                        }
                        assertThat(viaModel).containsExactly(out);
                    }
                }
            }
        }
    }

    @Test
    void vectorKernelGivesThePlainKernelsFloats() throws Exception {
        Assumptions.assumeTrue(Simd.enabled(), "run with --add-modules jdk.incubator.vector (core's surefire does)");
        ScoreKernel plain = new ScoreKernel();
        var constructor = Class.forName("org.tripletrec.model.SimdScoreKernel").asSubclass(ScoreKernel.class)
                .getDeclaredConstructor();
        ScoreKernel simd = constructor.newInstance();
        for (int n : new int[] {1, 17, 64, 100, 1682}) {
            for (int dim : new int[] {1, 3, 64, 100}) {
                float[] columns = random(n * dim, n + dim);
                float[] x = random(dim + 5, 9);
                float[] a = new float[n];
                float[] b = new float[n];
                plain.dotAll(x, 5, dim, columns, n, a);
                simd.dotAll(x, 5, dim, columns, n, b);
                for (int i = 0; i < n; i++) {
                    assertThat(Float.floatToIntBits(b[i])).as("n %d dim %d item %d", n, dim, i)
                            .isEqualTo(Float.floatToIntBits(a[i]));
                }
            }
        }
    }

    @Test
    void snapshotScoresLikeTheModelAndIgnoresLaterChanges() {
        EmbeddingModel m = model(4, 70, 16, true);
        Scorer snap = m.snapshot();
        float[] before = new float[70];
        m.scoreAll(2, before);
        float[] fromSnap = new float[70];
        snap.scoreAll(2, fromSnap);
        assertThat(fromSnap).containsExactly(before);
        assertThat(snap.numUsers()).isEqualTo(4);
        assertThat(snap.numItems()).isEqualTo(70);

        m.itemFactors()[0] += 1f; // training moves on; the copy does not
        float[] after = new float[70];
        snap.scoreAll(2, after);
        assertThat(after[0]).isEqualTo(before[0]);
    }

    @Test
    void rejectsTablesThatDoNotFit() {
        assertThatThrownBy(() -> new ItemMatrix(4, new float[10], null, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ItemMatrix(2, new float[10], new float[4], false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 entries for 5 items");
    }
}
