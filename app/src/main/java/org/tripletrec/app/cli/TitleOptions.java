package org.tripletrec.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.Titles;
import org.tripletrec.model.EmbeddingModel;
import picocli.CommandLine.Option;

/**
 * Where the titles of shown items come from, for the commands that show items (recommend, similar, serve);
 * commands that only train or score take no {@code --titles}, so that it is refused there rather than ignored.
 */
public final class TitleOptions {

    @Option(names = "--titles", paramLabel = "FILE",
            description = "Item titles: a MovieLens u.item (id|title|...) or movies.csv (movieId,title,...) file;"
                    + " they take precedence over the data's own.")
    Path file;

    /** Titles from --titles, or an empty map without it. */
    public Map<String, String> read() {
        if (file == null) {
            return Map.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new DataNotFoundException("titles file " + file + " not found");
        }
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? Titles.movieLensCsv(file) : Titles.movieLens100k(file);
    }

    /** The data's own titles with --titles over them; --titles alone when there is no data. */
    public Map<String, String> over(Dataset data) {
        if (data == null) {
            return read();
        }
        if (file == null) {
            return data.titles();
        }
        Map<String, String> merged = new HashMap<>(data.titles());
        merged.putAll(read());
        return merged;
    }

    /**
     * Titles for showing a model's items: the named data's (which must load), else the default data set's when it
     * is on this machine and is what the model was trained on (another data set's titles would name the wrong
     * items), with --titles over them. Titles are a convenience: missing default data is no error.
     */
    public Map<String, String> resolve(DataOptions data, EmbeddingModel model) {
        return forModel(model, data.loadIfPresent(), data.explicit());
    }

    /** The same from data already loaded ({@code explicit}: named by the user); null for none. */
    public Map<String, String> forModel(EmbeddingModel model, Dataset data, boolean explicit) {
        if (data != null && !explicit && TrainingDataCheck.note(model, data) != null) {
            return read();
        }
        return over(data);
    }
}
