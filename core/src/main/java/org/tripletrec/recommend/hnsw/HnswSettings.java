package org.tripletrec.recommend.hnsw;

/**
 * The parameters of an HNSW index (Malkov and Yashunin 2018).
 *
 * @param m              links per node on the upper levels (twice as many on level 0): more links, better
 *                       recall, more memory and a slower build
 * @param efConstruction candidates kept while each node is linked in: a better graph for a slower build
 * @param efSearch       candidates kept while searching (at least the number of items asked for): the
 *                       recall-latency trade-off, free to change on a built index
 * @param threads        threads that build the graph; with one, the same model always gives the same graph (with
 *                       more, links depend on which thread gets where first)
 */
public record HnswSettings(int m, int efConstruction, int efSearch, int threads) {

    public HnswSettings {
        if (m < 2 || m > 512 || efConstruction < 1 || efConstruction > 4096 || efSearch < 1 || efSearch > 100_000
                || threads < 1) {
            throw new IllegalArgumentException("HNSW settings out of range: M " + m + ", efConstruction "
                    + efConstruction + ", efSearch " + efSearch + ", threads " + threads
                    + " (M 2..512, efConstruction 1..4096, efSearch 1..100000, threads 1 or more)");
        }
    }

    /**
     * Chosen on the 1M-item benchmark model (docs/PERFORMANCE.md), on every core: efConstruction 64 recalls as
     * much as 100 there for a shorter build, and efSearch 40 finds nearly all of exact search's top 10 at a
     * fraction of the cost of 100.
     */
    public static HnswSettings defaults() {
        return new HnswSettings(16, 64, 40, Runtime.getRuntime().availableProcessors());
    }

    public HnswSettings withEfSearch(int ef) {
        return new HnswSettings(m, efConstruction, ef, threads);
    }

    public HnswSettings withThreads(int n) {
        return new HnswSettings(m, efConstruction, efSearch, n);
    }

    /** True when an index built with {@code other} has the graph this one would build (efSearch aside). */
    boolean sameGraph(HnswSettings other) {
        return m == other.m && efConstruction == other.efConstruction;
    }

    /** For logs and /health: "M=16 efConstruction=64 efSearch=40". */
    public String describe() {
        return "M=" + m + " efConstruction=" + efConstruction + " efSearch=" + efSearch;
    }
}
