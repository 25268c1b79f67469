package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.SyntheticRatings;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;

class TrainFeaturesTest {
    @TempDir
    Path dir;
    Path ratings, features;

    /** Items 101..140 in two taste groups (parity), each tagged with its group; 141 and 142 known only by tag. */
    @BeforeEach
    void data() throws IOException {
        ratings = SyntheticRatings.write(dir.resolve("r.tsv")).file;
        List<String> lines = new ArrayList<>(List.of("item,feature,weight"));
        for (int i = 101; i <= 142; i++) {
            lines.add(i + ",group:" + (i % 2 == 0 ? "even" : "odd") + ",1");
        }
        features = dir.resolve("items.csv");
        Files.write(features, lines);
    }

    /**
     * The items whose id % 5 == 0 hold out all their ratings as the test, as the cold-start protocol does: train
     * reports the cold-start metrics when asked, and evaluate reports the same figures for the saved model.
     */
    @Test
    void trainAndEvaluateReportTheSameColdStartMetrics() throws IOException {
        List<String> all = Files.readAllLines(ratings);
        Path train = dir.resolve("train.tsv"), test = dir.resolve("test.tsv");
        Files.write(train, all.stream().filter(l -> item(l) % 5 != 0).toList());
        Files.write(test, all.stream().filter(l -> item(l) % 5 == 0).toList());
        Path model = dir.resolve("m.trm"), trained = dir.resolve("train.json"), evaluated = dir.resolve("eval.json");
        Cli.Result t = Cli.run("train", "--ratings", train.toString(), "--test", test.toString(), "--dim", "8",
                "--epochs", "10", "--item-features", features.toString(), "--cold-metrics", "--model-out",
                model.toString(), "--metrics-out", trained.toString());
        assertThat(t.exitCode()).as(t.toString()).isZero();
        // 105, 110, ... 140 have no train rating, nor do 141 and 142 (known only from the feature file)
        assertThat(t.out()).contains("cold-start items: 10 items without a train rating", "feature-popularity");

        Cli.Result e = Cli.run("evaluate", "--model", model.toString(), "--ratings", train.toString(), "--test",
                test.toString(), "--cold-metrics", "--metrics-out", evaluated.toString());
        assertThat(e.exitCode()).as(e.toString()).isZero();
        assertThat(e.out()).contains("cold-start items: 10 items without a train rating", "feature-popularity");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var fromTrain = json.readTree(trained.toFile()).get("cold");
        var fromEvaluate = json.readTree(evaluated.toFile()).get("cold");
        assertThat(fromEvaluate.get("model").get("cold_users").asDouble()).isPositive();
        assertThat(fromEvaluate).isEqualTo(fromTrain);

        Cli.Result plain = Cli.run("evaluate", "--model", model.toString(), "--ratings", train.toString(), "--test",
                test.toString());
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).as("fewer than 10 liked cold items: only when asked").doesNotContain("cold-start");
    }

    private static int item(String line) {
        return Integer.parseInt(line.split("\t")[1]);
    }

    @Test
    void itemsKnownOnlyFromTheFeatureFileJoinTheCatalogueAndAreExported() throws IOException {
        Path model = dir.resolve("m.trm");
        Path export = dir.resolve("export");
        Cli.Result r = Cli.run("train", "--ratings", ratings.toString(), "--split", "none", "--dim", "8",
                "--epochs", "15", "--item-features", features.toString(), "--model-out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("features: items 2 features (2 items known only from the feature file)",
                "feature weights normalised to unit length per row (an own embedding keeps weight 1)");
        EmbeddingModel m = ModelFormat.load(model);
        assertThat(m.numItems()).isEqualTo(42);
        assertThat(m.features().items().numFeatures()).isEqualTo(2);
        // the new items are scored from their group: an odd user prefers 141 to 142
        int odd = m.users().indexOf("1"), even = m.users().indexOf("2");
        int i141 = m.items().indexOf("141"), i142 = m.items().indexOf("142");
        assertThat(m.score(odd, i141)).isGreaterThan(m.score(odd, i142));
        assertThat(m.score(even, i142)).isGreaterThan(m.score(even, i141));

        Cli.Result e = Cli.run("export", "--model", model.toString(), "--format", "csv", "--out", export.toString());
        assertThat(e.exitCode()).as(e.toString()).isZero();
        assertThat(Files.readAllLines(export.resolve("item_ids.txt"))).hasSize(42).contains("141", "142");
        assertThat(Files.readAllLines(export.resolve("item_factors.csv"))).hasSize(42);
        assertThat(Files.readAllLines(export.resolve("item_bias.csv"))).hasSize(42);
    }

    @Test
    void aNewFilmFromTheFeatureFileAloneIsRecommendableWithoutTraining() throws IOException {
        Path model = dir.resolve("m.trm");
        assertThat(Cli.run("train", "--preset", "single", "--ratings", ratings.toString(), "--split", "none", "--dim",
                "8", "--epochs", "15", "--item-features", features.toString(), "--model-out", model.toString())
                .exitCode()).isZero();
        Path today = dir.resolve("today.csv");
        Files.write(today, List.of("143,group:odd,1", "144,group:even,1", "145,mood:new,1"));
        Path updated = dir.resolve("m2.trm");
        Cli.Result r = Cli.run("update", "--model", model.toString(), "--item-features", today.toString(),
                "--model-out", updated.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("3 new items", "1 new item features are unknown to the model");
        EmbeddingModel m = ModelFormat.load(updated), old = ModelFormat.load(model);
        assertThat(m.numItems()).isEqualTo(45);
        assertThat(java.util.Arrays.copyOf(m.itemFactors(), 42 * 8)).containsExactly(old.itemFactors());
        int odd = m.users().indexOf("1");
        assertThat(m.score(odd, m.items().indexOf("143"))).isGreaterThan(m.score(odd, m.items().indexOf("144")));
        Cli.Result rec = Cli.run("recommend", "--model", updated.toString(), "--user", "1", "-k", "45", "--json",
                "--include-rated");
        assertThat(rec.exitCode()).as(rec.toString()).isZero();
        assertThat(rec.out()).contains("\"143\"");
    }

    @Test
    void aMalformedFeatureLineIsOneLineExitTwoAndNoModel() throws IOException {
        Files.write(features, List.of("101,group:odd,1", "102,group:even,heavy"));
        Path model = dir.resolve("never.trm");
        Cli.Result r = Cli.run("train", "--ratings", ratings.toString(), "--item-features", features.toString(),
                "--model-out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tripletrec: " + features + ":2: weight 'heavy' is not a finite number");
        assertThat(model).doesNotExist();
    }

    @Test
    void builtInFeaturesNeedAMovieLensDataSet() {
        Cli.Result r = Cli.run("train", "--ratings", ratings.toString(), "--item-features", "builtin");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("built-in features come with a MovieLens data set");
        Cli.Result u = Cli.run("train", "--ratings", ratings.toString(), "--item-features", "builtin:decades");
        assertThat(u.exitCode()).isEqualTo(2);
        assertThat(u.err()).contains("unknown built-in features 'builtin:decades'");
    }

    @Test
    void featuresOnlyWithoutAFeatureFileIsRefused() {
        Cli.Result r = Cli.run("train", "--ratings", ratings.toString(), "--no-item-ids");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("items without ids need item features");
    }
}
