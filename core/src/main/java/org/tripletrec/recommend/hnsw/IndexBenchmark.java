package org.tripletrec.recommend.hnsw;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.Scored;

/**
 * Measures indexes on a model, with a sample of its own users as queries: recall@k against exact search,
 * single-request latency (one query at a time on one thread), queries per second on all cores, build time and
 * memory. Each setting's queries run once unmeasured first, so that the figures are those of compiled code.
 *
 * <p>Latency is measured twice per query: wall time, and the CPU time of the querying thread. On a machine
 * shared with other work, wall time includes the waits for a core that the scheduler imposes; CPU time does not,
 * and is what the query costs on a core of its own.
 */
public final class IndexBenchmark {
    private final EmbeddingModel model;
    private final int[] users;
    private final int k;
    private final int threads;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One measured setting; {@code m}, {@code efConstruction} and {@code efSearch} are 0 for exact search;
     * {@code p50CpuMillis} and {@code p99CpuMillis} are NaN when the JVM cannot measure a thread's CPU time, and
     * {@code buildCpuSeconds} NaN until the caller has measured it ({@link #withBuild}).
     */
    public record Result(String kind, int m, int efConstruction, int efSearch, double recall, double p50Millis,
                         double p99Millis, double p50CpuMillis, double p99CpuMillis, double qps, double buildSeconds,
                         double buildCpuSeconds, long indexBytes) {

        /**
         * The same result with the build's wall seconds and CPU seconds (of all threads); NaN for what was not
         * measured (an index read from a file was not built).
         */
        public Result withBuild(double seconds, double cpuSeconds) {
            return new Result(kind, m, efConstruction, efSearch, recall, p50Millis, p99Millis, p50CpuMillis,
                    p99CpuMillis, qps, seconds, cpuSeconds, indexBytes);
        }
    }

    /**
     * @param queries how many users to sample (all users when the model has fewer)
     * @param k       list length of a query, and the k of recall@k
     * @param threads threads of the queries-per-second measurement
     */
    public IndexBenchmark(EmbeddingModel model, int queries, int k, int threads, long seed) {
        if (model.numUsers() == 0 || queries < 1 || k < 1 || threads < 1) {
            throw new IllegalArgumentException("a benchmark needs users, queries >= 1, k >= 1 and threads >= 1");
        }
        this.model = model;
        this.k = k;
        this.threads = threads;
        int n = Math.min(queries, model.numUsers());
        SplittableRandom rng = new SplittableRandom(seed);
        users = new int[n];
        for (int q = 0; q < n; q++) {
            users[q] = rng.nextInt(model.numUsers());
        }
    }

    /** Exact search, the reference: recall 1 by definition. */
    public Result exact(ExactIndex index, int[][] truth) {
        Timing t = time(index, null);
        ItemIndex.Description d = index.describe();
        return new Result("exact", 0, 0, 0, 1.0, t.p50, t.p99, t.p50Cpu, t.p99Cpu, t.qps, d.buildSeconds(), Double.NaN,
                d.bytes());
    }

    /** Every query's exact top k, item indices best first. */
    public int[][] truth(ExactIndex index) {
        int[][] truth = new int[users.length][];
        for (int q = 0; q < users.length; q++) {
            truth[q] = items(search(index, q));
        }
        return truth;
    }

    /** One HNSW setting: a built index searched with efSearch. */
    public Result hnsw(HnswIndex index, int[][] truth) {
        return measure("hnsw", index.settings(), index, truth, index.graphSeconds(), index.graphBytes());
    }

    /** Any index (another library's, say), described by the caller. */
    public Result measure(String kind, HnswSettings s, ItemIndex index, int[][] truth, double buildSeconds,
                          long bytes) {
        Timing t = time(index, truth);
        return new Result(kind, s.m(), s.efConstruction(), s.efSearch(), t.recall, t.p50, t.p99, t.p50Cpu, t.p99Cpu,
                t.qps, buildSeconds, Double.NaN, bytes);
    }

    private List<Scored> search(ItemIndex index, int q) {
        int u = users[q];
        return index.recommend(model.userFactors(), u * model.dim(), u, k, ItemFilter.all());
    }

    private record Timing(double recall, double p50, double p99, double p50Cpu, double p99Cpu, double qps) {}

    private Timing time(ItemIndex index, int[][] truth) {
        int n = users.length;
        for (int q = 0; q < n; q++) {
            search(index, q); // unmeasured: compiles the search before it is timed
        }
        double[] millis = new double[n];
        double[] cpuMillis = new double[n];
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        long hits = 0;
        for (int q = 0; q < n; q++) {
            long cpuStart = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            List<Scored> found = search(index, q);
            millis[q] = (System.nanoTime() - start) / 1e6;
            cpuMillis[q] = cpu ? (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6 : Double.NaN;
            if (truth != null) {
                hits += overlap(items(found), truth[q]);
            }
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        double recall = truth == null ? 1.0 : (double) hits / Math.max(1, expected(truth));
        return new Timing(recall, percentile(millis, 0.50), percentile(millis, 0.99), percentile(cpuMillis, 0.50),
                percentile(cpuMillis, 0.99), throughput(index));
    }

    /** Queries per second with every thread taking the next query until all are answered. */
    private double throughput(ItemIndex index) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int q = next.getAndIncrement(); q < users.length; q = next.getAndIncrement()) {
                        search(index, q);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return users.length / ((System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] items(List<Scored> list) {
        return list.stream().mapToInt(Scored::item).toArray();
    }

    private static int overlap(int[] found, int[] truth) {
        int hits = 0;
        for (int f : found) {
            for (int t : truth) {
                if (f == t) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }

    private static long expected(int[][] truth) {
        long n = 0;
        for (int[] t : truth) {
            n += t.length;
        }
        return n;
    }

    /**
     * CPU seconds this process has used on all its threads (NaN when the JVM does not say): the difference around
     * a build is the work it took, which a shared machine stretches in wall time but not in CPU time.
     */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
