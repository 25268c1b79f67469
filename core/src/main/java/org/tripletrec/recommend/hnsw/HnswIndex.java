package org.tripletrec.recommend.hnsw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Vectors;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.Scored;
import org.tripletrec.recommend.TopK;

/**
 * Approximate search on two HNSW graphs (Lucene's builder and searcher): one for recommendations (maximum inner
 * product with the item bias, see {@link ItemSpace.InnerProduct}), one for similar items (cosine). A search keeps
 * the efSearch best candidates the graph walk finds, then scores them again exactly, so that every returned
 * score is the model's own float.
 *
 * <p>Filters: the walk passes through every item but keeps only those the filter allows, so it goes on until it
 * holds efSearch allowed items, which is an over-fetch that grows by itself with what the filter removes. The
 * search is done exactly instead when the filter removes most of the catalogue: when it says it allows at most
 * {@link #EXACT_BELOW_SHARE} of it ({@link ItemFilter#allowsAtMost()}), when fewer than that share of the items
 * the walk looked at passed it, when the walk has visited more items than a scan of the whole catalogue would
 * cost, or when it found fewer allowed items than were asked for. Then a strict filter costs one exact search and
 * never returns less. (An inner-product graph links items towards those with large vectors, so an item with a
 * small one may have no link leading to it: a filter that removes the large ones would leave the walk short.)
 */
public final class HnswIndex implements ItemIndex {
    /**
     * When a filter lets through at most this share of the catalogue, or of the items a walk looks at, search
     * exactly: below it, recall of the graph walk falls (docs/PERFORMANCE.md).
     */
    static final double EXACT_BELOW_SHARE = 0.2;
    /** A scan scores items this many times faster than a graph walk, which jumps about the table. */
    static final int SCAN_SPEED_UP = 8;

    private final EmbeddingModel model;
    private final HnswSettings settings;
    private final ItemSpace.InnerProduct scoreSpace;
    private final ItemSpace.Cosine cosineSpace;
    private final LayeredGraph scoreGraph;
    private final LayeredGraph cosineGraph;
    private final ExactIndex exact;
    private final double buildSeconds;
    private final boolean loaded;
    private final LongAdder exactAnswers;

    HnswIndex(EmbeddingModel model, HnswSettings settings, LayeredGraph scoreGraph, LayeredGraph cosineGraph,
              ExactIndex exact, double buildSeconds, boolean loaded) {
        this(model, settings, scoreGraph, cosineGraph, exact, buildSeconds, loaded, new LongAdder());
    }

    private HnswIndex(EmbeddingModel model, HnswSettings settings, LayeredGraph scoreGraph, LayeredGraph cosineGraph,
                      ExactIndex exact, double buildSeconds, boolean loaded, LongAdder exactAnswers) {
        this.exactAnswers = exactAnswers;
        this.model = model;
        this.settings = settings;
        this.scoreSpace = new ItemSpace.InnerProduct(model);
        this.cosineSpace = new ItemSpace.Cosine(model);
        this.scoreGraph = scoreGraph;
        this.cosineGraph = cosineGraph;
        this.exact = exact;
        this.buildSeconds = buildSeconds;
        this.loaded = loaded;
    }

    /** Builds both graphs on {@code settings.threads()} threads, reporting progress to {@code progress}. */
    public static HnswIndex build(EmbeddingModel model, HnswSettings settings, BuildProgress progress) {
        return build(model, settings, progress, true);
    }

    /** Builds the recommendation graph only: similar items are then searched exactly. */
    public static HnswIndex buildForRecommendations(EmbeddingModel model, HnswSettings settings,
                                                    BuildProgress progress) {
        return build(model, settings, progress, false);
    }

    private static HnswIndex build(EmbeddingModel model, HnswSettings settings, BuildProgress progress,
                                   boolean similar) {
        long start = System.nanoTime();
        LayeredGraph scores = GraphBuild.build(new ItemSpace.InnerProduct(model), settings, "score graph", progress);
        LayeredGraph cosines = similar
                ? GraphBuild.build(new ItemSpace.Cosine(model), settings, "similarity graph", progress) : null;
        double graphSeconds = (System.nanoTime() - start) / 1e9;
        return new HnswIndex(model, settings, scores, cosines, new ExactIndex(model), graphSeconds, false);
    }

    /**
     * This index with a similar-items graph, built now when it has none (an index built or saved for
     * recommendations alone); the recommendation graph is kept. Its build seconds then add that build.
     */
    HnswIndex withSimilarGraph(BuildProgress progress) {
        return withSimilarGraph(progress, settings.threads());
    }

    /** As {@link #withSimilarGraph(BuildProgress)}, building on {@code threads} threads. */
    HnswIndex withSimilarGraph(BuildProgress progress, int threads) {
        if (cosineGraph != null) {
            return this;
        }
        long start = System.nanoTime();
        LayeredGraph cosines = GraphBuild.build(cosineSpace, settings.withThreads(threads), "similarity graph",
                progress);
        double seconds = buildSeconds + (System.nanoTime() - start) / 1e9;
        return new HnswIndex(model, settings, scoreGraph, cosines, exact, seconds, false);
    }

