package org.tripletrec.recommend.hnsw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemIndex;

/** Chooses, builds, saves and reuses the index a model is searched with. */
public final class Indexes {
    /**
     * From this many items on, {@link Kind#AUTO} builds an HNSW index; below, it scores every item, which is
     * exact and at this size still answers within the serving target on one core (docs/PERFORMANCE.md).
     */
    public static final int AUTO_HNSW_ITEMS = 200_000;

    /** Which index: exact search, HNSW, or exact below {@link #AUTO_HNSW_ITEMS} items and HNSW from there. */
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

    private Indexes() {}

    /**
     * The index of {@code kind} for {@code model}. With an HNSW index and a {@code file}: the index saved there is
     * used when it was built for this model's item table with these settings; otherwise (missing, stale, damaged)
     * the index is built and saved there, replacing the old file. A file that cannot be written is reported and
     * the built index used all the same.
     *
     * @param file where an HNSW index is saved and reused; null for none (ignored for exact search)
     */
    public static ItemIndex open(EmbeddingModel model, Kind kind, HnswSettings settings, Path file,
                                 BuildProgress progress) {
        if (kind.resolve(model.numItems()) == Kind.EXACT) {
            return new ExactIndex(model);
        }
        if (file != null && Files.exists(file)) {
            try {
                return IndexFile.load(file, model, settings);
            } catch (IOException e) {
                progress.note(e.getMessage() + "; building a new index");
            }
        }
        HnswIndex index = HnswIndex.build(model, settings, progress);
        if (file != null) {
            try {
                IndexFile.save(index, file);
                progress.note("saved the index to " + file);
            } catch (IOException e) {
                progress.note("could not save the index to " + file + ": " + e.getMessage());
            }
        }
        return index;
    }
}
