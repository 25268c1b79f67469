package org.tripletrec.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bad input of every kind: exit code 2, exactly one line on stderr, no stack trace, nothing written. */
class ErrorTest {

    @TempDir
    static Path dir;

    static Path goodRatings;
    static Path model;

    @BeforeAll
    static void trainSmallModel() throws IOException {
        goodRatings = SyntheticRatings.write(dir.resolve("good.tsv")).file;
        model = dir.resolve("model.bin");
        Cli.Result r = Cli.run("train", "--ratings", goodRatings.toString(), "--split", "holdout:0.2", "--epochs", "1",
                "--dim", "4", "--threads", "1", "--eval-every", "0", "--model-out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** Asserts a usage/data error: exit 2, one line starting "tripletrec: ", no frames. Returns the line. */
    static String usageError(Cli.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err.lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(err).startsWith("tripletrec: ").doesNotContain("at org.", "Exception");
        return err;
    }

    private static Cli.Result trainOn(Path ratings, String... more) {
        String[] base = {"train", "--ratings", ratings.toString(), "--split", "holdout:0.2", "--epochs", "1",
                "--dim", "4", "--model-out", dir.resolve("out-model.bin").toString(),
                "--metrics-out", dir.resolve("out-metrics.json").toString()};
        String[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private static void assertNothingWritten() {
        assertThat(dir.resolve("out-model.bin")).doesNotExist();
        assertThat(dir.resolve("out-metrics.json")).doesNotExist();
    }

    @Test
    void missingRatingsFile() {
        String line = usageError(trainOn(dir.resolve("nope.tsv")));
        assertThat(line).contains("nope.tsv").contains("not found");
        assertNothingWritten();
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "1\t101\t5\t1\n1\t102\tfive\t2\n2\t101\t4\t3\n");
        String line = usageError(trainOn(bad));
        assertThat(line).contains("bad.tsv:2:");
        assertNothingWritten();
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "");
        assertThat(usageError(trainOn(empty))).contains("empty.tsv");
        assertNothingWritten();
    }

    @Test
    void headerOnlyFile() throws IOException {
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "user,item,rating,time\n");
        assertThat(usageError(trainOn(header))).contains("header.csv");
        assertNothingWritten();
    }

    @Test
    void unknownPreset() {
        assertThat(usageError(trainOn(goodRatings, "--preset", "fastest"))).contains("fastest");
        assertNothingWritten();
    }

    @Test
    void badSamplerSpec() {
        assertThat(usageError(trainOn(goodRatings, "--sampler", "wrap:ten"))).contains("wrap");
        assertNothingWritten();
    }

    @Test
    void nonNumericLearningRate() {
        assertThat(usageError(trainOn(goodRatings, "--lr", "fast"))).contains("--lr").contains("fast");
        assertNothingWritten();
    }

    @Test
    void invalidConfigValue() {
        assertThat(usageError(trainOn(goodRatings, "--dim", "0"))).contains("dim");
        assertNothingWritten();
    }

    @Test
    void unknownAnchorOrder() {
        assertThat(usageError(trainOn(goodRatings, "--order", "sorted"))).contains("unknown anchor order 'sorted'")
                .contains("shuffled, by-user");
        assertNothingWritten();
    }

    @Test
    void badSplit() {
        assertThat(usageError(trainOn(goodRatings, "--split", "holdout:1.5"))).contains("holdout");
        assertNothingWritten();
    }

    @Test
    void divergedTrainingWritesNothing() {
        Cli.Result r = trainOn(goodRatings, "--optimizer", "sgd", "--lr", "1e30", "--loss", "bpr",
                "--sampler", "uniform", "--init-scale", "1", "--threads", "1");
        assertThat(usageError(r)).contains("diverged");
        assertNothingWritten();
    }

    @Test
    void unknownCommandAndOption() {
        usageError(Cli.run("frobnicate"));
        usageError(Cli.run("train", "--no-such-option"));
    }

    @Test
    void missingModelFile() {
        String line = usageError(Cli.run("recommend", "--model", dir.resolve("none.bin").toString(), "--user", "1",
                "--include-rated"));
        assertThat(line).contains("none.bin");
    }

    @Test
    void truncatedModelFile() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        String line = usageError(Cli.run("recommend", "--model", truncated.toString(), "--user", "1",
                "--include-rated"));
        assertThat(line).contains("truncated.bin");
    }

    @Test
    void corruptModelFile() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 40] ^= 0x5a; // inside the float tables: only the checksum notices
        Path corrupt = dir.resolve("corrupt.bin");
        Files.write(corrupt, bytes);
        assertThat(usageError(Cli.run("similar", "--model", corrupt.toString(), "--item", "101"))).contains("corrupt");
    }

    @Test
    void notAModelFile() throws IOException {
        Path text = dir.resolve("text.bin");
        Files.writeString(text, "hello", StandardCharsets.UTF_8);
        usageError(Cli.run("export", "--model", text.toString(), "--out", dir.resolve("export").toString()));
        assertThat(dir.resolve("export")).doesNotExist();
    }

    @Test
    void unknownUserAndItem() {
        assertThat(usageError(Cli.run("recommend", "--model", model.toString(), "--user", "nobody",
                "--ratings", goodRatings.toString(), "--split", "none"))).contains("nobody");
        assertThat(usageError(Cli.run("similar", "--model", model.toString(), "--item", "nothing")))
                .contains("nothing");
    }

    @Test
    void datasetAndRatingsTogether() {
        usageError(Cli.run("train", "--dataset", "ml-100k", "--ratings", goodRatings.toString()));
    }

    @Test
    void missingDataSetSaysHowToGetIt() {
        String line = usageError(Cli.run("train", "--dataset", "ml-latest-small", "--data-dir",
                dir.resolve("no-data").toString(), "--epochs", "1"));
        assertThat(line).contains("ml-latest-small").contains("download");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            Cli.Result r = Cli.run("train", "--ratings", dir.resolve("nope.tsv").toString(), "--debug");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("tripletrec: ").contains("at org.tripletrec");
        } finally {
            root.setLevel(before); // --debug changes the process-wide log level
        }
    }
}
