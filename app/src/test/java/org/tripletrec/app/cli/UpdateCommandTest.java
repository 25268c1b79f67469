package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.SyntheticRatings;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Updater;

class UpdateCommandTest {
    @TempDir
    Path dir;
    Path base, increment, test, model;

    /** Users 1..50 and items 101..135 are the base; users 51..60 and items 136..140 arrive in the increment. */
    @BeforeEach
    void data() throws IOException {
        SyntheticRatings all = SyntheticRatings.write(dir.resolve("all.tsv"));
        List<String> lines = Files.readAllLines(all.file);
        base = dir.resolve("base.tsv");
        increment = dir.resolve("inc.tsv");
        test = dir.resolve("test.tsv");
        Files.write(base, lines.stream().filter(l -> user(l) <= 50 && item(l) <= 135).collect(Collectors.toList()));
        Files.write(increment, lines.stream().filter(l -> (user(l) > 50 || item(l) > 135) && user(l) % 5 != 0)
                .collect(Collectors.toList()));
        Files.write(test, lines.stream().filter(l -> (user(l) > 50 || item(l) > 135) && user(l) % 5 == 0)
                .collect(Collectors.toList()));
        model = dir.resolve("m.trm");
        Cli.Result r = Cli.run("train", "--preset", "single", "--ratings", base.toString(), "--split", "none", "--dim", "8", "--epochs", "10",
                "--model-out", model.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private static int user(String line) {
        return Integer.parseInt(line.split("\t")[0]);
    }

    private static int item(String line) {
        return Integer.parseInt(line.split("\t")[1]);
    }

    @Test
    void newUsersAndItemsJoinAndTheirTastesAreLearnt() throws IOException {
        byte[] before = Files.readAllBytes(model);
        Path out = dir.resolve("m2.trm");
        Path metrics = dir.resolve("u.json");
        Cli.Result r = Cli.run("update", "--model", model.toString(), "--ratings", increment.toString(), "--test",
                test.toString(), "--model-out", out.toString(), "--metrics-out", metrics.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("new users", "the optimiser resumed from the model's state", "model saved to");
        assertThat(Files.readAllBytes(model)).as("the old model is left as it was").isEqualTo(before);
        EmbeddingModel old = ModelFormat.load(model), m = ModelFormat.load(out);
        assertThat(m.numUsers()).isEqualTo(60);
        assertThat(m.numItems()).isEqualTo(40);
        assertThat(m.dim()).isEqualTo(8);
        assertThat(m.info().config().dim()).as("training flags default to the model's").isEqualTo(8);
        assertThat(m.info().config().epochs()).as("but an update's epochs").isEqualTo(Updater.DEFAULT_EPOCHS);
        assertThat(m.info().config().learningRate()).as("and Adagrad's learning rate, doubled")
                .isEqualTo(2 * old.info().config().learningRate());
        assertThat(m.rated().total()).isEqualTo(old.rated().total() + (int) Files.lines(increment).count());
        // Adagrad resumed: the accumulators of the old rows kept growing from where they were
        float[] was = old.optimizerState().items()[0], now = m.optimizerState().items()[0];
        double grew = 0;
        for (int k = 0; k < was.length; k++) {
            assertThat(now[k]).isGreaterThanOrEqualTo(was[k]);
            grew += now[k] - was[k];
        }
        assertThat(grew).isPositive();
        // a new user (group = parity) scores the items of its own group above the others, new items included
        int right = 0, total = 0;
        for (int u = 51; u <= 60; u++) {
            int ui = m.users().indexOf(Integer.toString(u));
            for (int a = 101; a <= 140; a++) {
                for (int b = 101; b <= 140; b++) {
                    if (a % 2 == u % 2 && b % 2 != u % 2) {
                        total++;
                        if (m.score(ui, m.items().indexOf(Integer.toString(a)))
                                > m.score(ui, m.items().indexOf(Integer.toString(b)))) {
                            right++;
                        }
                    }
                }
            }
        }
        assertThat(right / (double) total).isGreaterThan(0.9);
        // the metrics file has train's shape
        Map<String, Object> json = new ObjectMapper().readValue(metrics.toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        assertThat(json.keySet()).contains("epochs", "final", "baselines", "config", "data");
        assertThat(((Map<?, ?>) json.get("final")).get("full_auc")).isInstanceOf(Double.class);
        assertThat(((List<?>) json.get("epochs"))).hasSize(Updater.DEFAULT_EPOCHS);
    }

    @Test
    void evaluateWithFoldInScoresTheUsersAndItemsTheModelDoesNotKnow() throws IOException {
        // train: everything but the last 6 ratings of each new user (51..60), which are the test
        List<String> lines = Files.readAllLines(dir.resolve("all.tsv"));
        List<String> train = new java.util.ArrayList<>(), heldOut = new java.util.ArrayList<>();
        Map<Integer, Long> left = lines.stream().collect(Collectors.groupingBy(UpdateCommandTest::user,
                Collectors.counting()));
        for (String l : lines) {
            int u = user(l);
            boolean last = u > 50 && left.merge(u, -1L, Long::sum) < 6;
            (last ? heldOut : train).add(l);
        }
        Path trainFile = dir.resolve("train.tsv"), testFile = dir.resolve("held.tsv");
        Files.write(trainFile, train);
        Files.write(testFile, heldOut);
        // without a fold-in the model scores none of the test's users
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--ratings", trainFile.toString(), "--test",
                testFile.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).contains("not in the model: 10 users and 5 items");
        assertThat(r.err()).contains("nothing to evaluate");
        Path metrics = dir.resolve("a.json");
        r = Cli.run("evaluate", "--model", model.toString(), "--ratings", trainFile.toString(), "--test",
                testFile.toString(), "--fold-in", "--metrics-out", metrics.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("folded in: 10 users the model did not know", "5 items it did not know ranked"
                + " at zero").doesNotContain("not in the model");
        Map<?, ?> json = new ObjectMapper().readValue(metrics.toFile(), Map.class);
        assertThat(((Map<?, ?>) json.get("data")).get("unknown_users")).isEqualTo(0);
        assertThat(((Map<?, ?>) json.get("data")).get("fold_in")).isEqualTo(true);
        // the folded-in users rank their own group's items above the other group's
        Map<?, ?> scores = (Map<?, ?>) json.get("final");
        assertThat(((Number) scores.get("pos_neg_auc")).doubleValue()).isGreaterThan(0.9);
    }

    @Test
    void aConfigFileReplacesTheModelsKeysButNotAnUpdatesEpochsAndRate() throws IOException {
        Path config = dir.resolve("tuned.json");
        Files.writeString(config, "{\"user_reg\": 0.02, \"epochs\": 30, \"learning_rate\": 0.1}");
        Path out = dir.resolve("c.trm");
        Cli.Result r = Cli.run("update", "--model", model.toString(), "--ratings", increment.toString(), "--config",
                config.toString(), "--model-out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("preset model's + " + config);
        var c = ModelFormat.load(out).info().config();
        assertThat(c.dim()).as("the model's own, absent from the file").isEqualTo(8);
        assertThat(c.userReg()).as("the file's").isEqualTo(0.02f);
        assertThat(c.epochs()).as("an update's, not the file's").isEqualTo(Updater.DEFAULT_EPOCHS);
        assertThat(c.learningRate()).as("Adagrad's rate doubled, from the file's").isEqualTo(0.2f);

        r = Cli.run("update", "--model", model.toString(), "--ratings", increment.toString(), "--config",
                config.toString(), "--epochs", "3", "--lr", "0.05", "--model-out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        c = ModelFormat.load(out).info().config();
        assertThat(c.epochs()).as("flags set them").isEqualTo(3);
        assertThat(c.learningRate()).isEqualTo(0.05f);
        assertThat(c.userReg()).isEqualTo(0.02f);

        r = Cli.run("update", "--model", model.toString(), "--ratings", increment.toString(), "--preset", "single",
                "--model-out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("preset single;");
        c = ModelFormat.load(out).info().config();
        assertThat(c.dim()).as("the model's dimension: only --dim says otherwise").isEqualTo(8);
        assertThat(c.epochs()).isEqualTo(Updater.DEFAULT_EPOCHS);
    }

    @Test
    void aModelWithoutOptimiserStateStartsTheOptimiserAfreshAndSaysSo() {
        Path noState = dir.resolve("n.trm");
        assertThat(Cli.run("train", "--preset", "single", "--ratings", base.toString(), "--split", "none", "--dim", "8", "--epochs", "2",
                "--no-optimizer-state", "--model-out", noState.toString()).exitCode()).isZero();
        Cli.Result r = Cli.run("update", "--model", noState.toString(), "--ratings", increment.toString(),
                "--model-out", dir.resolve("o.trm").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the optimiser started afresh");
    }

    @Test
    void badInputIsOneLineExitTwoAndNoOutput() throws IOException {
        Path out = dir.resolve("never.trm");
        byte[] before = Files.readAllBytes(model);

        Path bad = dir.resolve("bad.tsv");
        Files.write(bad, List.of("51\t101\t5\t1", "52\t102\tfive\t2"));
        assertRefused(r("update", "--model", model.toString(), "--ratings", bad.toString(), "--model-out",
                out.toString()), bad + ":2: rating 'five' is not a finite number", out);

        Path truncated = dir.resolve("t.trm");
        Files.write(truncated, java.util.Arrays.copyOf(before, before.length / 2));
        assertRefused(r("update", "--model", truncated.toString(), "--ratings", increment.toString(), "--model-out",
                out.toString()), "the model file is truncated", out);

        assertRefused(r("update", "--model", model.toString(), "--ratings", increment.toString(), "--dim", "16",
                "--model-out", out.toString()), "--dim 16 differs from the model's dimension 8", out);

        Path features = dir.resolve("f.csv");
        Files.write(features, List.of("136,genre:x,1"));
        assertRefused(r("update", "--model", model.toString(), "--ratings", increment.toString(), "--item-features",
                features.toString(), "--model-out", out.toString()), "trained without item features", out);

        Files.write(features, List.of("136,genre:x,1", "137"));
        assertRefused(r("update", "--model", model.toString(), "--ratings", increment.toString(), "--item-features",
                features.toString(), "--model-out", out.toString()), features + ":2: expected id,feature[,weight]", out);

        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    private static Cli.Result r(String... args) {
        return Cli.run(args);
    }

    private void assertRefused(Cli.Result r, String message, Path out) throws IOException {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.err().strip().lines().count()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("never.trm"));
        }
    }
}
