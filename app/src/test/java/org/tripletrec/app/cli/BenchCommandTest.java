package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;

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
        Path json = dir.resolve("bench.json");
        Cli.Result r = Cli.run("bench", "--ratings", ratings.toString(), "--preset", "seed", "--optimizer",
                "lazy-adam", "--dim", "16", "--epochs", "3", "--threads", "2", "--json", json.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("load_seconds ", "warmup_seconds ", "epoch_seconds [", "triplets_per_second ",
                "eval_seconds ", "peak_heap_bytes ");
        JsonNode d = new ObjectMapper().readTree(json.toFile());
        assertThat(d.get("epoch_seconds")).hasSize(3);
        assertThat(d.get("load_seconds").asDouble()).isPositive();
        assertThat(d.get("warmup_epochs").asInt()).isPositive();
        assertThat(d.get("triplets_per_second").asDouble()).isPositive();
        assertThat(d.get("peak_heap_bytes").asLong()).isPositive();
        assertThat(d.get("full_auc").asDouble()).isBetween(0.0, 1.0);
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
