package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Scorer;
import org.tripletrec.testing.TestData;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

/**
 * Fold-in quality on MovieLens 100k ua (the issue asks for ndcg@10 within 10% of the trained user vectors'): the
 * default preset is trained on ua.base, then every user is folded in from its ua.base ratings alone and the
 * folded vectors are evaluated on ua.test exactly as the trained ones (EVALUATION.md, seed labels). Two mappings
 * of ratings to thumbs: strict (liked = 5, disliked <= 2, as the model's labels) and warm (4s liked too, what a
 * person giving thumbs would do); both are pinned to the figures docs/SERVING.md (the default preset) and docs/QUALITY.md (models with channels)
 * publish. Skipped unless TRIPLETREC_DATA names the data folder.
 */
class FoldInMovieLensTest {

    @Test
    void foldedInUsersRankWithinTenPercentOfTrainedUsers() {
        Figures f = measure(Presets.single(), "single preset");
        // the figures docs/SERVING.md publishes; one thread and fixed seeds repeat them bit for bit
        f.pin(0.2487, 0.2409, 0.2539);
    }

    /**
     * A model with channels: the tuned config (docs/configs/default-tuned.json, read from the file), whose
     * fold-in fell well short of 0.9 while every channel shared the plain model's ridge. The pins (docs/QUALITY.md's
     * figures) have the first test's tolerance: a seed repeats bit for bit at one thread, and 0.002 is small
     * against the margin the strict ratio keeps above 0.9, so a pin moves long before the requirement fails.
     */
    @Test
    void theTunedChannelConfigFoldsInWithinTenPercentToo() throws IOException {
        TrainerConfig config = docsConfig("default-tuned.json");
        assertThat(config.hasChannels()).isTrue();
        assertThat(config.dim()).isEqualTo(72);
        measure(config, "tuned channel config").pin(0.2287, 0.2283, 0.2512);
    }

    /** The default preset: the single model with channels that train with a loss and penalties of their own. */
    @Test
    void theDefaultPresetFoldsInWithinTenPercentToo() {
        measure(Presets.defaults(), "default preset").pin(0.2505, 0.2315, 0.2451);
    }

    /** The {@code balanced} preset, the tune-derived config with channels at the default's size. */
    @Test
    void theBalancedPresetFoldsInWithinTenPercentToo() {
        measure(Presets.balanced(), "balanced preset").pin(0.2316, 0.2197, 0.2384);
    }

    /** The accurate end of the knob (docs/QUALITY.md): the single model with an exposure channel of weight 1. */
    @Test
    void theSingleModelWithAnExposureChannelFoldsInWithinTenPercentToo() {
        measure(Presets.single().toBuilder().exposureWeight(1f).build(), "single + exposure 1")
                .pin(0.2944, 0.2707, 0.2801);
    }

    /**
     * A config of docs/configs, read for its flat keys as 'train --config' reads them (core has no JSON library),
     * from the module folder (as Maven runs tests) or the project's (as the research probes run).
     */
    static TrainerConfig docsConfig(String file) throws IOException {
        Path configs = Files.isDirectory(Path.of("docs", "configs")) ? Path.of("docs", "configs")
                : Path.of("..", "docs", "configs");
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"?([^\",\\n]+?)\"?\\s*[,\\n}]")
                .matcher(Files.readString(configs.resolve(file)));
        while (m.find()) {
            keys.put(m.group(1), m.group(2));
        }
        return TrainerConfig.fromProperties(keys);
    }

    /** ndcg@10 on ua.test of the trained users, and of all of them folded in (strict and warm likes). */
    private record Figures(double trained, double strict, double warm) {
        void pin(double trainedNdcg, double strictNdcg, double warmNdcg) {
            assertThat(trained).isCloseTo(trainedNdcg, within(0.002));
            assertThat(strict).isCloseTo(strictNdcg, within(0.002));
            assertThat(warm).isCloseTo(warmNdcg, within(0.002));
        }
    }

    private static Figures measure(TrainerConfig config, String name) {
        Dataset data = DatasetLoader.builder().dataset(DatasetLoader.ML_100K).dataDir(TestData.dataDir()).build().load();
        EmbeddingModel model = new Trainer(config).fit(data, TrainingListener.NONE);
        Interactions train = data.trainInteractions(config.policy());
        Interactions test = data.testInteractions(config.policy());
        Evaluator evaluator = Evaluator.builder().ks(10).build();

        double trained = evaluator.evaluate(model, train, test).get(Metrics.ndcgAt(10));
        FoldIn foldIn = new FoldIn(model);
        double strict = evaluator.evaluate(folded(model, foldIn, train, false), train, test).get(Metrics.ndcgAt(10));
        double warm = evaluator.evaluate(folded(model, foldIn, train, true), train, test).get(Metrics.ndcgAt(10));
        System.out.printf(Locale.ROOT, "%s, ndcg@10 on ua.test: trained %.4f, folded in (5 liked, <=2 disliked) %.4f"
                + " (%.3f), folded in (4-5 liked, <=2 disliked) %.4f (%.3f)%n", name, trained, strict, strict / trained,
                warm, warm / trained);
        assertThat(strict).as(name).isGreaterThanOrEqualTo(0.9 * trained);
        assertThat(warm).as(name).isGreaterThanOrEqualTo(0.9 * trained);
        return new Figures(trained, strict, warm);
    }

    /** A scorer whose user vectors are all folded in from the train ratings. */
    private static Scorer folded(EmbeddingModel model, FoldIn foldIn, Interactions train, boolean warmLikes) {
        return scorer(model, foldedTable(model, foldIn, train, warmLikes));
    }

    /** Every user's vector folded in from their train ratings, as a user table (4s liked too with warmLikes). */
    static float[] foldedTable(EmbeddingModel model, FoldIn foldIn, Interactions train, boolean warmLikes) {
        int dim = model.dim();
        float[] table = new float[model.numUsers() * dim];
        for (int u = 0; u < model.numUsers(); u++) {
            int user = u;
            int[] liked = train.positives(u).toArray();
            if (warmLikes) {
                int[] warm = IntStream.of(train.neutrals(u).toArray()).filter(i -> train.rating(user, i) >= 4).toArray();
                liked = IntStream.concat(IntStream.of(liked), IntStream.of(warm)).toArray();
            }
            float[] w = foldIn.userVector(liked, train.negatives(u).toArray());
            System.arraycopy(w, 0, table, u * dim, dim);
        }
        return table;
    }

    /** The model's items and biases with the given user table. */
    static Scorer scorer(EmbeddingModel model, float[] table) {
        int dim = model.dim();
        return new Scorer() {
            @Override public int numUsers() { return model.numUsers(); }
            @Override public int numItems() { return model.numItems(); }
            @Override public void scoreAll(int u, float[] out) { model.scoreAll(table, u * dim, out); }
        };
    }
}
