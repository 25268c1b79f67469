package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input and bad flags end in one clear line and the exit codes of the tripletrec command (2 for what the user
 * can fix), never a wall of stack traces; the flags are the tripletrec command's.
 */
class ErrorsTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        SparkTestData.spark(); // the command reuses the running session
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Run r, int code, String... contains) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("tripletrec: ").doesNotContain("\tat ");
        for (String c : contains) {
            assertThat(r.err()).contains(c);
        }
    }

    @Test
    void aMissingInputPathIsOneLine() {
        Run r = run("train", "--ratings", tmp.resolve("nope.csv").toString(), "--model-out", tmp.resolve("m").toString());
        assertOneLine(r, 2, "nope.csv", "not found");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void aMalformedLineIsNamedByFileAndLineWithCoresMessage() throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "1,10,5,100\n1,11,4,101\n\n2,10,five,102\n2,12,1,103\n");
        Run r = run("train", "--ratings", f.toString(), "--split", "none", "--epochs", "1", "--blocks", "2",
                "--model-out", tmp.resolve("m").toString());
        assertOneLine(r, 2, f + ":4: rating 'five' is not a finite number");
        assertThat(tmp.resolve("m")).doesNotExist();

        Run skipped = run("train", "--ratings", f.toString(), "--split", "none", "--epochs", "1", "--blocks", "2",
                "--skip-bad-lines", "--model-out", tmp.resolve("m").toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(skipped.out()).contains("1 bad lines skipped");
        assertThat(tmp.resolve("m")).exists();
    }

    @Test
    void theLineNumberCountsTheLinesOfEarlierSplits() throws Exception {
        Path f = tmp.resolve("long.tsv");
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= 30_000; k++) {
            sb.append(k % 97).append('\t').append(k % 89).append('\t').append(k == 29_001 ? "x" : "3").append('\n');
        }
        Files.writeString(f, sb);
        // small splits: the bad line is far from the start of the file
        Run r = run("train", "--ratings", f.toString(), "--split", "none", "--epochs", "1",
                "--model-out", tmp.resolve("m").toString());
        assertOneLine(r, 2, f + ":29001: rating 'x' is not a finite number");
    }

    @Test
    void commandLineMistakesExitWithTwo() {
        assertOneLine(run("train", "--dataset", "ml-100k"), 2, "--model-out");
        assertOneLine(run("train", "--ratings", "x", "--model-out", "m", "--blocks", "0"), 2, "--blocks");
        assertOneLine(run("train", "--ratings", "x", "--model-out", "m", "--sampler", "bogus"), 2,
                "unknown sampler 'bogus'");
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--sampler", "seed-literal"), 2,
                "cannot be split into blocks");
        // the core command's flags, not look-alikes
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--like", "5"), 2, "--like");
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--item-bias", "false"), 2, "false");
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--threads", "2"), 2,
                "--threads 2", "one thread");
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--resume"), 2, "--checkpoint-dir");
        assertOneLine(run("train", "--ratings", "x.csv", "--split", "ua", "--model-out", "m"), 2, "ml-100k");
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--spark-log", "chatty"), 2,
                "--spark-log chatty");
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void theCoreCommandsTrainingFlagsAreAccepted() {
        TrainOptions o = TrainOptions.parse("--dataset", "ml-100k", "--model-out", "m", "--positive-threshold", "4",
                "--negative-threshold", "1", "--order", "by-user", "--no-item-bias", "--threads", "1");
        assertThat(o.config().positiveThreshold()).isEqualTo(4f);
        assertThat(o.config().negativeThreshold()).isEqualTo(1f);
        assertThat(o.config().order().label()).isEqualTo("by-user");
        assertThat(o.config().itemBias()).isFalse();
    }

    /** A config file, as 'tune --out' writes it, is read as 'tripletrec train' reads it: flags beside it win. */
    @Test
    void aConfigFileIsReadAsTheCoreCommandReadsIt() throws Exception {
        Path config = tmp.resolve("tuned.json");
        Files.writeString(config, "{\"preset\": \"default\", \"dim\": 24, \"epochs\": 3, \"learning_rate\": 0.05}");
        TrainOptions o = TrainOptions.parse("--dataset", "ml-100k", "--model-out", "m", "--config", config.toString(),
                "--epochs", "5");
        assertThat(o.config().dim()).isEqualTo(24);
        assertThat(o.config().learningRate()).isEqualTo(0.05f);
        assertThat(o.config().epochs()).isEqualTo(5);
        Files.writeString(config, "{\"dimm\": 24}");
        assertOneLine(run("train", "--dataset", "ml-100k", "--model-out", "m", "--config", config.toString()), 2,
                "dimm");
    }

    /** A config's channels are kept: the job trains each of them (ChannelsDsgdTest), none is dropped. */
    @Test
    void aConfigsChannelsAreKept() {
        TrainOptions o = TrainOptions.parse("--dataset", "ml-100k", "--model-out", "m", "--preset", "cautious");
        assertThat(o.config()).isEqualTo(org.tripletrec.train.Presets.cautious());
        assertThat(TrainOptions.parse("--dataset", "ml-100k", "--model-out", "m", "--dislike-weight", "2").config()
                .dislikeWeight()).isEqualTo(2f);
    }
}
