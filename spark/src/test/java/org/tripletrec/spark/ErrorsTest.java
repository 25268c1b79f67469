package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends in one clear line and a non-zero exit code, never a wall of stack traces. */
class ErrorsTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        SparkTestData.spark(); // the CLI reuses the running session
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = SparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingInputPathIsOneLine() {
        Run r = run("train", "--ratings", tmp.resolve("nope.csv").toString(), "--model-out", tmp.resolve("m").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("nope.csv").contains("not found");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void malformedRowsNameTheRowAndTheProblem() throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "1,10,5,100\n1,11,4,101\n2,10,five,102\n2,12,1,103\n");
        Run r = run("train", "--ratings", f.toString(), "--epochs", "1", "--blocks", "2",
                "--model-out", tmp.resolve("m").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv").contains("2,10,five,102").contains("rating 'five' is not a number");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("\tat ");

        Run skipped = run("train", "--ratings", f.toString(), "--epochs", "1", "--blocks", "2", "--skip-bad-lines",
                "--model-out", tmp.resolve("m").toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(tmp.resolve("m")).exists();
    }

    @Test
    void commandLineMistakesExitWithTwo() {
        assertThat(run("train", "--dataset", "ml-100k").err()).contains("--model-out");
        assertThat(run("train", "--ratings", "x", "--model-out", "m", "--blocks", "0").code()).isEqualTo(2);
        Run sampler = run("train", "--ratings", "x", "--model-out", "m", "--sampler", "bogus");
        assertThat(sampler.code()).isEqualTo(2);
        assertThat(sampler.err()).contains("unknown sampler 'bogus'");
        assertThat(run("train", "--dataset", "ml-100k", "--model-out", "m", "--sampler", "seed-literal").err())
                .contains("cannot be split into blocks");
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }
}
