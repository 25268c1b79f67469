package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.SyntheticData;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Channels;
import org.tripletrec.train.Presets;

/**
 * A config with channels trains every channel with DSGD and writes the joined model, as core's ChannelTrainer
 * joins them: user rows [U_main | E U_exp | W U_pref], item rows side by side, bias b_main + E b_exp + W b_pref.
 */
class ChannelsDsgdTest {
    private static final float E = 0.5f, W = 2f;
    private static Path file;
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data(@TempDir Path dir) throws Exception {
        file = dir.resolve("ratings.tsv");
        SyntheticData.builder().users(300).items(200).interactions(6_000).seed(3).build().write(file);
        data = DatasetLoader.builder().ratingsFile(file).split("none").build().load();
    }

    private String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of("--ratings", file.toString(), "--split", "none", "--dim", "4",
                "--epochs", "2", "--blocks", "2", "--exposure-weight", Float.toString(E), "--dislike-weight",
                Float.toString(W), "--no-eval", "--model-out", tmp.resolve("m.trm").toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** Runs the job; its printed lines go to {@code printed}, and the run stops when {@code stop} holds for them. */
    private static SparkTrainJob.Result run(String[] args, StringBuilder printed, Predicate<String> stop)
            throws Exception {
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                printed.append((char) b);
                if (b == '\n' && stop.test(printed.toString())) {
                    throw new Stop();
                }
            }
        };
        return SparkTrainJob.run(SparkTestData.spark(), TrainOptions.parse(args), new PrintStream(sink, true,
                StandardCharsets.UTF_8));
    }

    /** Stops a run, as a killed driver would. */
    private static final class Stop extends RuntimeException {}

    private static EmbeddingModel channelModel(SparkTrainJob.Result r, Channels plan, int c) {
        return ModelOutputs.model(r.channels().get(c), data.users(), data.items(), plan.get(c).config(), "", null);
    }

    @Test
    void everyChannelIsTrainedAndJoinedWithItsWeight() throws Exception {
        StringBuilder printed = new StringBuilder();
        SparkTrainJob.Result r = run(args(), printed, s -> false);
        EmbeddingModel joined = r.model();
        Channels plan = Channels.of(joined.info().config());
        assertThat(plan.size()).isEqualTo(3);
        assertThat(joined.dim()).isEqualTo(12);
        assertThat(joined.info().config().exposureWeight()).isEqualTo(E);
        assertThat(joined.info().config().dislikeWeight()).isEqualTo(W);
        assertThat(r.channels()).hasSize(3);
        EmbeddingModel main = channelModel(r, plan, 0), exposure = channelModel(r, plan, 1),
                preference = channelModel(r, plan, 2);
        for (EmbeddingModel m : List.of(main, exposure, preference)) {
            assertThat(m.dim()).isEqualTo(4);
        }
        // three different models: each channel has its own seed and sampler
        assertThat(exposure.userFactors()).isNotEqualTo(main.userFactors());
        assertThat(preference.userFactors()).isNotEqualTo(main.userFactors());

        for (int u = 0; u < data.numUsers(); u++) {
            float[] row = joined.userVector(u);
            for (int j = 0; j < 4; j++) {
                assertThat(row[j]).isEqualTo(main.userVector(u)[j]);
                assertThat(row[4 + j]).isEqualTo(E * exposure.userVector(u)[j]);
                assertThat(row[8 + j]).isEqualTo(W * preference.userVector(u)[j]);
            }
        }
        for (int i = 0; i < data.numItems(); i++) {
            float[] row = joined.itemVector(i);
            for (int j = 0; j < 4; j++) {
                assertThat(row[j]).isEqualTo(main.itemVector(i)[j]);
                assertThat(row[4 + j]).isEqualTo(exposure.itemVector(i)[j]);
                assertThat(row[8 + j]).isEqualTo(preference.itemVector(i)[j]);
            }
            assertThat(joined.bias(i)).isEqualTo(main.bias(i) + E * exposure.bias(i) + W * preference.bias(i));
        }
        // the joined score is the weighted sum of the channels' scores
        for (int u = 0; u < data.numUsers(); u += 7) {
            for (int i = 0; i < data.numItems(); i += 5) {
                double expected = score(main, u, i) + E * score(exposure, u, i) + W * score(preference, u, i);
                assertThat((double) score(joined, u, i)).isCloseTo(expected, Offset.offset(1e-5 * (1 + Math.abs(expected))));
            }
        }

        // the exposure channel's anchors are every rating, the main channel's the likes only
        long ratings = data.train().size();
        long likes = data.trainInteractions(Presets.single().policy()).anchorCount();
        assertThat(likes).isLessThan(ratings);
        assertThat(epoch(r, "exposure", 1).triplets()).isGreaterThan(likes).isLessThanOrEqualTo(ratings);
        assertThat(epoch(r, "main", 1).triplets()).isLessThanOrEqualTo(likes);
        assertThat(r.epochs()).extracting(SparkTrainJob.Epoch::channel)
                .containsExactly("main", "main", "exposure", "exposure", "preference", "preference");

        String out = printed.toString();
        assertThat(out).doesNotContain("main model only").doesNotContain("left out")
                .contains("channel exposure (2 of 3): sampler popularity, every rating a positive")
                .contains("channel preference (3 of 3): sampler explicit");
        // the model file is the joined model
        EmbeddingModel loaded = org.tripletrec.io.ModelFormat.load(tmp.resolve("m.trm"));
        assertThat(loaded.dim()).isEqualTo(12);
        assertThat(loaded.userFactors()).containsExactly(joined.userFactors());
        assertThat(loaded.itemBias()).containsExactly(joined.itemBias());
    }

    private static float score(EmbeddingModel m, int u, int i) {
        float[] a = m.userVector(u), b = m.itemVector(i);
        float s = m.bias(i);
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static SparkTrainJob.Epoch epoch(SparkTrainJob.Result r, String channel, int epoch) {
        return r.epochs().stream().filter(e -> e.channel().equals(channel) && e.epoch() == epoch).findFirst()
                .orElseThrow();
    }

    /**
     * A run stopped inside the exposure channel and resumed trains only what was not done (the main channel is
     * read back, the exposure channel continues from its last sub-epoch) and ends at the undisturbed model, bit
     * for bit; the finished run leaves no checkpoints.
     */
    @Test
    void aRunStoppedInsideAChannelResumesToTheUndisturbedModel() throws Exception {
        EmbeddingModel undisturbed = run(args(), new StringBuilder(), s -> false).model();
        Path ckpt = tmp.resolve("ckpt");
        String[] withCheckpoints = args("--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "1");
        // stopped once the exposure channel has finished its first epoch (its sub-epoch 2 is checkpointed)
        assertThatThrownBy(() -> run(withCheckpoints, new StringBuilder(),
                s -> s.contains("channel exposure") && s.substring(s.indexOf("channel exposure")).contains("epoch 1/2")))
                .isInstanceOf(Stop.class);
        assertThat(ckpt.resolve("step-00000004/COMPLETE")).exists(); // the main channel, done
        assertThat(ckpt.resolve("exposure/step-00000002/COMPLETE")).exists();
        assertThat(ckpt.resolve("preference")).doesNotExist();

        StringBuilder printed = new StringBuilder();
        SparkTrainJob.Result resumed = run(args("--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "1",
                "--resume"), printed, s -> false);
        assertThat(printed.toString()).contains("main: resuming after sub-epoch 4")
                .contains("exposure: resuming after sub-epoch 2");
        // only what was not done was trained: the exposure channel's second epoch and the preference channel
        assertThat(resumed.epochs()).extracting(e -> e.channel() + " " + e.epoch())
                .containsExactly("exposure 2", "preference 1", "preference 2");
        assertThat(resumed.model().userFactors()).containsExactly(undisturbed.userFactors());
        assertThat(resumed.model().itemFactors()).containsExactly(undisturbed.itemFactors());
        assertThat(resumed.model().itemBias()).containsExactly(undisturbed.itemBias());
        try (var files = Files.list(ckpt)) {
            assertThat(files).isEmpty();
        }
    }

    /** Checkpoints of the same data and options with other channel weights belong to another run. */
    @Test
    void checkpointsOfOtherChannelWeightsAreRefused() throws Exception {
        Path ckpt = tmp.resolve("ckpt");
        assertThatThrownBy(() -> run(args("--checkpoint-dir", ckpt.toString()), new StringBuilder(),
                s -> s.contains("epoch 1/2"))).isInstanceOf(Stop.class);
        List<String> other = new ArrayList<>(List.of(args("--checkpoint-dir", ckpt.toString(), "--resume")));
        other.set(other.indexOf("--dislike-weight") + 1, "1");
        assertThatThrownBy(() -> run(other.toArray(new String[0]), new StringBuilder(), s -> false))
                .hasMessageContaining("belongs to another run")
                .hasMessageContaining("config.dislike_weight 1.0 here, 2.0 in the checkpoints");
    }
}
