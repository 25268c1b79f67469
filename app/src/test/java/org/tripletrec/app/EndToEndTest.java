package org.tripletrec.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Train on a planted-structure file, then use the saved model with every other command. */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path dir;

    static SyntheticRatings data;
    static Path model;
    static Path metrics;
    static Path plot;
    static Cli.Result train;

    @BeforeAll
    static void train() throws IOException {
        data = SyntheticRatings.write(dir.resolve("ratings.tsv"));
        model = dir.resolve("out/model.bin");
        metrics = dir.resolve("out/metrics.json");
        plot = dir.resolve("out/curves.png");
        train = Cli.run("train", "--ratings", data.file.toString(), "--split", "holdout:0.2",
                "--positive-threshold", "4", "--negative-threshold", "2", "--epochs", "5", "--dim", "8",
                "--threads", "1", "--eval-every", "1",
                "--model-out", model.toString(), "--metrics-out", metrics.toString(), "--plot", plot.toString());
    }

    @Test
    void trainPrintsSummaryEpochsAndTable() {
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.out())
                .contains("60 users, 40 items")
                .contains("epoch 1/5").contains("epoch 5/5")
                .contains("full_auc")
                .containsPattern("metric\\s+model\\s+popularity\\s+random");
    }

    @Test
    void byUserOrderIsOneFlagAndIsRecordedInTheMetrics() throws IOException {
        Path out = dir.resolve("out/by-user.json");
        Cli.Result r = Cli.run("train", "--preset", "single", "--ratings", data.file.toString(), "--split",
                "holdout:0.2", "--positive-threshold", "4", "--negative-threshold", "2", "--epochs", "5", "--dim", "8",
                "--threads", "1", "--eval-every", "0", "--order", "by-user", "--metrics-out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains(", order by-user");
        assertThat(train.out()).doesNotContain(", order "); // the default, shuffled, goes unsaid
        JsonNode root = JSON.readTree(out.toFile());
        assertThat(root.at("/config/order").asText()).isEqualTo("by-user");
        assertThat(root.at("/final/full_auc").asDouble()).isGreaterThan(0.7);
    }

    @Test
    void trainWritesModelMetricsAndPlot() throws IOException {
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(model).isRegularFile();
        JsonNode root = JSON.readTree(metrics.toFile());
        assertThat(root.has("epochs")).isTrue();
        assertThat(root.get("epochs")).hasSize(5);
        JsonNode first = root.get("epochs").get(0);
        assertThat(first.get("epoch").asInt()).isEqualTo(1);
        assertThat(first.has("train_seconds")).isTrue();
        assertThat(first.get("triplets").asLong()).isPositive();
        assertThat(first.has("loss")).isTrue();
        assertThat(first.get("metrics").has("ndcg@10")).isTrue();
        assertThat(root.at("/final/full_auc").isNumber()).isTrue();
        assertThat(root.at("/baselines/popularity/ndcg@10").isNumber()).isTrue();
        assertThat(root.at("/baselines/random/full_auc").isNumber()).isTrue();
        assertThat(root.at("/config/dim").asInt()).isEqualTo(8);
        assertThat(root.at("/data/users").asInt()).isEqualTo(60);
        // the planted taste groups are learnable: far better than chance
        assertThat(root.at("/final/full_auc").asDouble()).isGreaterThan(0.7);

        byte[] png = Files.readAllBytes(plot);
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
        try (var files = Files.list(model.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.endsWith(".tmp"));
        }
    }

    @Test
    void recommendNeverReturnsARatedItem() throws IOException {
        for (String user : new String[] {"1", "2", "17", "60"}) {
            Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--user", user, "-k", "40", "--json",
                    "--ratings", data.file.toString(), "--split", "none");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode list = JSON.readTree(r.out());
            Set<String> rated = data.rated.get(user);
            assertThat(list).hasSize(SyntheticRatings.ITEMS - rated.size());
            for (JsonNode item : list) {
                assertThat(rated).doesNotContain(item.get("item").asText());
            }
            assertThat(list.get(0).get("rank").asInt()).isEqualTo(1);
            assertThat(list.get(0).has("score")).isTrue();
        }
    }

    @Test
    void recommendIncludeRatedNeedsNoData() {
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--user", "3", "--include-rated", "-k", "5");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(6).first().asString().startsWith("rank");
    }

    @Test
    void similarListsNeighbours() throws IOException {
        Cli.Result r = Cli.run("similar", "--model", model.toString(), "--item", "101", "-k", "5", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode list = JSON.readTree(r.out());
        assertThat(list).hasSize(5);
        for (JsonNode item : list) {
            assertThat(item.get("item").asText()).isNotEqualTo("101");
            assertThat(item.get("similarity").asDouble()).isBetween(-1.0001, 1.0001);
        }
        Cli.Result table = Cli.run("similar", "--model", model.toString(), "--item", "101", "-k", "3");
        assertThat(table.out()).contains("items most similar to 101").contains("similarity");
    }

    @Test
    void exportWritesTablesAndIds() throws IOException {
        Path npy = dir.resolve("export-npy");
        Cli.Result r = Cli.run("export", "--model", model.toString(), "--format", "npy", "--out", npy.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(npy.resolve("user_factors.npy")).isRegularFile();
        assertThat(npy.resolve("item_factors.npy")).isRegularFile();
        assertThat(Files.readAllLines(npy.resolve("item_ids.txt"))).hasSize(SyntheticRatings.ITEMS).contains("101");

        Path csv = dir.resolve("export-csv");
        r = Cli.run("export", "--model", model.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(csv.resolve("user_factors.csv"))).hasSize(SyntheticRatings.USERS)
                .allMatch(line -> line.split(",").length
                        == org.tripletrec.train.Presets.defaults().toBuilder().dim(8).build().modelDim());
    }

    @Test
    void evaluateUsesTheModelsIdMapsAndThresholds() throws IOException {
        Path out = dir.resolve("eval.json");
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--ratings", data.file.toString(),
                "--split", "holdout:0.2", "--metrics-out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("likes >= 4.0").containsPattern("metric\\s+model\\s+popularity\\s+random");
        JsonNode root = JSON.readTree(out.toFile());
        JsonNode trained = JSON.readTree(metrics.toFile());
        // same data, same split, same thresholds: the same figures as at the end of training
        assertThat(root.at("/final/full_auc").asDouble()).isEqualTo(trained.at("/final/full_auc").asDouble());
        assertThat(root.at("/baselines/popularity/ndcg@10").asDouble())
                .isEqualTo(trained.at("/baselines/popularity/ndcg@10").asDouble());
    }

    @Test
    void evaluateReportsUsersAndItemsTheModelDoesNotKnow() throws IOException {
        Path more = dir.resolve("more.tsv");
        String extra = String.join("\n",
                "900\t101\t5\t1", "900\t102\t5\t2", "900\t103\t1\t3", "900\t104\t5\t4",
                "1\t999\t5\t99999999", "2\t998\t4\t99999999") + "\n";
        Files.writeString(more, Files.readString(data.file) + extra);
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--ratings", more.toString(),
                "--split", "holdout:0.2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("not in the model: 1 users and 2 items");
    }
}
