package org.tripletrec.recommend.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.ItemIndex;

class IndexFileTest {
    static final HnswSettings SETTINGS = new HnswSettings(8, 40, 40, 1);
    static EmbeddingModel model;
    static HnswIndex index;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        model = PlantedCatalogue.model(30, 1500, 8, 11);
        index = HnswIndex.build(model, SETTINGS, BuildProgress.NONE);
    }

    @Test
    void aSavedIndexLoadsAndAnswersAsTheBuiltOne() throws IOException {
        Path file = dir.resolve("model.idx");
        IndexFile.save(index, file);
        HnswIndex loaded = IndexFile.load(file, model, SETTINGS);
        assertThat(loaded.describe().loadedFromFile()).isTrue();
        assertThat(index.describe().loadedFromFile()).isFalse();
        assertThat(loaded.graphBytes()).isEqualTo(index.graphBytes());
        for (int u = 0; u < 30; u++) {
            assertThat(loaded.recommend(model.userFactors(), u * 8, u, 10, ItemFilter.all()))
                    .isEqualTo(index.recommend(model.userFactors(), u * 8, u, 10, ItemFilter.all()));
            assertThat(loaded.similar(u, 10, ItemFilter.all())).isEqualTo(index.similar(u, 10, ItemFilter.all()));
        }
        // efSearch is a search setting: a file built with one serves another
        assertThat(IndexFile.load(file, model, SETTINGS.withEfSearch(90)).settings().efSearch()).isEqualTo(90);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void anIndexWithoutTheSimilarityGraphSearchesSimilarItemsExactlyAndSavesSo() throws IOException {
        HnswIndex scoresOnly = HnswIndex.buildForRecommendations(model, SETTINGS, BuildProgress.NONE);
        assertThat(scoresOnly.graphBytes()).isLessThan(index.graphBytes());
        ExactIndex exact = new ExactIndex(model);
        Path file = dir.resolve("scores.idx");
        IndexFile.save(scoresOnly, file);
        HnswIndex loaded = IndexFile.load(file, model, SETTINGS);
        for (int item = 0; item < 20; item++) {
            assertThat(loaded.similar(item, 10, ItemFilter.all())).isEqualTo(exact.similar(item, 10, ItemFilter.all()));
        }
        assertThat(loaded.recommend(model.userFactors(), 0, 0, 10, ItemFilter.all()))
                .isEqualTo(scoresOnly.recommend(model.userFactors(), 0, 0, 10, ItemFilter.all()));
    }

    @Test
    void anIndexOfAnotherModelIsStaleAndRefused() throws IOException {
        Path file = dir.resolve("model.idx");
        IndexFile.save(index, file);
        float[] v = model.itemFactors().clone();
        v[123] += 1e-3f; // one weight retrained
        EmbeddingModel retrained = new EmbeddingModel(8, model.userFactors(), v, model.itemBias(), model.users(),
                model.items(), model.info());
        assertThatThrownBy(() -> IndexFile.load(file, retrained, SETTINGS))
                .isInstanceOf(IndexFile.UnusableIndexException.class).hasMessageContaining("stale")
                .hasMessageContaining("another model");
        float[] b = model.itemBias().clone();
        b[7] = -b[7];
        EmbeddingModel otherBias = new EmbeddingModel(8, model.userFactors(), model.itemFactors(), b, model.users(),
                model.items(), model.info());
        assertThatThrownBy(() -> IndexFile.load(file, otherBias, SETTINGS)).hasMessageContaining("stale");
        assertThatThrownBy(() -> IndexFile.load(file, model, new HnswSettings(16, 40, 40, 1)))
                .hasMessageContaining("stale").hasMessageContaining("M=8");
    }

    @Test
    void damagedFilesAreRefused() throws IOException {
        Path file = dir.resolve("model.idx");
        IndexFile.save(index, file);
        long size = Files.size(file);
        Path flipped = dir.resolve("flipped.idx");
        Files.copy(file, flipped);
        try (RandomAccessFile raf = new RandomAccessFile(flipped.toFile(), "rw")) {
            raf.seek(size / 2);
            int b = raf.read();
            raf.seek(size / 2);
            raf.write(b ^ 0x10);
        }
        assertThatThrownBy(() -> IndexFile.load(flipped, model, SETTINGS))
                .isInstanceOf(IndexFile.UnusableIndexException.class).hasMessageContaining("corrupt");
        Path truncated = dir.resolve("truncated.idx");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) size - 100));
        assertThatThrownBy(() -> IndexFile.load(truncated, model, SETTINGS))
                .isInstanceOf(IndexFile.UnusableIndexException.class);
        Path foreign = dir.resolve("model.trm");
        Files.writeString(foreign, "TRIPREC\nnot an index");
        assertThatThrownBy(() -> IndexFile.load(foreign, model, SETTINGS))
                .hasMessageContaining("not a tripletrec index file");
    }

    @Test
    void openReusesAFreshFileAndRebuildsAStaleOne() throws IOException {
        Path file = dir.resolve("model.idx");
        List<String> notes = new ArrayList<>();
        BuildProgress progress = recording(notes);
        ItemIndex built = new IndexSpec(IndexSpec.Kind.HNSW, SETTINGS, file).open(model, progress);
        assertThat(built.describe().loadedFromFile()).isFalse();
        assertThat(notes).anyMatch(n -> n.startsWith("saved the index to"));
        assertThat(new IndexSpec(IndexSpec.Kind.HNSW, SETTINGS, file).open(model, progress).describe().loadedFromFile()).isTrue();

        float[] v = model.itemFactors().clone();
        v[0] = -v[0];
        EmbeddingModel retrained = new EmbeddingModel(8, model.userFactors(), v, model.itemBias(), model.users(),
                model.items(), model.info());
        notes.clear();
        ItemIndex rebuilt = new IndexSpec(IndexSpec.Kind.HNSW, SETTINGS, file).open(retrained, progress);
        assertThat(rebuilt.describe().loadedFromFile()).isFalse();
        assertThat(notes.get(0)).contains("stale").endsWith("building a new index");
        // the file now belongs to the retrained model, and the old model refuses it
        assertThat(IndexFile.load(file, retrained, SETTINGS)).isNotNull();
        assertThatThrownBy(() -> IndexFile.load(file, model, SETTINGS)).hasMessageContaining("stale");
    }

    @Test
    void recommendationsAloneBuildOneGraphAndAFullOpenAddsTheOther() throws IOException {
        Path file = dir.resolve("scores.idx");
        List<String> notes = new ArrayList<>();
        BuildProgress progress = recording(notes);
        IndexSpec spec = new IndexSpec(IndexSpec.Kind.HNSW, SETTINGS, file);
        HnswIndex scoresOnly = (HnswIndex) spec.openForRecommendations(model, progress);
        assertThat(scoresOnly.cosineGraph()).isNull();
        assertThat(notes).contains("step: score graph").doesNotContain("step: similarity graph");
        // a full open adds the similar-items graph to the saved recommendation graph, and saves both
        notes.clear();
        HnswIndex full = (HnswIndex) spec.open(model, progress);
        assertThat(full.describe().loadedFromFile()).isFalse();
        assertThat(full.cosineGraph()).isNotNull();
        assertThat(notes).containsExactly(file + ": holds no similar-items graph; building it", "step: similarity graph",
                "saved the index to " + file);
        assertThat(full.scoreGraph().bytes()).isEqualTo(scoresOnly.scoreGraph().bytes());
        assertThat(full.similar(3, 10, ItemFilter.all())).hasSize(10);
        assertThat(full.exactAnswers()).isZero(); // answered by the new graph, not by exact search
        // a file with both graphs serves recommendations as it is
        HnswIndex reused = (HnswIndex) spec.openForRecommendations(model, progress);
        assertThat(reused.describe().loadedFromFile()).isTrue();
        assertThat(reused.cosineGraph()).isNotNull();
        assertThat(spec.open(model, progress).describe().loadedFromFile()).isTrue();
    }

    @Test
    void anIndexOpenedForRecommendationsGainsItsSimilarItemsGraphLaterAndIsSavedOnlyWhenAsked() throws IOException {
        Path file = dir.resolve("later.idx");
        List<String> notes = new ArrayList<>();
        IndexSpec spec = new IndexSpec(IndexSpec.Kind.HNSW, SETTINGS, file);
        ItemIndex scoresOnly = spec.openForRecommendations(model, recording(notes));
        assertThat(IndexSpec.lacksSimilarItems(scoresOnly)).isTrue();
        assertThat(scoresOnly.describe().settings()).endsWith(", similar items exact");
        notes.clear();
        ItemIndex full = spec.withSimilarItems(scoresOnly, 2, recording(notes));
        assertThat(IndexSpec.lacksSimilarItems(full)).isFalse();
        assertThat(notes).containsExactly("step: similarity graph"); // built, not saved
        assertThat(IndexFile.load(file, model, SETTINGS).cosineGraph()).isNull();
        // the recommendation graph is kept, and the similar items are now the graph's, as a full build's
        assertThat(((HnswIndex) full).scoreGraph()).isSameAs(((HnswIndex) scoresOnly).scoreGraph());
        assertThat(full.describe().buildSeconds()).isGreaterThan(scoresOnly.describe().buildSeconds());
        for (int item = 0; item < 30; item++) {
            assertThat(full.similar(item, 10, ItemFilter.all())).hasSize(10);
        }
        assertThat(((HnswIndex) full).exactAnswers()).isZero();
        spec.save(full, recording(notes));
        assertThat(notes).endsWith("saved the index to " + file);
        assertThat(IndexFile.load(file, model, SETTINGS).cosineGraph()).isNotNull();
        // nothing to add to a complete index, nor to an exact one
        assertThat(spec.withSimilarItems(full, 2, BuildProgress.NONE)).isSameAs(full);
        ExactIndex exact = new ExactIndex(model);
        assertThat(IndexSpec.lacksSimilarItems(exact)).isFalse();
        assertThat(spec.withSimilarItems(exact, 2, BuildProgress.NONE)).isSameAs(exact);
    }

    @Test
    void exactAndAutoIgnoreTheFileBelowTheCatalogueSize() {
        Path file = dir.resolve("never.idx");
        assertThat(new IndexSpec(IndexSpec.Kind.AUTO, SETTINGS, file).open(model, BuildProgress.NONE))
                .isInstanceOf(ExactIndex.class);
        assertThat(new IndexSpec(IndexSpec.Kind.EXACT, SETTINGS, file).open(model, BuildProgress.NONE))
                .isInstanceOf(ExactIndex.class);
        assertThat(file).doesNotExist();
        assertThat(IndexSpec.Kind.AUTO.resolve(IndexSpec.AUTO_HNSW_ITEMS)).isEqualTo(IndexSpec.Kind.HNSW);
        assertThat(IndexSpec.Kind.AUTO.resolve(IndexSpec.AUTO_HNSW_ITEMS - 1)).isEqualTo(IndexSpec.Kind.EXACT);
        assertThat(IndexSpec.Kind.parse(" HNSW ")).isEqualTo(IndexSpec.Kind.HNSW);
        assertThatThrownBy(() -> IndexSpec.Kind.parse("faiss")).hasMessageContaining("exact, hnsw or auto");
    }

    /** Progress that records each message, and each step's name once as "step: NAME". */
    private static BuildProgress recording(List<String> notes) {
        return new BuildProgress() {
            @Override
            public void update(String step, long done, long total) {
                if (!notes.contains("step: " + step)) {
                    notes.add("step: " + step);
                }
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
    }
}
