package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Vectors;

/** The fast training kernel against the general mini-batch path, and every loss's gradient against the loss. */
class KernelTest {

    private static EmbeddingModel fit(TrainerConfig c, Interactions d, boolean batchedOnly) {
        return new Trainer(c, batchedOnly).fit(d, TrainerTest.ids("u", d.numUsers()), TrainerTest.ids("i", d.numItems()),
                "t", TrainingListener.NONE);
    }

    @Test
    void aShortRunTakesThePlainKernelALongOneTheFastestAndBothTrainTheSameModel() {
        assertThat(Kernel.forWork(1_000_000 - 1, 64)).isSameAs(Kernel.PLAIN);
        assertThat(Kernel.forWork(1_000_000, 64)).isSameAs(Kernel.fastest());
        assertThat(Kernel.forWork(Kernel.VECTOR_MIN_WORK / 16 - 1, 16)).isSameAs(Kernel.PLAIN);
        Interactions d = TrainerTest.planted(9);
        TrainerConfig c = Presets.single().toBuilder().dim(16).epochs(3).build();
        EmbeddingModel plain = new Trainer(c).withKernel(Kernel.PLAIN).fit(d, TrainerTest.ids("u", 40),
                TrainerTest.ids("i", 30), "t", TrainingListener.NONE);
        EmbeddingModel fastest = new Trainer(c).warmedUp().fit(d, TrainerTest.ids("u", 40),
                TrainerTest.ids("i", 30), "t", TrainingListener.NONE);
        assertThat(fastest.userFactors()).containsExactly(plain.userFactors());
        assertThat(fastest.itemFactors()).containsExactly(plain.itemFactors());
        assertThat(fastest.itemBias()).containsExactly(plain.itemBias());
    }

    @Test
    void fusedBatchOneStepGivesTheSameModelAsTheMiniBatchPath() {
        Interactions d = TrainerTest.planted(7);
        for (OptimizerKind opt : List.of(OptimizerKind.SGD, OptimizerKind.ADAGRAD, OptimizerKind.LAZY_ADAM)) {
            for (Loss loss : Loss.values()) {
                // uniform draws the positive as its own negative now and then: the fused path's fallback
                for (String sampler : List.of("unrated", "uniform", "warp", "explicit")) {
                    TrainerConfig c = Presets.single().toBuilder().dim(13).epochs(4).batchSize(1).threads(1)
                            .optimizer(opt).loss(loss).sampler(sampler).itemBias(true).userReg(0.01f)
                            .itemReg(0.02f).learningRate(0.05f).seed(5).build();
                    assertThat(Worker.fusedApplies(c)).isTrue();
                    EmbeddingModel fast = fit(c, d, false);
                    EmbeddingModel slow = fit(c, d, true);
                    String what = opt + " / " + loss + " / " + sampler;
                    assertThat(fast.userFactors()).as(what).containsExactly(slow.userFactors());
                    assertThat(fast.itemFactors()).as(what).containsExactly(slow.itemFactors());
                    assertThat(fast.itemBias()).as(what).containsExactly(slow.itemBias());
                }
            }
        }
    }

    @Test
    void denseAdamAndLargerBatchesStayOnTheMiniBatchPath() {
        assertThat(Worker.fusedApplies(Presets.seed())).isFalse();
        assertThat(Worker.fusedApplies(Presets.seed().toBuilder().batchSize(1).build())).isFalse();
        assertThat(Worker.fusedApplies(Presets.seed().toBuilder().optimizer(OptimizerKind.LAZY_ADAM).build()))
                .isFalse();
    }

