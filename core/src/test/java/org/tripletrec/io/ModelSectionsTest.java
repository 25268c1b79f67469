package org.tripletrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.train.TrainingListener;

class ModelSectionsTest {
    @TempDir
    Path dir;

    /** A hybrid model with user and item features, trained briefly, carrying its rated items. */
    static EmbeddingModel hybrid() {
        IdIndex users = IdIndex.of(java.util.List.of("a", "b", "c"));
        IdIndex items = IdIndex.of(java.util.List.of("x", "y", "z", "w"));
        RatingLog.Builder log = new RatingLog.Builder();
        log.add(0, 0, 5, 0).add(0, 1, 1, 0).add(1, 2, 5, 0).add(2, 0, 5, 0).add(2, 3, 3, 0);
        Interactions train = Interactions.of(log.build(), new FeedbackPolicy(5, 2), 3, 4);
        SideFeatures uf = new SideFeatures.Builder("u").put("a", "age:1", 1f).put("c", "age:2", 2f).build();
        SideFeatures itf = new SideFeatures.Builder("i").put("x", "g:1", 1f).put("w", "g:2", 0.5f)
                .put("w", "g:1", 1f).build();
        FeatureMatrix um = FeatureMatrix.build(users, uf, false, true, new IdIndex()).matrix();
        FeatureMatrix im = FeatureMatrix.build(items, itf, true, false, new IdIndex()).matrix();
        EmbeddingModel m = new Trainer(Presets.single().toBuilder().dim(4).epochs(3).userIds(false).build())
                .fit(TrainingInput.of(train, users, items, "fp").withFeatures(um, im), TrainingListener.NONE);
        return m.withRated(RatedItems.of(train));
    }

    @Test
    void featuresOptimiserStateAndRatedItemsSurviveTheFile() throws IOException {
        EmbeddingModel m = hybrid();
        Path file = dir.resolve("h.trm");
        ModelFormat.save(m, file);
        EmbeddingModel r = ModelFormat.load(file);
        assertThat(r.info().formatVersion()).isEqualTo(2);
        assertThat(r.userFactors()).containsExactly(m.userFactors());
        assertThat(r.itemFactors()).containsExactly(m.itemFactors());
        var f = r.features();
        assertThat(f.users().hasIds()).isFalse();
        assertThat(f.items().hasIds()).isTrue();
        assertThat(f.items().normalized()).isFalse();
        assertThat(f.items().features().ids()).isEqualTo(m.features().items().features().ids());
        assertThat(f.items().featureWeights()).containsExactly(m.features().items().featureWeights());
        assertThat(f.userParams()).containsExactly(m.features().userParams());
        assertThat(f.itemParams()).containsExactly(m.features().itemParams());
        assertThat(f.itemParamBias()).containsExactly(m.features().itemParamBias());
        assertThat(r.optimizerState().kind()).isEqualTo(m.optimizerState().kind());
        assertThat(r.optimizerState().steps()).isEqualTo(m.optimizerState().steps());
        assertThat(r.optimizerState().items()[0]).containsExactly(m.optimizerState().items()[0]);
        assertThat(r.rated().items(2).toArray()).containsExactly(0, 3);
        assertThat(r.rated().rating(2, 1)).isEqualTo(3f);
        assertThat(r.info().config().userIds()).isFalse();
    }

    @Test
    void aModelWithoutTheOptionalPartsReadsBackWithout() throws IOException {
        EmbeddingModel plain = ModelFormatTest.small(true);
        EmbeddingModel r = ModelFormat.read(new ByteArrayInputStream(ModelFormatTest.bytes(plain)), "p");
        assertThat(r.features()).isNull();
        assertThat(r.rated()).isNull();
        assertThat(r.optimizerState()).isNull();
    }

    @Test
    void everyTruncationOfAHybridFileIsRefusedWithOneClearMessage() throws IOException {
        byte[] full = ModelFormatTest.bytes(hybrid());
        for (int cut = 12; cut < full.length; cut += Math.max(1, full.length / 97)) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> ModelFormat.read(new ByteArrayInputStream(part), "t.trm"))
                    .as("cut at %d", cut).isInstanceOf(ModelFormatException.class).hasMessageStartingWith("t.trm: ");
        }
        for (int at = 40; at < full.length; at += Math.max(1, full.length / 53)) {
            byte[] bad = full.clone();
            bad[at] ^= 0x5A;
            assertThatThrownBy(() -> ModelFormat.read(new ByteArrayInputStream(bad), "c.trm"))
                    .as("flipped byte %d", at).isInstanceOf(ModelFormatException.class)
                    .hasMessageStartingWith("c.trm: ");
        }
    }
}