    public HnswSettings settings() {
        return settings;
    }

    /** The same graphs searched with another efSearch (nothing is copied). */
    public HnswIndex withEfSearch(int efSearch) {
        return new HnswIndex(model, settings.withEfSearch(efSearch), scoreGraph, cosineGraph, exact, buildSeconds,
                loaded, new LongAdder());
    }

    EmbeddingModel model() {
        return model;
    }

    LayeredGraph scoreGraph() {
        return scoreGraph;
    }

    /** Null when similar items are searched exactly. */
    LayeredGraph cosineGraph() {
        return cosineGraph;
    }

    /** The same index, marked as read from a file, with the time reading took. */
    HnswIndex loadedIn(double seconds) {
        return new HnswIndex(model, settings, scoreGraph, cosineGraph, exact, seconds, true);
    }

    @Override
    public List<Scored> recommend(float[] vectors, int offset, int user, int n, ItemFilter filter) {
        int k = Math.max(n, settings.efSearch());
        if (n <= 0) {
            return List.of();
        }
        ScoreDoc[] found = searchExactly(filter, k) ? null : search(scoreSpace.query(vectors, offset), scoreGraph, k,
                user, filter);
        if (found == null || found.length < Math.min(n, model.numItems())) {
            exactAnswers.increment();
            return exact.recommend(vectors, offset, user, n, filter);
        }
        float[] table = model.itemFactors();
        int dim = model.dim();
        TopK top = new TopK(Math.min(n, found.length));
        for (ScoreDoc d : found) {
            // the exact float: summed in the order of ExactIndex's kernel, the bias added last
            top.offer(d.doc, Vectors.orderedDot(vectors, offset, table, d.doc * dim, dim) + model.bias(d.doc));
        }
        return top.toList();
    }

    @Override
    public List<Scored> similar(int item, int n, ItemFilter filter) {
        int k = Math.max(n, settings.efSearch());
        if (n <= 0 || cosineGraph == null) {
            return exact.similar(item, n, filter);
        }
        ItemFilter notItself = (u, i) -> i != item && filter.allows(u, i);
        ScoreDoc[] found = searchExactly(filter, k) ? null : search(cosineSpace.query(item), cosineGraph, k, -1,
                notItself);
        if (found == null || found.length < Math.min(n, model.numItems() - 1)) {
            exactAnswers.increment();
            return exact.similar(item, n, filter);
        }
        TopK top = new TopK(Math.min(n, found.length));
        for (ScoreDoc d : found) {
            top.offer(d.doc, exact.cosine(item, d.doc));
        }
        return top.toList();
    }

    private boolean searchExactly(ItemFilter filter, int k) {
        int allowed = filter.allowsAtMost();
        return allowed != ItemFilter.UNBOUNDED && allowed <= Math.max(k, EXACT_BELOW_SHARE * model.numItems());
    }

    /**
     * The k best allowed items the walk found, or null when exact search must answer: the walk gave up (a scan
     * would have been cheaper) or the filter turned down most of what it was asked about.
     */
    private ScoreDoc[] search(RandomVectorScorer query, LayeredGraph graph, int k, int user, ItemFilter filter) {
        long visitLimit = Math.max(model.numItems() / SCAN_SPEED_UP, 64L * k);
        TopKnnCollector collector = new TopKnnCollector(k, (int) Math.min(Integer.MAX_VALUE, visitLimit));
        int[] asked = new int[2]; // [0] items asked about, [1] allowed
        Bits allowed = new Bits() {
            @Override
            public boolean get(int index) {
                asked[0]++;
                if (filter.allows(user, index)) {
                    asked[1]++;
                    return true;
                }
                return false;
            }

            @Override
            public int length() {
                return model.numItems();
            }
        };
        try {
            HnswGraphSearcher.search(query, collector, graph.view(), allowed);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the graph and the scorers live in memory
        }
        if (collector.earlyTerminated() || asked[1] < EXACT_BELOW_SHARE * asked[0]) {
            return null;
        }
        return collector.topDocs().scoreDocs;
    }

    /** How many searches of this index were answered by exact search (a strict filter, see the class comment). */
    public long exactAnswers() {
        return exactAnswers.sum();
    }

    /** Seconds to build the graphs (or to read them from a file). */
    public double graphSeconds() {
        return buildSeconds;
    }

    /** Heap bytes of the graphs. */
    public long graphBytes() {
        return scoreGraph.bytes() + (cosineGraph == null ? 0 : cosineGraph.bytes());
    }

    /** Bytes of the graphs, of the exact index kept for fallbacks, and of the spaces' own arrays. */
    @Override
    public Description describe() {
        long bytes = graphBytes() + exact.describe().bytes() + 4L * model.numItems() * (model.hasItemBias() ? 1 : 2);
        return new Description("hnsw", settings.describe() + (cosineGraph == null ? ", similar items exact" : ""),
                bytes, buildSeconds + exact.describe().buildSeconds(), loaded, exactAnswers.sum());
    }
}