    @Test
    void everyLossDerivativeMatchesFiniteDifferences() {
        double h = 1e-5;
        for (Loss loss : Loss.values()) {
            for (double x : new double[] {-6, -2.5, -0.3, 0.01, 0.7, 1.9, 4}) {
                double margin = 1.0;
                if (loss == Loss.MARGIN && Math.abs(x - margin) < 1e-3) {
                    continue; // the hinge's kink
                }
                double fd = (loss.value(x + h, margin) - loss.value(x - h, margin)) / (2 * h);
                assertThat(loss.derivative(x, margin)).as("%s at %s", loss, x).isCloseTo(fd, within(1e-6));
            }
        }
    }

    @Test
    void valueAndDerivativeTogetherAreTheSameFloatsAsApart() {
        double[] value = new double[1];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (Loss loss : Loss.values()) {
            for (int k = 0; k < 2000; k++) {
                double x = k < 8 ? new double[] {0.0, -0.0, 1.0, -1.0, 40, -40, 800, -800}[k] : rng.nextGaussian() * 5;
                double d = loss.derivative(x, 1.0, value);
                assertThat(Double.doubleToRawLongBits(d)).as("%s'(%s)", loss, x)
                        .isEqualTo(Double.doubleToRawLongBits(loss.derivative(x, 1.0)));
                assertThat(Double.doubleToRawLongBits(value[0])).as("%s(%s)", loss, x)
                        .isEqualTo(Double.doubleToRawLongBits(loss.value(x, 1.0)));
            }
        }
    }

    @Test
    void oneSgdStepMovesEveryParameterByMinusItsFiniteDifferenceGradient() {
        // One user, a liked and a disliked item, SGD with lr 1e-3, batch 1: the step of every parameter is
        // -lr * dL/dparam, where L(U, V, b) = loss(U[0] . (V[0] - V[1]) + b[0] - b[1]) + L2 terms.
        RatingLog log = new RatingLog.Builder().add(0, 0, 5, 0).add(0, 1, 1, 0).build();
        Interactions d = Interactions.of(log, new FeedbackPolicy(5, 2), 1, 2);
        int dim = 5;
        float lr = 1e-3f, ur = 0.1f, ir = 0.2f;
        for (Loss loss : Loss.values()) {
            TrainerConfig c = Presets.seed().toBuilder().dim(dim).epochs(1).optimizer(OptimizerKind.SGD)
                    .learningRate(lr).batchSize(1).initScale(0.5f).loss(loss).margin(3f).itemBias(true)
                    .userReg(ur).itemReg(ir).sampler("explicit").build();
            EmbeddingModel before = fit(c.toBuilder().epochs(0).build(), d, false);
            EmbeddingModel after = fit(c, d, false);
            double[] theta = new double[3 * dim + 2];
            for (int j = 0; j < dim; j++) {
                theta[j] = before.userVector(0)[j];
                theta[dim + j] = before.itemVector(0)[j];
                theta[2 * dim + j] = before.itemVector(1)[j];
            }
            theta[3 * dim] = before.itemBias()[0];
            theta[3 * dim + 1] = before.itemBias()[1];
            double h = 1e-6;
            for (int k = 0; k < theta.length; k++) {
                double[] up = theta.clone(), down = theta.clone();
                up[k] += h;
                down[k] -= h;
                double grad = (objective(loss, up, dim, ur, ir, 3.0) - objective(loss, down, dim, ur, ir, 3.0)) / (2 * h);
                double moved;
                if (k < dim) {
                    moved = after.userVector(0)[k] - theta[k];
                } else if (k < 2 * dim) {
                    moved = after.itemVector(0)[k - dim] - theta[k];
                } else if (k < 3 * dim) {
                    moved = after.itemVector(1)[k - 2 * dim] - theta[k];
                } else {
                    moved = after.itemBias()[k - 3 * dim] - theta[k];
                }
                assertThat(moved).as("%s parameter %d", loss, k).isCloseTo(-lr * grad, within(2e-7));
            }
        }
    }

