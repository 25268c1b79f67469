package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;

class CatalogueGrowthTest {
    private static EmbeddingModel hybrid() {
        Interactions d = TrainerTest.planted(1);
        IdIndex users = TrainerTest.ids("u", 40), items = TrainerTest.ids("i", 30);
        SideFeatures.Builder f = new SideFeatures.Builder("g");
        for (int i = 0; i < 30; i++) {
            f.put("i" + i, i < 15 ? "group:a" : "group:b", 1f);
        }
        FeatureMatrix itf = FeatureMatrix.build(items, f.build(), true, true, new IdIndex()).matrix();
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(10).build();
        return new Trainer(c).fit(TrainingInput.of(d, users, items, "t").withFeatures(null, itf),
                TrainingListener.NONE).withRated(RatedItems.of(d));
    }

    @Test
    void newItemsAreTheirFeaturesAndOldRowsKeepTheirValues() {
        EmbeddingModel m = hybrid();
        SideFeatures extra = new SideFeatures.Builder("new").put("i30", "group:a", 1f).put("i31", "group:c", 1f)
                .build();
        CatalogueGrowth.Result g = CatalogueGrowth.grow(m, List.of("u40"), List.of(), SideFeatures.none(), extra,
                CatalogueGrowth.Init.FROZEN, new SplittableRandom(1));
        EmbeddingModel grown = g.model();
        assertThat(g.addedUsers()).isEqualTo(1);
        assertThat(g.addedItems()).isEqualTo(2);
        assertThat(g.newItemFeatures()).isEqualTo(1); // group:c
        assertThat(grown.items().id(30)).isEqualTo("i30");
        // old items keep their vectors exactly
        assertThat(Arrays.copyOf(grown.itemFactors(), 30 * 8)).containsExactly(m.itemFactors());
        // i30 (group:a, no own row yet) = the composition of group:a alone: one feature, normalised to weight 1
        FeatureMatrix itf = m.features().items();
        int groupA = itf.featureParam(itf.features().indexOf("group:a"));
        float[] expected = new float[8];
        for (int j = 0; j < 8; j++) {
            expected[j] = 1f * m.features().itemParams()[groupA * 8 + j];
        }
        assertThat(grown.itemVector(30)).containsExactly(expected);
        // a frozen new feature adds nothing, and a new user without features is the zero vector
        assertThat(grown.itemVector(31)).containsOnly(0f);
        assertThat(grown.userVector(40)).containsOnly(0f);
        // parameter rows moved: feature rows now follow 32 id rows; the optimiser state moved with them
        assertThat(g.itemRows()[30]).isEqualTo(32);
        float[] oldAcc = m.optimizerState().items()[0], newAcc = grown.optimizerState().items()[0];
        assertThat(Arrays.copyOfRange(newAcc, 32 * 8, 33 * 8)).containsExactly(Arrays.copyOfRange(oldAcc, 30 * 8, 31 * 8));
        assertThat(Arrays.copyOfRange(newAcc, 30 * 8, 31 * 8)).containsOnly(1f); // fresh Adagrad state
        assertThat(grown.rated().numUsers()).isEqualTo(41);
        assertThat(grown.rated().count(40)).isZero();
    }

    @Test
    void featuresForASideWithoutFeaturesAreRefused() {
        EmbeddingModel m = hybrid();
        SideFeatures userFeatures = new SideFeatures.Builder("u").put("u1", "age:x", 1f).build();
        assertThatThrownBy(() -> CatalogueGrowth.grow(m, List.of(), List.of(), userFeatures, SideFeatures.none(),
                CatalogueGrowth.Init.FROZEN, new SplittableRandom(1)))
                .hasMessageContaining("trained without user features");
    }
}
