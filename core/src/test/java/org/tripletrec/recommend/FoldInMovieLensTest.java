package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

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
 * person giving thumbs would do); both are pinned to the figures docs/SERVING.md publishes. Skipped unless TRIPLETREC_DATA names the data folder.
 */
class FoldInMovieLensTest {

    @Test
    void foldedInUsersRankWithinTenPercentOfTrainedUsers() {
        Dataset data = DatasetLoader.builder().dataset(DatasetLoader.ML_100K).dataDir(TestData.dataDir()).build().load();
        TrainerConfig config = Presets.defaults();
        EmbeddingModel model = new Trainer(config).fit(data, TrainingListener.NONE);
        Interactions train = data.trainInteractions(config.policy());
        Interactions test = data.testInteractions(config.policy());
        Evaluator evaluator = Evaluator.builder().ks(10).build();

        double trained = evaluator.evaluate(model, train, test).get(Metrics.ndcgAt(10));
        FoldIn foldIn = new FoldIn(model);
        double strict = evaluator.evaluate(folded(model, foldIn, train, false), train, test).get(Metrics.ndcgAt(10));
        double warm = evaluator.evaluate(folded(model, foldIn, train, true), train, test).get(Metrics.ndcgAt(10));
        System.out.printf(Locale.ROOT, "ndcg@10 on ua.test: trained %.4f, folded in (5 liked, <=2 disliked) %.4f"
                + " (%.3f), folded in (4-5 liked, <=2 disliked) %.4f (%.3f)%n", trained, strict, strict / trained,
                warm, warm / trained);
        assertThat(strict).isGreaterThanOrEqualTo(0.9 * trained);
        assertThat(warm).isGreaterThanOrEqualTo(0.9 * trained);
        // the figures docs/SERVING.md publishes; one thread and fixed seeds repeat them bit for bit
        assertThat(trained).isCloseTo(0.2487, org.assertj.core.api.Assertions.within(0.002));
        assertThat(strict).isCloseTo(0.2409, org.assertj.core.api.Assertions.within(0.002));
        assertThat(warm).isCloseTo(0.2539, org.assertj.core.api.Assertions.within(0.002));
    }

    /** A scorer whose user vectors are all folded in from the train ratings. */
    private static Scorer folded(EmbeddingModel model, FoldIn foldIn, Interactions train, boolean warmLikes) {
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
        return new Scorer() {
            @Override public int numUsers() { return model.numUsers(); }
            @Override public int numItems() { return model.numItems(); }
            @Override public void scoreAll(int u, float[] out) { model.scoreAll(table, u * dim, out); }
        };
    }
}