    /** The triplet's loss plus the L2 terms as the trainer defines them (gradient reg * w, i.e. reg / 2 * w^2). */
    private static double objective(Loss loss, double[] t, int dim, float ur, float ir, double margin) {
        double x = t[3 * dim] - t[3 * dim + 1];
        double l2 = 0;
        for (int j = 0; j < dim; j++) {
            x += t[j] * (t[dim + j] - t[2 * dim + j]);
            l2 += ur / 2 * t[j] * t[j] + ir / 2 * (t[dim + j] * t[dim + j] + t[2 * dim + j] * t[2 * dim + j]);
        }
        return loss.value(x, margin) + l2;
    }

    @Test
    void theVectorApiKernelGivesBitForBitThePlainKernelsFloats() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run with --add-modules jdk.incubator.vector (the core module's surefire configuration does)");
        Kernel plain = new Kernel();
        Kernel simd = (Kernel) Class.forName("org.tripletrec.train.SimdKernel").getDeclaredConstructor().newInstance();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        for (int dim : new int[] {1, 7, 16, 31, 64, 100, 129}) {
            float[] user = new float[3 * dim], item = new float[4 * dim], au = new float[3 * dim], ai = new float[4 * dim];
            for (int k = 0; k < user.length; k++) {
                user[k] = (float) rng.nextGaussian();
                au[k] = 1f + rng.nextFloat();
            }
            for (int k = 0; k < item.length; k++) {
                item[k] = (float) rng.nextGaussian();
                ai[k] = 1f + rng.nextFloat();
            }
            int uo = dim, po = 3 * dim, no = dim;
            assertThat(Float.floatToIntBits(simd.diffDot(user, uo, item, po, no, dim))).as("dot, dim %d", dim)
                    .isEqualTo(Float.floatToIntBits(plain.diffDot(user, uo, item, po, no, dim)));
            float[][] a = {user.clone(), item.clone(), au.clone(), ai.clone()};
            float[][] b = {user.clone(), item.clone(), au.clone(), ai.clone()};
            plain.sgd(a[0], a[1], uo, po, no, dim, -0.3f, 0.05f, 0.04f, 0.01f, 0.02f);
            simd.sgd(b[0], b[1], uo, po, no, dim, -0.3f, 0.05f, 0.04f, 0.01f, 0.02f);
            plain.adagrad(a[0], a[1], a[2], a[3], uo, po, no, dim, 0.7f, 0.05f, 0.04f, 0.01f, 0.02f);
            simd.adagrad(b[0], b[1], b[2], b[3], uo, po, no, dim, 0.7f, 0.05f, 0.04f, 0.01f, 0.02f);
            float[] grad = new float[2 * dim];
            for (int k = 0; k < grad.length; k++) {
                grad[k] = (float) rng.nextGaussian();
            }
            // Adam's moments: a[2] / a[3] reused as m and v of the user table (v must stay positive)
            float[] gradB = grad.clone();
            plain.adamRow(a[0], uo, grad, dim, a[1], a[2], dim, 0.25f, 0.01f, 0.001f, 3.1f, 40f);
            simd.adamRow(b[0], uo, gradB, dim, b[1], b[2], dim, 0.25f, 0.01f, 0.001f, 3.1f, 40f);
            // the row's gradient slot is left zeroed for the next batch, and nothing else of it is touched
            for (float[] g : new float[][] {grad, gradB}) {
                assertThat(java.util.Arrays.copyOfRange(g, dim, 2 * dim)).as("slot, dim %d", dim).containsOnly(0f);
                assertThat(java.util.Arrays.copyOfRange(g, 0, dim)).isNotEqualTo(new float[dim]);
            }
            plain.adamDecay(a[0], a[1], a[2], 0, 2 * dim + 1, 0.001f, 1.5f, 20f);
            simd.adamDecay(b[0], b[1], b[2], 0, 2 * dim + 1, 0.001f, 1.5f, 20f);
            float[] slotsA = new float[3 * dim], slotsB = new float[3 * dim];
            plain.accumulate(a[0], uo, a[1], po, no, slotsA, 0, slotsA, dim, 2 * dim, dim, 0.3f);
            simd.accumulate(b[0], uo, b[1], po, no, slotsB, 0, slotsB, dim, 2 * dim, dim, 0.3f);
            plain.accumulate(a[0], uo, a[1], po, no, slotsA, 0, slotsA, dim, dim, dim, -0.7f); // one item slot
            simd.accumulate(b[0], uo, b[1], po, no, slotsB, 0, slotsB, dim, dim, dim, -0.7f);
            assertThat(slotsB).as("slots, dim %d", dim).containsExactly(slotsA);
            for (int k = 0; k < 4; k++) {
                assertThat(b[k]).as("table %d, dim %d", k, dim).containsExactly(a[k]);
            }
        }
    }

