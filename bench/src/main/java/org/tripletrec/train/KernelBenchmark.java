package org.tripletrec.train;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The training kernel's pieces, plain Java against the Vector API: the score margin (dot), the in-place SGD and
 * Adagrad updates of a triplet's three rows, and one whole triplet step (margin, BPR derivative, Adagrad update).
 * Rows are drawn at random from MovieLens-100k-sized tables, so the figures include realistic cache behaviour.
 *
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar KernelBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {
    private static final int USERS = 943, ITEMS = 1682, DRAWS = 1 << 12;

    @Param({"64", "96", "100"})
    int dim;

    @Param({"plain", "simd"})
    String kernel;

    private Kernel k;
    private float[] user, item, userAcc, itemAcc, grad, m, v;
    private int[] us, ps, ns;
    private int next;

    @Setup
    public void setup() throws ReflectiveOperationException {
        k = kernel.equals("plain") ? new Kernel()
                : (Kernel) Class.forName("org.tripletrec.train.SimdKernel").getDeclaredConstructor().newInstance();
        SplittableRandom rng = new SplittableRandom(1);
        user = new float[USERS * dim];
        item = new float[ITEMS * dim];
        userAcc = new float[USERS * dim];
        itemAcc = new float[ITEMS * dim];
        for (int i = 0; i < user.length; i++) {
            user[i] = (float) (rng.nextDouble() - 0.5) * 0.1f;
            userAcc[i] = 1f;
        }
        for (int i = 0; i < item.length; i++) {
            item[i] = (float) (rng.nextDouble() - 0.5) * 0.1f;
            itemAcc[i] = 1f;
        }
        m = new float[item.length];
        v = new float[item.length];
        java.util.Arrays.fill(v, 1e-4f);
        grad = new float[64 * dim];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) (rng.nextDouble() - 0.5) * 0.01f;
        }
        us = new int[DRAWS];
        ps = new int[DRAWS];
        ns = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            us[i] = rng.nextInt(USERS) * dim;
            ps[i] = rng.nextInt(ITEMS) * dim;
            int n;
            do {
                n = rng.nextInt(ITEMS) * dim;
            } while (n == ps[i]);
            ns[i] = n;
        }
    }

    private int draw() {
        next = (next + 1) & (DRAWS - 1);
        return next;
    }

    @Benchmark
    public float dot() {
        int i = draw();
        return k.diffDot(user, us[i], item, ps[i], ns[i], dim);
    }

    @Benchmark
    public void sgdUpdate() {
        int i = draw();
        k.sgd(user, item, us[i], ps[i], ns[i], dim, 1e-4f, 0.05f, 0.05f, 0.01f, 0.01f);
    }

    @Benchmark
    public void adagradUpdate() {
        int i = draw();
        k.adagrad(user, item, userAcc, itemAcc, us[i], ps[i], ns[i], dim, 1e-4f, 0.05f, 0.05f, 0.01f, 0.01f);
    }

    /**
     * One lazy Adam step of an item row from a mini-batch gradient slot (the batched path's row update).
     */
    @Benchmark
    public void adamRow() {
        int i = draw();
        k.adamRow(item, ps[i], grad, (i & 63) * dim, m, v, dim,
                1f / 64, 0f, 0.001f, 1.5f, 1.2f);
    }

    /**
     * Dense Adam's step of the rows without a gradient over both MovieLens-100k tables (943 + 1682 rows): one call
     * per table, as when no row of the step is touched. Divide by (943 + 1682) x dim for the cost per parameter.
     * The moments are restored before each call (untimed) so that they never decay into subnormals.
     */
    @Benchmark
    public void adamDecayTables(Moments moments) {
        k.adamDecay(user, moments.userM, moments.userV, 0, user.length, 0.001f, 1.5f, 1.2f);
        k.adamDecay(item, moments.itemM, moments.itemV, 0, item.length, 0.001f, 1.5f, 1.2f);
    }

    /**
     * The same arithmetic 64 times over 16 rows that stay in L1 (1024 x dim parameters): the kernel's cost
     * without the tables' memory traffic.
     */
    @Benchmark
    public void adamDecayL1(Moments moments) {
        for (int r = 0; r < 64; r++) {
            k.adamDecay(item, moments.itemM, moments.itemV, 0, 16 * dim, 0.001f, 1.5f, 1.2f);
        }
    }

    /** Adam moments of both tables, reset to typical values before each call. */
    @State(Scope.Thread)
    public static class Moments {
        float[] userM, userV, itemM, itemV;

        @Setup(Level.Invocation)
        public void reset(KernelBenchmark b) {
            if (userM == null) {
                userM = new float[USERS * b.dim];
                userV = new float[USERS * b.dim];
                itemM = new float[ITEMS * b.dim];
                itemV = new float[ITEMS * b.dim];
            }
            java.util.Arrays.fill(userM, 1e-3f);
            java.util.Arrays.fill(itemM, -1e-3f);
            java.util.Arrays.fill(userV, 1e-4f);
            java.util.Arrays.fill(itemV, 1e-4f);
        }
    }

    /** Margin, BPR loss value and derivative (as the trainer computes them), Adagrad update. */
    @Benchmark
    public double tripletStep() {
        int i = draw();
        float x = k.diffDot(user, us[i], item, ps[i], ns[i], dim);
        double value = Loss.BPR.value(x, 1);
        float g = (float) Loss.BPR.derivative(x, 1);
        k.adagrad(user, item, userAcc, itemAcc, us[i], ps[i], ns[i], dim, g, 0.05f, 0.05f, 0.01f, 0.01f);
        return value;
    }
}
