package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.SyntheticData;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

/**
 * Checkpoints: a run stopped after any sub-epoch and resumed from its last checkpoint ends at the model of an
 * undisturbed run, bit for bit; another run's checkpoints are refused with the difference named.
 */
class CheckpointsTest {
    private static final int BLOCKS = 2;
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ratings.tsv");
        SyntheticData.builder().users(300).items(200).interactions(6_000).seed(3).build().write(file);
        data = DatasetLoader.builder().ratingsFile(file).split("none").build().load();
    }

    /** A plain config: one DsgdTrainer trains one channel's tables (the job's channels are ChannelsDsgdTest's). */
    private static TrainerConfig config(int epochs) {
        return Presets.single().toBuilder().dim(8).epochs(epochs).exposureWeight(0).dislikeWeight(0).build();
    }

    /** Stops the run after a given number of sub-epochs, as a killed driver would. */
    private static final class Stop extends RuntimeException {}

    private static EmbeddingModel fit(TrainerConfig config, String dir, boolean resume, int stopAfter) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestData.spark().sparkContext());
        DsgdTrainer trainer = new DsgdTrainer(config, BLOCKS);
        Blocking ub = trainer.userBlocking(data.numUsers()), ib = trainer.itemBlocking(data.numItems());
        JavaRDD<BlockRow> blocks = trainer.block(sc, SparkInput.rows(sc, data.train(), BLOCKS), ub, ib, SplitRule.none());
        Checkpoints checkpoints = dir == null ? null : Checkpoints.open(sc, dir, 1, BLOCKS,
                Map.of("config.dim", Integer.toString(config.dim()), "data", "synthetic"), resume);
        int[] subEpochs = {0};
        DsgdTrainer.Tables t = trainer.fit(sc, blocks, ub, ib, checkpoints, new DsgdTrainer.Listener() {
            @Override
            public void onSubEpoch(int epoch, int shift, DsgdTrainer.Stats stats, double seconds) {
                if (++subEpochs[0] == stopAfter) {
                    throw new Stop();
                }
            }
        });
        EmbeddingModel m = ModelOutputs.model(t, data.users(), data.items(), config, "",
                ModelOutputs.rated(blocks, ub, ib, data.numUsers()));
        blocks.unpersist(false);
        return m;
    }

    @Test
    void aStoppedRunResumedFromItsCheckpointsEndsAtTheUndisturbedModel() {
        EmbeddingModel undisturbed = fit(config(3), null, false, 0);
        String dir = tmp.resolve("ckpt").toString();
        assertThatThrownBy(() -> fit(config(3), dir, false, 3)).isInstanceOf(Stop.class);
        assertThat(tmp.resolve("ckpt/step-00000003/COMPLETE")).exists(); // the stopped run's last checkpoint
        EmbeddingModel resumed = fit(config(3), dir, true, 0);
        assertThat(resumed.userFactors()).containsExactly(undisturbed.userFactors());
        assertThat(resumed.itemFactors()).containsExactly(undisturbed.itemFactors());
        assertThat(resumed.itemBias()).containsExactly(undisturbed.itemBias());
        assertThat(tmp.resolve("ckpt/step-00000003")).doesNotExist(); // only the latest is kept
        assertThat(tmp.resolve("ckpt/step-00000006/COMPLETE")).exists();
    }

    @Test
    void anotherRunsCheckpointsAreOneClearError() throws Exception {
        String dir = tmp.resolve("ckpt").toString();
        assertThatThrownBy(() -> fit(config(2), dir, false, 1)).isInstanceOf(Stop.class);
        TrainerConfig other = config(2).toBuilder().dim(16).build();
        assertThatThrownBy(() -> fit(other, dir, true, 0)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("belongs to another run").hasMessageContaining("config.dim 16 here, 8 in the checkpoints");
        assertThatThrownBy(() -> fit(config(2), dir, false, 0)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("add --resume");
    }

    @Test
    void aFinishedRunLeavesNoCheckpointsAndTheCommandRefusesAnotherRunsDirectory() throws Exception {
        Path file = tmp.resolve("r.tsv");
        SyntheticData.builder().users(100).items(80).interactions(1_500).seed(4).build().write(file);
        Path ckpt = tmp.resolve("c");
        ErrorsTest.Run ok = ErrorsTest.run("train", "--ratings", file.toString(), "--epochs", "2", "--blocks", "2",
                "--dim", "8", "--checkpoint-dir", ckpt.toString(), "--model-out", tmp.resolve("m.trm").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("checkpoints every 2 sub-epochs").containsPattern("epoch 2/2 .* checkpoint ");
        try (var files = Files.list(ckpt)) {
            assertThat(files).isEmpty();
        }
        // a directory with another run's checkpoints: exit 2, one line
        Files.createDirectories(ckpt);
        Files.writeString(ckpt.resolve("run.properties"), "config.dim=32\n");
        ErrorsTest.Run other = ErrorsTest.run("train", "--ratings", file.toString(), "--epochs", "2", "--blocks", "2",
                "--dim", "8", "--checkpoint-dir", ckpt.toString(), "--resume", "--model-out", tmp.resolve("n.trm").toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err().strip()).startsWith("tripletrec: checkpoint directory").contains("belongs to another run")
                .doesNotContain("\n");
        assertThat(tmp.resolve("n.trm")).doesNotExist();
    }
}
