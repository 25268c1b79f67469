package org.tripletrec.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-user kernels of loading, on a log shaped like the 25M-shaped file (users in file order, about 154
 * ratings each, heavy-tailed; items skewed over 59,000): each user's rows sorted by item with
 * {@link CountingSort#sortRuns} against a comparison sort of (item, row) keys (what it replaced), and the holdout
 * cut of each user's draws by {@link Splits#select} against a sort of the draws. One core; ms per 1 M rows.
 *
 * <pre>
 * ./mvnw -q -B -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar LoadingBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoadingBenchmark {
    private static final int USERS = 6500, ITEMS = 59_000;

    private int[] start, items, order;
    private long[] draws;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] weight = new double[USERS];
        double total = 0;
        for (int u = 0; u < USERS; u++) {
            weight[u] = Math.pow(rng.nextDouble() + 1e-3, -0.7);
            total += weight[u];
        }
        start = new int[USERS + 1];
        for (int u = 0; u < USERS; u++) {
            start[u + 1] = start[u] + Math.max(2, (int) (weight[u] / total * 1_000_000));
        }
        int n = start[USERS];
        items = new int[n];
        draws = new long[n];
        for (int k = 0; k < n; k++) {
            items[k] = (int) (ITEMS * Math.pow(rng.nextDouble(), 2));
            draws[k] = rng.nextLong();
        }
        order = new int[n];
    }

    private void resetOrder() {
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
    }

    @Benchmark
    public int[] sortByItemRadix() {
        resetOrder();
        CountingSort.sortRuns(order, start, items, ITEMS); // fewer users than Parallel.MIN_RANGE: this thread only
        return order;
    }

    @Benchmark
    public int[] sortByItemKeys() {
        resetOrder();
        long[] keys = new long[0];
        for (int u = 0; u < USERS; u++) {
            int from = start[u];
            int n = start[u + 1] - from;
            if (keys.length < n) {
                keys = new long[Math.max(n, 2 * keys.length)];
            }
            for (int j = 0; j < n; j++) {
                int r = order[from + j];
                keys[j] = ((long) items[r] << 32) | r;
            }
            Arrays.sort(keys, 0, n);
            for (int j = 0; j < n; j++) {
                order[from + j] = (int) keys[j];
            }
        }
        return order;
    }

    @Benchmark
    public long holdoutCutBySelection() {
        long sum = 0;
        for (int u = 0; u < USERS; u++) {
            int n = start[u + 1] - start[u];
            int k = Splits.holdoutCount(n, 0.1);
            if (k > 0) {
                sum += Splits.select(Arrays.copyOfRange(draws, start[u], start[u + 1]), k - 1);
            }
        }
        return sum;
    }

    @Benchmark
    public long holdoutCutBySort() {
        long sum = 0;
        for (int u = 0; u < USERS; u++) {
            int n = start[u + 1] - start[u];
            int k = Splits.holdoutCount(n, 0.1);
            if (k > 0) {
                long[] sorted = Arrays.copyOfRange(draws, start[u], start[u + 1]);
                Arrays.sort(sorted);
                sum += sorted[k - 1];
            }
        }
        return sum;
    }
}