    @Test
    void adamDecayOfEveryRunLengthAndOffsetIsThePlainOne() throws ReflectiveOperationException {
        Kernel plain = new Kernel();
        Kernel simd = (Kernel) Class.forName("org.tripletrec.train.SimdKernel").getDeclaredConstructor().newInstance();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int n = 300;
        float[] p = new float[n], m = new float[n], v = new float[n];
        for (int k = 0; k < n; k++) {
            p[k] = (float) rng.nextGaussian();
            m[k] = (float) rng.nextGaussian() * 1e-3f;
            v[k] = rng.nextFloat() * 1e-5f;
        }
        // every remainder of a vector, from runs shorter than one vector to several vectors and a tail, at
        // offsets that are not vector-aligned; the elements around the run must stay as they were
        for (int off = 0; off < 5; off++) {
            for (int len = 0; len <= 70; len++) {
                float[][] a = {p.clone(), m.clone(), v.clone()};
                float[][] b = {p.clone(), m.clone(), v.clone()};
                plain.adamDecay(a[0], a[1], a[2], off, len, 0.001f, 1.5f, 20f);
                simd.adamDecay(b[0], b[1], b[2], off, len, 0.001f, 1.5f, 20f);
                for (int k = 0; k < 3; k++) {
                    assertThat(b[k]).as("array %d, offset %d, length %d", k, off, len).containsExactly(a[k]);
                }
                if (len > 0) {
                    assertThat(a[0][off + len - 1]).as("moved").isNotEqualTo(p[off + len - 1]);
                }
                assertThat(a[0][off + len]).as("after the run").isEqualTo(p[off + len]);
            }
        }
    }

    @Test
    void lossValuesAreTheirFormulas() {
        for (double x : new double[] {-30, -3, -0.5, 0, 0.5, 3, 30}) {
            double sig = 1 / (1 + Math.exp(-x));
            assertThat(Loss.BPR.value(x, 1)).as("bpr %s", x).isCloseTo(-Math.log(sig), within(1e-12));
            assertThat(Loss.SIGMOID.value(x, 1)).as("sigmoid %s", x).isCloseTo(1 - sig, within(1e-12));
            assertThat(Loss.MARGIN.value(x, 1)).as("margin %s", x).isEqualTo(Math.max(0, 1 - x));
            assertThat(Loss.BPR.derivative(x, 1)).as("bpr' %s", x).isCloseTo(sig - 1, within(1e-12));
        }
    }

    @Test
    void diffDotIsTheScoreMargin() {
        float[] u = new float[19], v = new float[40];
        for (int k = 0; k < u.length; k++) {
            u[k] = (k % 5) - 2.5f;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] = (k % 7) * 0.25f - 1f;
        }
        for (int n : new int[] {0, 1, 7, 8, 9, 16, 19}) {
            double want = 0;
            for (int j = 0; j < n; j++) {
                want += u[j] * ((double) v[1 + j] - v[20 + j]);
            }
            assertThat((double) Vectors.diffDot(u, 0, v, 1, 20, n)).as("n=%d", n).isCloseTo(want, within(1e-4));
        }
    }
}
