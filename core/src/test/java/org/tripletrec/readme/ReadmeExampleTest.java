package org.tripletrec.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Interactions;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.recommend.Scored;
import org.tripletrec.testing.TestData;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainingListener;

/** The README's library example, kept compiling and running. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRecommendsUnratedTitles() throws Exception {
        Path dataDir = TestData.dataDir();
        List<String> printed = new ArrayList<>();
        // --- README example starts
        Dataset data = DatasetLoader.builder().dataset("ml-100k").dataDir(dataDir).build().load();
        EmbeddingModel model = new Trainer(Presets.defaults()).fit(data, TrainingListener.NONE);
        Interactions rated = data.trainInteractions(model.info().config().policy());
        Recommender recommender = new Recommender(model);
        int user = model.users().indexOf("42");
        for (Scored s : recommender.recommend(user, 10, ItemFilter.excludeRated(rated))) {
            printed.add(String.format("%.3f  %s", s.score(), data.title(s.item())));
        }
        ModelFormat.save(model, dir.resolve("ml100k.trm"));
        // --- README example ends
        assertThat(printed).hasSize(10);
        for (Scored s : recommender.recommend(user, 10, ItemFilter.excludeRated(rated))) {
            assertThat(rated.isRated(user, s.item())).isFalse();
        }
        assertThat(ModelFormat.load(dir.resolve("ml100k.trm")).userFactors()).containsExactly(model.userFactors());
    }
}
