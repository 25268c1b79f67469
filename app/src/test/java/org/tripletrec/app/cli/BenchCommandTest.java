package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.SyntheticRatings;

/** {@code generate} then {@code bench} on what it wrote: the figures bench promises, in its output and its JSON. */
class BenchCommandTest {
    @TempDir
    static Path dir;
    static Path ratings;

    @BeforeAll
    static void generate() {
        Cli.Result r = Cli.run("generate", "--users", "300", "--items", "200", "--interactions", "6000", "--seed", "3",
                "--out", dir.resolve("syn").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        ratings = dir.resolve("syn").resolve("ratings.tsv");
        assertThat(ratings).exists();
    }

    @Test
    void generateWritesTheRequestedNumberOfRatings() throws Exception {
        assertThat(Files.readAllLines(ratings)).hasSize(6000);
    }

    @Test
    void benchReportsEveryFigureAndWritesThemAsJson() throws Exception {
        // two planted taste groups (each user rates its own group 4-5, the other 1-2): easy to learn
        Path planted = SyntheticRatings.write(dir.resolve("planted.tsv")).file;
        Path json = dir.resolve("bench.json");
        Cli.Result r = Cli.run("bench", "--ratings", planted.toString(), "--dim", "16", "--epochs", "10",
                "--threads", "2", "--json", json.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("load_seconds ", "warmup_seconds ", "epoch_seconds [", "triplets_per_second ",
                "peak_heap_bytes ");
        JsonNode d = new ObjectMapper().readTree(json.toFile());
        assertThat(d.get("epoch_seconds")).hasSize(10);
        assertThat(d.get("load_seconds").asDouble()).isPositive();
        assertThat(d.get("warmup_epochs").asInt()).isPositive();
        assertThat(d.get("triplets_per_second").asDouble()).isPositive();
        assertThat(d.get("peak_heap_bytes").asLong()).isPositive();
        assertThat(d.get("full_auc").isNumber()).as("full_auc is null when evaluation was skipped").isTrue();
        double auc = d.get("full_auc").asDouble();
        // random ranking scores 0.5 on both AUCs; a trained model separates the groups: every test like above
        // every test dislike, while full_auc also weighs the user's own-group items rated in training
        assertThat(auc).isGreaterThan(0.7);
        assertThat(d.get("metrics").get("pos_neg_auc").asDouble()).isGreaterThan(0.95);
        assertThat(d.get("metrics").get("full_auc").asDouble()).isEqualTo(auc);
        assertThat(d.get("eval_seconds").asDouble()).isPositive();
        // the printed line carries the same figures as the JSON
        Matcher line = Pattern.compile("eval_seconds (\\d+\\.\\d{3}) \\((\\d+) users, full_auc (0\\.\\d{4})\\)")
                .matcher(r.out());
        assertThat(line.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(line.group(1))).isCloseTo(d.get("eval_seconds").asDouble(), within(0.0005));
        assertThat(Integer.parseInt(line.group(2))).isEqualTo(d.get("metrics").get("users").asInt()).isPositive();
        assertThat(Double.parseDouble(line.group(3))).isCloseTo(auc, within(0.00005));
    }

    @Test
    void noWarmupSkipsIt() throws Exception {
        Path json = dir.resolve("cold.json");
        Cli.Result r = Cli.run("bench", "--ratings", ratings.toString(), "--dim", "8", "--epochs", "1",
                "--no-warmup", "--no-eval", "--json", json.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0 epochs of a throw-away model, off");
        JsonNode d = new ObjectMapper().readTree(json.toFile());
        assertThat(d.get("warmup_epochs").asInt()).isZero();
        assertThat(d.get("eval_seconds").isNull()).isTrue();
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Cli.Result zero = Cli.run("bench", "--ratings", ratings.toString(), "--epochs", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err().strip()).contains("at least one epoch").doesNotContain("\n").doesNotContain("Exception");
        Cli.Result onFile = Cli.run("generate", "--users", "3", "--items", "3", "--interactions", "5", "--out",
                ratings.toString());
        assertThat(onFile.exitCode()).isEqualTo(2);
        assertThat(onFile.err().strip()).contains("is a file").doesNotContain("\n");
    }
}
