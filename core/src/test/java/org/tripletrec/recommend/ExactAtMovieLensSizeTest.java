package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.hnsw.BuildProgress;
import org.tripletrec.recommend.hnsw.IndexSpec;
import org.tripletrec.testing.TestData;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainingListener;

/**
 * At MovieLens size the index chosen by default is exact search, and its lists are those of scoring every item
 * with the model: the same items, the same floats, for every user.
 */
class ExactAtMovieLensSizeTest {

    @Test
    void theDefaultIndexOnMovieLens100kIsExactAndScoresEveryItemAsTheModelDoes() {
        Dataset data = DatasetLoader.builder().dataset(DatasetLoader.ML_100K).dataDir(TestData.dataDir()).build().load();
        EmbeddingModel model = new Trainer(Presets.single()).fit(data, TrainingListener.NONE);
        ItemIndex index = IndexSpec.auto().open(model, BuildProgress.NONE);
        assertThat(index).isInstanceOf(ExactIndex.class);
        Recommender recommender = new Recommender(model, index);
        Interactions rated = data.trainInteractions(model.info().config().policy());
        ItemFilter filter = ItemFilter.excludeRated(rated);
        for (int u = 0; u < model.numUsers(); u++) {
            assertThat(recommender.recommend(u, 20, filter)).isEqualTo(ExactIndexTest.reference(model, u, 20, filter));
        }
        for (int i = 0; i < model.numItems(); i += 41) {
            java.util.List<Scored> similar = recommender.similarItems(i, 10);
            for (Scored s : similar) {
                assertThat(s.score()).isEqualTo(recommender.cosine(i, s.item()));
            }
        }
    }
}
