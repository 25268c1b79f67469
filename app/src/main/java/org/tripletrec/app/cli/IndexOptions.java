package org.tripletrec.app.cli;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.tripletrec.cli.UserInputException;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.hnsw.HnswSettings;
import org.tripletrec.recommend.hnsw.IndexSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a command searches the catalogue: exact, HNSW, or chosen by size; and where an HNSW index is kept. */
public final class IndexOptions {

    @Option(names = "--index", paramLabel = "KIND", defaultValue = "auto", converter = IndexOptions.KindConverter.class,
            description = "exact (score every item), hnsw (approximate nearest-neighbour graphs, built when the model"
                    + " is loaded) or auto: exact below " + IndexSpec.AUTO_HNSW_ITEMS + " items, hnsw from there (for"
                    + " one user or one item, hnsw only with --index-file: a graph built for one answer costs more"
                    + " than the scan). Default: ${DEFAULT-VALUE}.")
    IndexSpec.Kind kind = IndexSpec.Kind.AUTO;

    @Option(names = "--index-file", paramLabel = "FILE",
            description = "Save the HNSW index here and reuse it next time, as long as it was built for the same"
                    + " model and settings (a stale file is rebuilt and replaced, never used).")
    Path file;

    @Option(names = "--hnsw-m", paramLabel = "M", defaultValue = "16",
            description = "HNSW links per node (twice as many on the bottom level). Default: ${DEFAULT-VALUE}.")
    int m;

    @Option(names = "--ef-construction", paramLabel = "N", defaultValue = "64",
            description = "HNSW candidates kept while building: better graph, slower build. Default: ${DEFAULT-VALUE}.")
    int efConstruction;

    @Option(names = "--ef-search", paramLabel = "N", defaultValue = "40",
            description = "HNSW candidates kept while searching: higher recall, slower answers. Default: ${DEFAULT-VALUE}.")
    int efSearch;

    /** What the options ask for, checked; HNSW builds on every core. */
    public IndexSpec spec() {
        if (file != null && kind == IndexSpec.Kind.EXACT) {
            throw new UserInputException("--index-file keeps an HNSW index: use it with --index hnsw or auto");
        }
        try {
            return new IndexSpec(kind, new HnswSettings(m, efConstruction, efSearch,
                    Runtime.getRuntime().availableProcessors()), file);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** The index for {@code model}: built (progress to {@code messages}) or read from --index-file. */
    public ItemIndex open(EmbeddingModel model, Consumer<String> messages) {
        return spec().open(model, new IndexProgress(messages, System.console() != null));
    }

    /** As {@link #open}, for recommendations alone (see {@link IndexSpec#openForRecommendations}). */
    public ItemIndex openForRecommendations(EmbeddingModel model, Consumer<String> messages) {
        return spec().openForRecommendations(model, new IndexProgress(messages, System.console() != null));
    }

    /**
     * The index for one answer: as {@link #open}, except that {@code auto} without --index-file scores every item,
     * which for a single query is far cheaper than building a graph.
     */
    public ItemIndex openForOneQuery(EmbeddingModel model, Consumer<String> messages) {
        if (kind == IndexSpec.Kind.AUTO && file == null) {
            spec(); // the options are checked all the same
            return new ExactIndex(model);
        }
        return open(model, messages);
    }

    static final class KindConverter implements ITypeConverter<IndexSpec.Kind> {
        @Override
        public IndexSpec.Kind convert(String value) {
            try {
                return IndexSpec.Kind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
