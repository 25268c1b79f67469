package org.tripletrec.recommend.hnsw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * Builds a graph with Lucene's HNSW builders: the plain one on one thread (the same graph every time), the
 * concurrent one on more (threads take batches of nodes and lock the neighbour lists they change). The calling
 * thread reports progress meanwhile, then copies the graph into a {@link LayeredGraph}.
 */
final class GraphBuild {
    private static final long REPORT_MILLIS = 250;

    private GraphBuild() {}

    static LayeredGraph build(ItemSpace space, HnswSettings settings, String step, BuildProgress progress) {
        int n = space.numItems;
        try {
            HnswGraphBuilder single = HnswGraphBuilder.create(space, settings.m(), settings.efConstruction(),
                    HnswGraphBuilder.randSeed, n);
            OnHeapHnswGraph graph = single.getGraph();
            int threads = Math.max(1, Math.min(settings.threads(), n / 1024 + 1));
            ExecutorService pool = Executors.newFixedThreadPool(threads, daemon(step));
            try {
                Future<?> done = pool.submit(() -> {
                    if (threads == 1) {
                        single.build(n);
                    } else {
                        new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads, space, settings.m(),
                                settings.efConstruction(), graph, null).build(n);
                    }
                    return null;
                });
                await(done, () -> progress.update(step, graph.size(), n));
            } finally {
                pool.shutdownNow();
            }
            progress.update(step, n, n);
            return LayeredGraph.copyOf(graph);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the scorers read arrays: Lucene's signature only
        }
    }

    private static void await(Future<?> done, Runnable report) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get(REPORT_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    report.run();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the build: the pool's threads would otherwise be left running it
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("building the HNSW graph failed", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String step) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "tripletrec-hnsw-" + step.replace(' ', '-') + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
