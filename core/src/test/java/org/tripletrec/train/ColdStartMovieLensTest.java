package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.BuiltinFeatures;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.eval.ColdStartEvaluator;
import org.tripletrec.eval.FeaturePopularityScorer;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.testing.TestData;

/**
 * The cold-start protocol of docs/EVALUATION.md on MovieLens 100k: every item whose id % 5 == 0 is cold (all its
 * ratings are the test), items have their genres only, seed labels. The figures docs/CATALOGUE.md publishes are
 * pinned as {@link PresetsMovieLensTest} pins the warm ones (a one-thread seeded run repeats bit for bit), and
 * the default model is held to beat genre popularity on all four metrics, as issue 10's floor asks.
 */
class ColdStartMovieLensTest {
    private static final double PIN = PresetsMovieLensTest.PIN;
    private static final double PIN_DISLIKE = PresetsMovieLensTest.PIN_DISLIKE;

    @TempDir
    static Path dir;
    private static Catalogue catalogue;
    private static Interactions train, test;
    private static int[] cold;

    @BeforeAll
    static void load() throws IOException {
        Path ml = TestData.dataset("ml-100k");
        List<String> ratings = Files.readAllLines(ml.resolve("u.data"));
        Path trainFile = dir.resolve("train.tsv"), testFile = dir.resolve("test.tsv");
        Files.write(trainFile, ratings.stream().filter(l -> item(l) % 5 != 0).toList());
        Files.write(testFile, ratings.stream().filter(l -> item(l) % 5 == 0).toList());
        Dataset data = DatasetLoader.builder().ratingsFile(trainFile).testFile(testFile).build().load();
        SideFeatures genres = BuiltinFeatures.movieLens100kItems(ml.resolve("u.item"), ml.resolve("u.genre"),
                BuiltinFeatures.Kind.GENRES);
        catalogue = Catalogue.of(data, SideFeatures.none(), genres, Presets.single());
        train = catalogue.data().trainInteractions(Presets.single().policy());
        test = catalogue.data().testInteractions(Presets.single().policy());
        cold = ColdStartEvaluator.coldItems(train);
    }

    private static int item(String line) {
        return Integer.parseInt(line.split("\t")[1]);
    }

    private static Metrics train(TrainerConfig c) {
        Dataset d = catalogue.data();
        EmbeddingModel m = new Trainer(c).fit(TrainingInput.of(train, d.users(), d.items(), Fingerprint.of(d))
                .withFeatures(null, catalogue.itemFeatures()), TrainingListener.NONE);
        return ColdStartEvaluator.defaults().evaluate(m, test, cold);
    }

    private static void assertPinned(Metrics m, double auc, double posNeg, double ndcg, double dislike) {
        assertThat(m.get("cold_auc")).isCloseTo(auc, within(PIN));
        assertThat(m.get("cold_pos_neg_auc")).isCloseTo(posNeg, within(PIN));
        assertThat(m.get("cold_ndcg@10")).isCloseTo(ndcg, within(PIN));
        assertThat(m.get("cold_dislike@10")).isCloseTo(dislike, within(PIN_DISLIKE));
    }

    /**
     * The floor of issue 10 on all four metrics. Genre popularity is exact (no training) and the model's run repeats
     * bit for bit, so the comparison is strict; the pins say how far from the floor the run is, within {@link #PIN}
     * (and {@link #PIN_DISLIKE} for the dislike share), as PresetsMovieLensTest pins the warm figures.
     */
    private static void assertAboveTheFloor(Metrics m, Metrics pop) {
        assertThat(m.get("cold_auc")).isGreaterThan(pop.get("cold_auc"));
        assertThat(m.get("cold_pos_neg_auc")).isGreaterThan(pop.get("cold_pos_neg_auc"));
        assertThat(m.get("cold_ndcg@10")).isGreaterThan(pop.get("cold_ndcg@10"));
        assertThat(m.get("cold_dislike@10")).isLessThan(pop.get("cold_dislike@10"));
    }

    @Test
    void coldItemsRankAboveGenrePopularityOnAllFourMetrics() {
        assertThat(cold).hasSize(336);
        // the protocol's baseline as docs/EVALUATION.md publishes it: the split and the features are the protocol's
        Metrics pop = ColdStartEvaluator.defaults().evaluate(
                new FeaturePopularityScorer(train, catalogue.itemFeatures()), test, cold);
        assertPinned(pop, 0.6504, 0.5557, 0.1117, 0.0166);

        Metrics single = train(Presets.single());
        assertPinned(single, 0.7057, 0.6579, 0.1390, 0.0145);
        assertAboveTheFloor(single, pop);

        // the default preset ranks new items by its main channel alone: the single model at the default's epochs
        Metrics defaults = train(Presets.defaults());
        assertPinned(defaults, 0.7051, 0.6570, 0.1390, 0.0143);
        assertAboveTheFloor(defaults, pop);
        Metrics main = train(Presets.single().toBuilder().epochs(Presets.defaults().epochs()).build());
        for (String k : java.util.List.of("cold_auc", "cold_pos_neg_auc", "cold_ndcg@10", "cold_dislike@10")) {
            assertThat(defaults.get(k)).as(k).isCloseTo(main.get(k), within(1e-9));
        }

        // what the new-item term is for: without it the top 10 of new films holds more that the user dislikes, and
        // the dislike floor is missed (what it costs: some cold_auc and cold_ndcg@10)
        Metrics without = train(Presets.single().toBuilder().newItemWeight(0f).build());
        assertPinned(without, 0.7236, 0.6300, 0.1717, 0.0238);
        assertThat(without.get("cold_dislike@10")).isGreaterThan(pop.get("cold_dislike@10"));
        assertThat(single.get("cold_pos_neg_auc")).isGreaterThan(without.get("cold_pos_neg_auc") + 0.01);
    }
}
