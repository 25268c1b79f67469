package org.tripletrec.recommend.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.RequestFilter;
import org.tripletrec.recommend.RequestFilter.Match;
import org.tripletrec.recommend.Scored;

/**
 * Request filters searched through an HNSW graph: every item has one of three genres (a third of the catalogue
 * each) and one in a hundred the tag "rare". A genre is walked in the graph and recalls the exact list; a filter
 * that says it lets through a few items (the rare tag, a short candidate list) goes to exact search at once.
 */
class RequestFilterSearchTest {
    static final int USERS = 60, ITEMS = 2400, DIM = 16;
    static EmbeddingModel model;
    static ExactIndex exact;
    static HnswIndex hnsw;

    @BeforeAll
    static void build() {
        EmbeddingModel plain = PlantedCatalogue.model(USERS, ITEMS, DIM, 11);
        SideFeatures.Builder f = new SideFeatures.Builder("test");
        for (int i = 0; i < ITEMS; i++) {
            f.put(plain.items().id(i), "genre:g" + (i % 3), 1f);
            if (i % 100 == 0) {
                f.put(plain.items().id(i), "tag:rare", 1f);
            }
        }
        FeatureMatrix items = FeatureMatrix.build(plain.items(), f.build(), true, true, new IdIndex()).matrix();
        model = plain.withFeatures(new FeatureTables(null, items, null, new float[items.numParams() * DIM],
                new float[items.numParams()]));
        exact = new ExactIndex(model);
        hnsw = HnswIndex.build(model, new HnswSettings(16, 100, 64, 1), BuildProgress.NONE);
    }

    private static List<Scored> top(org.tripletrec.recommend.ItemIndex index, int u, ItemFilter filter) {
        return index.recommend(model.userFactors(), u * DIM, u, 10, filter);
    }

    @Test
    void aGenreIsSearchedInTheGraphAndHoldsOnlyThatGenre() {
        ItemFilter genre = RequestFilter.none().withFeatures(List.of("genre:g1"), Match.ANY).resolve(model);
        assertThat(genre.allowsAtMost()).isEqualTo(ITEMS / 3); // i % 3 == 1
        long exactBefore = hnsw.exactAnswers();
        double recall = 0;
        for (int u = 0; u < 30; u++) {
            List<Scored> found = top(hnsw, u, genre);
            assertThat(found).hasSize(10).allMatch(s -> s.item() % 3 == 1);
            recall += PlantedCatalogue.recall(found, top(exact, u, genre));
        }
        assertThat(recall / 30).isGreaterThanOrEqualTo(0.9);
        assertThat(hnsw.exactAnswers() - exactBefore).isZero();
    }

    @Test
    void aFilterThatKeepsNearlyNothingIsAnsweredExactly() {
        long exactBefore = hnsw.exactAnswers();
        ItemFilter rare = RequestFilter.none().withFeatures(List.of("tag:rare", "genre:g0"), Match.ALL).resolve(model);
        ItemFilter fewCandidates = RequestFilter.none().withCandidates(List.of("i7", "i70", "i700", "nope"))
                .withExclude(List.of("i70")).resolve(model);
        assertThat(rare.allowsAtMost()).isEqualTo(ITEMS / 100);
        assertThat(fewCandidates.allowsAtMost()).isEqualTo(3);
        for (int u = 0; u < 5; u++) {
            assertThat(top(hnsw, u, rare)).isEqualTo(top(exact, u, rare)).hasSize(8) // i % 300 == 0 below 2400
                    .allMatch(s -> s.item() % 300 == 0);
            assertThat(top(hnsw, u, fewCandidates)).isEqualTo(top(exact, u, fewCandidates))
                    .extracting(Scored::item).containsExactlyInAnyOrder(7, 700);
        }
        assertThat(hnsw.exactAnswers() - exactBefore).isEqualTo(10);
    }
}
