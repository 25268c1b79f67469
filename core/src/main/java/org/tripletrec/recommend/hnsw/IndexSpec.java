package org.tripletrec.recommend.hnsw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemIndex;

/**
 * Which index a model is searched with, and where an HNSW index is saved and reused.
 *
 * @param kind  exact, HNSW, or exact below {@link #AUTO_HNSW_ITEMS} items and HNSW from there
 * @param hnsw  the HNSW parameters (unused for exact search)
 * @param file  where an HNSW index is saved and reused; null for none (ignored for exact search)
 */
public record IndexSpec(Kind kind, HnswSettings hnsw, Path file) {
    /**
     * From this many items on, {@link Kind#AUTO} builds an HNSW index; below, it scores every item, which is
     * exact and at this size still answers within the serving target on one core (docs/PERFORMANCE.md).
     */
    public static final int AUTO_HNSW_ITEMS = 100_000;

    /** Which index: exact search, HNSW, or chosen by catalogue size. */
    public enum Kind {
        EXACT, HNSW, AUTO;

        /** The kind for a model of {@code numItems} items ({@link #AUTO} resolved). */
        public Kind resolve(int numItems) {
            return this != AUTO ? this : numItems >= AUTO_HNSW_ITEMS ? HNSW : EXACT;
        }

        public static Kind parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown index '" + name + "' (exact, hnsw or auto)");
            }
        }
    }

    public IndexSpec {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(hnsw);
    }

    /** Exact below {@link #AUTO_HNSW_ITEMS} items, HNSW with the default settings from there, nothing saved. */
    public static IndexSpec auto() {
        return new IndexSpec(Kind.AUTO, HnswSettings.defaults(), null);
    }

    /** The same, building with {@code threads} threads. */
    public IndexSpec withThreads(int threads) {
        return new IndexSpec(kind, hnsw.withThreads(threads), file);
    }

    /**
     * The index for {@code model}. With an HNSW index and a {@link #file}: the index saved there is used when it
     * was built for this model's item table with these settings; otherwise (missing, stale, damaged) the index is
     * built and saved there, replacing the old file. A file that cannot be written is reported and the built
     * index used all the same.
     */
    public ItemIndex open(EmbeddingModel model, BuildProgress progress) {
        return open(model, progress, true);
    }

    /**
     * As {@link #open(EmbeddingModel, BuildProgress)}, for recommendations alone: a new HNSW index holds only the
     * recommendation graph (similar items are then searched exactly), which halves the build, and a saved index is
     * used whether or not it holds a similar-items graph. With {@link #open(EmbeddingModel, BuildProgress)}, a
     * saved index without that graph gains it (its recommendation graph is kept) and is saved again.
     */
    public ItemIndex openForRecommendations(EmbeddingModel model, BuildProgress progress) {
        return open(model, progress, false);
    }

    private ItemIndex open(EmbeddingModel model, BuildProgress progress, boolean similar) {
        if (kind.resolve(model.numItems()) == Kind.EXACT) {
            return new ExactIndex(model);
        }
        HnswIndex saved = null;
        if (file != null && Files.exists(file)) {
            try {
                saved = IndexFile.load(file, model, hnsw);
                if (!similar || saved.cosineGraph() != null) {
                    return saved;
                }
                progress.note(file + ": holds no similar-items graph; building it");
            } catch (IOException e) {
                progress.note(e.getMessage() + "; building a new index");
            }
        }
        HnswIndex index = saved != null ? saved.withSimilarGraph(progress)
                : similar ? HnswIndex.build(model, hnsw, progress)
                : HnswIndex.buildForRecommendations(model, hnsw, progress);
        save(index, progress);
        return index;
    }

    /**
     * True when {@code index} (from {@link #openForRecommendations}) searches similar items exactly because it has
     * no similar-items graph yet, which {@link #withSimilarItems} builds.
     */
    public static boolean lacksSimilarItems(ItemIndex index) {
        return index instanceof HnswIndex h && h.cosineGraph() == null;
    }

    /**
     * {@code index} with its similar-items graph, built now on {@code threads} threads when it has none (an HNSW
     * index from {@link #openForRecommendations}); {@code index} itself when it needs none. Nothing is saved: see
     * {@link #save}. A server so starts answering with the recommendation graph and completes the index meanwhile,
     * since the second graph need not hold up the first answers.
     */
    public ItemIndex withSimilarItems(ItemIndex index, int threads, BuildProgress progress) {
        return lacksSimilarItems(index) ? ((HnswIndex) index).withSimilarGraph(progress, threads) : index;
    }

    /**
     * Saves an HNSW index to {@link #file}, replacing what is there; nothing for an exact index or without a file.
     * A file that cannot be written is reported to {@code progress}.
     */
    public void save(ItemIndex index, BuildProgress progress) {
        if (file != null && index instanceof HnswIndex h) {
            try {
                IndexFile.save(h, file);
                progress.note("saved the index to " + file);
            } catch (IOException e) {
                progress.note("could not save the index to " + file + ": " + e.getMessage());
            }
        }
    }
}
