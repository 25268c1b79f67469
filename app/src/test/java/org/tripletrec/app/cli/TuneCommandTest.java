package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;

/**
 * {@code tune} on generated ratings: it never reads the test file, its JSON is what {@code train --config}
 * reads back, flags beside {@code --config} win over it, and every mistake is one line with exit code 2.
 */
class TuneCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path ratings;
    static Path tuned;
    static Path itemFeatures;

    @BeforeAll
    static void generateAndTune() {
        Cli.Result g = Cli.run("generate", "--users", "200", "--items", "150", "--interactions", "6000", "--seed",
                "4", "--out", dir.resolve("syn").toString());
        assertThat(g.exitCode()).as(g.toString()).isZero();
        ratings = dir.resolve("syn").resolve("ratings.tsv");
        tuned = dir.resolve("tuned.json");
        Path missing = dir.resolve("no-such-test.tsv");
        // a test file that does not exist: any attempt to read it would fail the command
        Cli.Result r = Cli.run("tune", "--ratings", ratings.toString(), "--test", missing.toString(), "--budget", "30",
                "--trials", "4", "--max-epochs", "3", "--finalists", "1", "--confirm-seeds", "1", "--dim", "8",
                "--out", tuned.toString(), "--trials-out", dir.resolve("trials.csv").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("test part not read", "trial  status", "finalist ", "best config: ",
                "config written to " + tuned, "the starting config, measured as the finalists were: ");
        itemFeatures = dir.resolve("items.csv");
        writeItemFeatures(ratings, itemFeatures);
    }

    /** Every item of the ratings file with one of five made-up features, as a catalogue would describe it. */
    private static void writeItemFeatures(Path ratingsFile, Path out) {
        try (var lines = Files.lines(ratingsFile)) {
            StringBuilder csv = new StringBuilder("item,feature,weight\n");
            lines.map(l -> l.split("\t")[1]).distinct().sorted()
                    .forEach(id -> csv.append(id).append(",kind:").append(Integer.parseInt(id) % 5).append(",1\n"));
            Files.writeString(out, csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void newItemsAreHeldOutScoredAndBoundedWithoutReadingTheTestFile() throws Exception {
        Path missing = dir.resolve("no-such-test.tsv");
        Path trials = dir.resolve("cold-trials.csv");
        Path out = dir.resolve("cold.json");
        Cli.Result r = Cli.run("tune", "--ratings", ratings.toString(), "--test", missing.toString(),
                "--item-features", itemFeatures.toString(), "--cold-items", "0.2", "--objective", "ndcg@10",
                "--min", "cold_auc=0.01", "--budget", "30", "--trials", "3", "--max-epochs", "3", "--finalists", "1",
                "--confirm-seeds", "1", "--dim", "8", "--out", out.toString(), "--trials-out", trials.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(missing).doesNotExist();
        assertThat(r.out()).contains("test part not read", "features: items 5 features",
                "new items: 30 of the rated items held out (--cold-items 0.2, seed 7)",
                "feature popularity on them: cold_auc ", "cold_auc  cold_pn  cold_ndcg  cold_dis  config",
                "objective ndcg@10 with cold_auc >= 0.01", "best config: ");
        String validation = r.out().lines().filter(l -> l.startsWith("validation: ")).findFirst().orElseThrow();
        assertThat(validation).contains("ndcg@10 ", "; cold_auc ", "cold_ndcg@10 ", "cold_dislike@10 ");
        var rows = Files.readAllLines(trials);
        assertThat(rows.get(0)).contains(",dislike_weight,cold_auc,cold_pos_neg_auc,cold_ndcg@10,cold_dislike@10");
        assertThat(rows).hasSize(4);
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row.split(",", -1)).hasSize(27); // the default's channels have parameters of their own: 4 more
            assertThat(Double.parseDouble(row.split(",", -1)[19])).isBetween(0.0, 1.0); // cold_auc
        }
        assertThat(JSON.readTree(out.toFile()).get("dim").asInt()).isEqualTo(8);
    }

    @Test
    void theTestFileIsNeverReadNotEvenLookedFor() {
        Path missing = dir.resolve("no-such-test.tsv");
        assertThat(missing).doesNotExist();
        // train with the same flags needs it, and says so
        Cli.Result train = Cli.run("train", "--ratings", ratings.toString(), "--test", missing.toString(),
                "--epochs", "1", "--dim", "4");
        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.err()).contains("test file " + missing + " not found");
        // a folder where the test file should be cannot be read either; tune does not try
        Cli.Result folder = Cli.run("tune", "--ratings", ratings.toString(), "--test", dir.toString(), "--budget",
                "20", "--trials", "1", "--max-epochs", "1", "--finalists", "0", "--dim", "4");
        assertThat(folder.exitCode()).as(folder.toString()).isZero();
        assertThat(tuned).exists();
    }

    @Test
    void theTunedConfigRoundTripsThroughTrain() throws Exception {
        JsonNode file = JSON.readTree(tuned.toFile());
        assertThat(file.get("preset").asText()).isEqualTo("default");
        assertThat(file.get("dim").asInt()).isEqualTo(8); // fixed by the flag given to tune
        assertThat(file.get("epochs").asInt()).isBetween(1, 3);
        Path metrics = dir.resolve("m.json");
        Cli.Result r = Cli.run("train", "--ratings", ratings.toString(), "--config", tuned.toString(),
                "--eval-every", "0", "--metrics-out", metrics.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("config: " + tuned + " over preset default");
        assertThat(JSON.readTree(metrics.toFile()).get("config")).isEqualTo(file);

        // the metrics file itself is a config file too, through its "config" object
        Path again = dir.resolve("again.json");
        Cli.Result r2 = Cli.run("train", "--ratings", ratings.toString(), "--config", metrics.toString(),
                "--eval-every", "0", "--metrics-out", again.toString());
        assertThat(r2.exitCode()).as(r2.toString()).isZero();
        assertThat(JSON.readTree(again.toFile()).get("config")).isEqualTo(file);
    }

    @Test
    void flagsBesideTheConfigFileWinAndKeysLeftOutKeepThePresets() throws Exception {
        Path partial = dir.resolve("partial.json");
        Files.writeString(partial, "{\n  \"preset\": \"seed\",\n  \"dim\": 12,\n  \"epochs\": 2,\n"
                + "  \"dislike_weight\": 1.5\n}\n");
        Path metrics = dir.resolve("partial-m.json");
        Cli.Result r = Cli.run("train", "--ratings", ratings.toString(), "--config", partial.toString(),
                "--epochs", "1", "--dislike-weight", "0.5", "--eval-every", "0", "--metrics-out", metrics.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode c = JSON.readTree(metrics.toFile()).get("config");
        assertThat(c.get("preset").asText()).isEqualTo("seed");
        assertThat(c.get("dim").asInt()).isEqualTo(12);          // from the file
        assertThat(c.get("epochs").asInt()).isEqualTo(1);        // the flag wins over the file
        assertThat(c.get("dislike_weight").asDouble()).isEqualTo(0.5);
        assertThat(c.get("optimizer").asText()).isEqualTo("adam"); // the file's preset fills the rest
        assertThat(c.get("batch_size").asInt()).isEqualTo(64);
        // --preset given beside the file replaces the file's preset as the base
        Cli.Result p = Cli.run("train", "--ratings", ratings.toString(), "--config", partial.toString(),
                "--preset", "default", "--epochs", "1", "--eval-every", "0", "--metrics-out", metrics.toString());
        assertThat(p.exitCode()).as(p.toString()).isZero();
        assertThat(JSON.readTree(metrics.toFile()).get("config").get("optimizer").asText()).isEqualTo("adagrad");
    }

    @Test
    void everyKeyOfTheTrialsFileAndTheConfigIsKnownToTrain() throws Exception {
        assertThat(Files.readAllLines(dir.resolve("trials.csv")).get(0)).startsWith("trial,status,best_epoch");
        assertThat(Files.readAllLines(dir.resolve("trials.csv"))).hasSizeGreaterThanOrEqualTo(2);
        Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(tuned.toFile()).fields();
        int n = 0;
        while (fields.hasNext()) {
            fields.next();
            n++;
        }
        // the tune started from the default preset: its keys, and the preset's name
        assertThat(n).isEqualTo(org.tripletrec.train.Presets.defaults().toProperties().size() + 1);
    }

    @Test
    void badConfigFilesAndBadTuneFlagsAreOneLine() throws Exception {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\n  \"dim\": 12,\n  \"dimm\": 3\n}\n");
        expectUsage(Cli.run("train", "--ratings", ratings.toString(), "--config", typo.toString()),
                typo + ":3: unknown config key 'dimm'");
        Path type = dir.resolve("type.json");
        Files.writeString(type, "{\"dim\": \"big\"}");
        expectUsage(Cli.run("train", "--ratings", ratings.toString(), "--config", type.toString()),
                type + ":1: config key 'dim' must be a whole number, got 'big'");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n \"dim\": 12,\n");
        expectUsage(Cli.run("train", "--ratings", ratings.toString(), "--config", broken.toString()),
                broken + ":3: not valid JSON");
        expectUsage(Cli.run("train", "--ratings", ratings.toString(), "--config", dir.resolve("none.json").toString()),
                "config file " + dir.resolve("none.json") + " not found");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--objective", "ndcg@10 +"),
                "objective 'ndcg@10 +'");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--max", "dislikes@10=0.1"),
                "unknown metric 'dislikes@10'");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--validation", "ua"),
                "--validation must be holdout:FRACTION, holdout:N or last:N");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--search", "dim,depth"),
                "--search: unknown key 'depth'");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--budget", "0"),
                "--budget must be a positive number");
        expectUsage(Cli.run("train", "--ratings", ratings.toString(), "--dislike-weight", "-1"),
                "dislike weight must be 0 or more");
        String features = itemFeatures.toString();
        for (String share : new String[] {"0", "1", "1.5", "-0.2", "NaN"}) {
            expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--item-features", features, "--cold-items",
                    share), "--cold-items must be a share between 0 and 1 (exclusive), such as 0.2, got ");
        }
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--item-features", features, "--cold-items",
                "a fifth"), "--cold-items");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--cold-items", "0.2"),
                "--cold-items needs --item-features");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--item-features", features, "--min",
                "cold_ndcg@10=0.05"), "names a cold-start metric, which needs --cold-items F");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--objective", "cold_ndcg@10"),
                "names a cold-start metric, which needs --cold-items F");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--item-features", features, "--cold-items",
                "0.2", "--max", "cold_dislikes@10=0.1"), "unknown metric 'cold_dislikes@10'");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--item-features", features, "--cold-metrics"),
                "--cold-metrics is for train and evaluate; tune measures new items it holds out with --cold-items F");
        Path bad = dir.resolve("bad-items.csv");
        Files.writeString(bad, "item,feature,weight\n1,kind:1,1\n2\n");
        expectUsage(Cli.run("tune", "--ratings", ratings.toString(), "--item-features", bad.toString(),
                "--cold-items", "0.2"), bad + ":3: ");
    }

    private static void expectUsage(Cli.Result r, String message) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip()).contains(message).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void theChannelsOwnParametersAreFlagsConfigKeysAndSearchedWhenNamed() throws Exception {
        Path metrics = dir.resolve("channels-m.json");
        Cli.Result r = Cli.run("train", "--preset", "single", "--ratings", ratings.toString(), "--dim", "8", "--epochs",
                "1", "--exposure-weight", "0.5", "--dislike-weight", "1", "--channel-loss", "bpr", "--channel-lr", "0.08",
                "--channel-user-reg", "0.03", "--channel-item-reg", "0.02", "--eval-every", "0", "--metrics-out",
                metrics.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("+ 0.5*exposure + 1.0*preference channels (bpr, lr 0.08, L2 0.03/0.02)");
        JsonNode c = JSON.readTree(metrics.toFile()).get("config");
        assertThat(c.get("channel_loss").asText()).isEqualTo("bpr");
        assertThat(c.get("channel_learning_rate").asDouble()).isEqualTo(0.08, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(c.get("channel_item_reg").asDouble()).isEqualTo(0.02, org.assertj.core.data.Offset.offset(1e-6));

        Path out = dir.resolve("channels.json");
        Path trials = dir.resolve("channels.csv");
        Cli.Result t = Cli.run("tune", "--preset", "single", "--ratings", ratings.toString(), "--budget", "30",
                "--trials", "3",
                "--max-epochs", "2", "--finalists", "1", "--confirm-seeds", "1", "--dim", "8", "--exposure-weight",
                "0.5", "--dislike-weight", "1", "--search", "channel_loss,channel_learning_rate", "--out",
                out.toString(), "--trials-out", trials.toString());
        assertThat(t.exitCode()).as(t.toString()).isZero();
        assertThat(Files.readAllLines(trials).get(0))
                .endsWith(",channel_loss,channel_learning_rate,channel_user_reg,channel_item_reg");
        JsonNode tunedConfig = JSON.readTree(out.toFile());
        assertThat(tunedConfig.has("channel_loss")).isTrue();
        assertThat(tunedConfig.has("channel_learning_rate")).isTrue();
        assertThat(tunedConfig.has("channel_user_reg")).isFalse(); // not searched: the main model's
        assertThat(tunedConfig.get("learning_rate").asDouble()).isEqualTo(c.get("learning_rate").asDouble());
    }
}
