package org.tripletrec.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.tripletrec.data.IdIndex;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.hnsw.BuildProgress;
import org.tripletrec.recommend.hnsw.HnswIndex;
import org.tripletrec.recommend.hnsw.HnswSettings;
import org.tripletrec.recommend.hnsw.IndexBenchmark;

/**
 * Lucene's HNSW (as tripletrec builds and searches it) against hnswlib-java on the same model, settings,
 * queries and exact rescoring: build time (wall and CPU of the process), memory, recall@10, latency, throughput.
 * Usage: java -cp bench/target/benchmarks.jar org.tripletrec.bench.AnnLibraries MODEL ITEMS QUERIES M EFC
 * THREADS EF,EF,... (ITEMS: the model's first items, to keep a run short).
 */
public final class AnnLibraries {
    private AnnLibraries() {}

    public static void main(String[] args) throws Exception {
        EmbeddingModel full = ModelFormat.load(Path.of(args[0]));
        EmbeddingModel model = firstItems(full, Integer.parseInt(args[1]));
        int queries = Integer.parseInt(args[2]), m = Integer.parseInt(args[3]), efc = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        int[] efs = Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "%,d items, dim %d, %d queries, M=%d efConstruction=%d, %d threads%n",
                model.numItems(), model.dim(), queries, m, efc, threads);

        IndexBenchmark bench = new IndexBenchmark(model, queries, 10, threads, 1);
        ExactIndex exact = new ExactIndex(model);
        int[][] truth = bench.truth(exact);
        print(bench.exact(exact, truth), 0);

        long heap = usedHeap();
        double cpu = IndexBenchmark.processCpuSeconds();
        HnswIndex lucene = HnswIndex.buildForRecommendations(model, new HnswSettings(m, efc, efs[0], threads),
                BuildProgress.NONE);
        double luceneCpu = IndexBenchmark.processCpuSeconds() - cpu;
        long luceneHeap = usedHeap() - heap;
        System.out.printf(Locale.ROOT, "lucene-core 9.12.3: graph %,d bytes (heap grew %,d with the exact copy)%n",
                lucene.graphBytes(), luceneHeap);
        for (int ef : efs) {
            print(bench.hnsw(lucene.withEfSearch(ef), truth), luceneCpu);
        }
        lucene = null;

        heap = usedHeap();
        cpu = IndexBenchmark.processCpuSeconds();
        HnswlibIndex hnswlib = HnswlibIndex.build(model, m, efc, threads);
        double hnswlibCpu = IndexBenchmark.processCpuSeconds() - cpu;
        long hnswlibHeap = usedHeap() - heap;
        System.out.printf(Locale.ROOT, "hnswlib-core 1.2.1: heap grew %,d (its item copies included)%n", hnswlibHeap);
        for (int ef : efs) {
            HnswlibIndex h = hnswlib.withEf(ef);
            print(bench.measure("hnswlib", new HnswSettings(m, efc, ef, threads), h, truth, h.buildSeconds(),
                    hnswlibHeap), hnswlibCpu);
        }
    }

    private static void print(IndexBenchmark.Result r, double buildCpu) {
        System.out.printf(Locale.ROOT, "%-8s ef %4d  recall@10 %.4f  p50 %.3f ms  p99 %.3f ms  qps %,.0f  build %.1f s"
                        + " (cpu %.1f s)%n", r.kind(), r.efSearch(), r.recall(), r.p50Millis(), r.p99Millis(), r.qps(),
                r.buildSeconds(), buildCpu);
    }

    private static EmbeddingModel firstItems(EmbeddingModel m, int n) {
        if (n >= m.numItems()) {
            return m;
        }
        float[] v = Arrays.copyOf(m.itemFactors(), n * m.dim());
        float[] b = m.itemBias() == null ? null : Arrays.copyOf(m.itemBias(), n);
        List<String> ids = m.items().ids().subList(0, n);
        return new EmbeddingModel(m.dim(), m.userFactors(), v, b, m.users(), IdIndex.of(ids), m.info());
    }

    private static long usedHeap() {
        for (int j = 0; j < 3; j++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
