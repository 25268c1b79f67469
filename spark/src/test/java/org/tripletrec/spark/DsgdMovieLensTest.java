package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

/** local[2] on MovieLens 100k (ua split): the same model as the single-machine trainer, repeatably. */
class DsgdMovieLensTest {
    @TempDir
    Path tmp;

    private SparkTrainJob.Result train(String... args) throws Exception {
        TrainOptions o = TrainOptions.parse(args);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        return SparkTrainJob.run(SparkTestData.spark(), o, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private static double coreFullAuc(TrainerConfig config, Path data) {
        Dataset d = DatasetLoader.builder().dataset("ml-100k").dataDir(data).build().load();
        EmbeddingModel m = new Trainer(config).fit(d, TrainingListener.NONE);
        return Evaluator.defaults().evaluate(m, d.trainInteractions(config.policy()), d.testInteractions(config.policy()))
                .get(Metrics.FULL_AUC);
    }

    @Test
    void defaultPresetMatchesTheCoreTrainerAndServes() throws Exception {
        Path data = SparkTestData.ml100k();
        Path model = tmp.resolve("m.trec");
        SparkTrainJob.Result r = train("--dataset", "ml-100k", "--data-dir", data.toString(), "--preset", "default",
                "--blocks", "2", "--model-out", model.toString(), "--embeddings-out", tmp.resolve("emb").toString());
        double core = coreFullAuc(Presets.defaults(), data);
        double spark = r.metrics().get(Metrics.FULL_AUC);
        System.out.printf("default preset full_auc: core %.4f, spark DSGD B=2 %.4f%n", core, spark);
        assertThat(spark).isCloseTo(core, org.assertj.core.data.Offset.offset(0.01));

        // the file is core's model: it loads, carries the metrics, and recommends
        EmbeddingModel loaded = ModelFormat.load(model);
        assertThat(loaded.numUsers()).isEqualTo(943);
        assertThat(loaded.numItems()).isEqualTo(1682);
        assertThat(loaded.info().metrics()).containsKey(Metrics.FULL_AUC);
        assertThat(loaded.userFactors()).containsExactly(r.model().userFactors());
        assertThat(new Recommender(loaded).recommend(loaded.users().indexOf("1"), 10, (u, i) -> true)).hasSize(10);

        // the Parquet embeddings hold the same vectors
        Row[] items = (Row[]) SparkTestData.spark().read().parquet(tmp.resolve("emb/items").toString())
                .where("id = '50'").collect();
        assertThat(items).hasSize(1);
        int idx = loaded.items().indexOf("50");
        assertThat(items[0].getInt(1)).isEqualTo(idx);
        assertThat(items[0].<Float>getList(2).get(3)).isEqualTo(loaded.itemVector(idx)[3]);
        assertThat(items[0].getFloat(3)).isEqualTo(loaded.bias(idx));
        assertThat(SparkTestData.spark().read().parquet(tmp.resolve("emb/users").toString()).count()).isEqualTo(943);
    }

    @Test
    void aFixedSeedAndPartitioningGiveTheSameModelTwice() throws Exception {
        Path data = SparkTestData.ml100k();
        String[] args = {"--dataset", "ml-100k", "--data-dir", data.toString(), "--preset", "default", "--epochs", "2",
                "--blocks", "3", "--seed", "5", "--no-eval", "--model-out", tmp.resolve("a.trec").toString()};
        EmbeddingModel a = train(args).model();
        EmbeddingModel b = train(args).model();
        assertThat(b.userFactors()).containsExactly(a.userFactors());
        assertThat(b.itemFactors()).containsExactly(a.itemFactors());
        assertThat(b.itemBias()).containsExactly(a.itemBias());
        args[11] = "6"; // another seed, another model
        assertThat(train(args).model().userFactors()).isNotEqualTo(a.userFactors());
    }

    @Test
    void ratingsReadBySparkGiveTheSameCatalogue() throws Exception {
        Path data = SparkTestData.ml100k();
        Path model = tmp.resolve("r.trec");
        SparkTrainJob.Result r = train("--ratings", data.resolve("ml-100k/ua.base").toString(), "--epochs", "1",
                "--blocks", "2", "--model-out", model.toString());
        assertThat(r.metrics()).isNull(); // no split: nothing to evaluate
        assertThat(r.model().numUsers()).isEqualTo(943);
        assertThat(r.model().users().id(0)).isEqualTo("1");
        assertThat(Files.size(model)).isPositive();
    }
}
