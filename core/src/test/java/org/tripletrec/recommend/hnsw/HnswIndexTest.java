package org.tripletrec.recommend.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.Scored;

class HnswIndexTest {
    static final int USERS = 300, ITEMS = 4000, DIM = 16;
    static EmbeddingModel model;
    static ExactIndex exact;
    static HnswIndex hnsw;

    @BeforeAll
    static void build() {
        model = PlantedCatalogue.model(USERS, ITEMS, DIM, 7);
        exact = new ExactIndex(model);
        hnsw = HnswIndex.build(model, new HnswSettings(16, 100, 64, 1), BuildProgress.NONE);
    }

    private static List<Scored> exactTop(int u, int n, ItemFilter filter) {
        return exact.recommend(model.userFactors(), u * DIM, u, n, filter);
    }

    private static List<Scored> hnswTop(HnswIndex index, int u, int n, ItemFilter filter) {
        return index.recommend(model.userFactors(), u * DIM, u, n, filter);
    }

    @Test
    void recommendationsRecallTheExactTopTenWithTheModelsOwnScores() {
        HnswIndex index = hnsw.withEfSearch(64); // its own count of exact answers
        double recall = 0;
        for (int u = 0; u < USERS; u++) {
            List<Scored> found = hnswTop(index, u, 10, ItemFilter.all());
            assertThat(found).hasSize(10);
            recall += PlantedCatalogue.recall(found, exactTop(u, 10, ItemFilter.all()));
            for (Scored s : found) {
                assertThat(s.score()).isEqualTo(model.score(u, s.item())); // the same float, bit for bit
            }
            assertThat(found).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
        }
        assertThat(recall / USERS).isGreaterThanOrEqualTo(0.95);
        assertThat(index.exactAnswers()).isZero();
    }

    @Test
    void fewerCandidatesLowerRecallAndMoreRaiseIt() {
        double narrow = 0, wide = 0;
        HnswIndex fast = hnsw.withEfSearch(10), careful = hnsw.withEfSearch(200);
        for (int u = 0; u < USERS; u++) {
            List<Scored> truth = exactTop(u, 10, ItemFilter.all());
            narrow += PlantedCatalogue.recall(hnswTop(fast, u, 10, ItemFilter.all()), truth);
            wide += PlantedCatalogue.recall(hnswTop(careful, u, 10, ItemFilter.all()), truth);
        }
        assertThat(wide / USERS).isGreaterThan(narrow / USERS).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void similarItemsRecallTheExactCosineNeighboursWithoutTheItemItself() {
        double recall = 0;
        int queries = 200;
        for (int item = 0; item < queries; item++) {
            List<Scored> found = hnsw.similar(item, 10, ItemFilter.all());
            List<Scored> truth = exact.similar(item, 10, ItemFilter.all());
            recall += PlantedCatalogue.recall(found, truth);
            for (Scored s : found) {
                assertThat(s.item()).isNotEqualTo(item);
                assertThat(s.score()).isEqualTo(exact.cosine(item, s.item()));
            }
        }
        assertThat(recall / queries).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aFilterThatRemovesHalfTheItemsHoldsAndRecallStays() {
        // a different half for every user, as rated items are
        double recall = 0;
        for (int u = 0; u < USERS; u++) {
            BitSet removed = randomItems(ITEMS / 2, u);
            ItemFilter filter = (user, i) -> !removed.get(i);
            List<Scored> found = hnswTop(hnsw, u, 10, filter);
            assertThat(found).hasSize(10).allMatch(s -> !removed.get(s.item()));
            recall += PlantedCatalogue.recall(found, exactTop(u, 10, filter));
        }
        assertThat(recall / USERS).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aFilterThatRemovesNearlyEverythingFallsBackToExactSearch() {
        // a predicate that cannot say how few it allows: the walk finds out, and the exact scan answers
        HnswIndex index = hnsw.withEfSearch(64);
        for (int u = 0; u < 20; u++) {
            BitSet allowed = randomItems(7, 1000 + u);
            ItemFilter filter = (user, i) -> allowed.get(i);
            assertThat(filter.allowsAtMost()).isEqualTo(ItemFilter.UNBOUNDED);
            assertThat(hnswTop(index, u, 10, filter)).isEqualTo(exactTop(u, 10, filter)).hasSize(7);
            assertThat(index.similar(u, 5, filter)).isEqualTo(exact.similar(u, 5, filter));
        }
        assertThat(index.exactAnswers()).isEqualTo(40);
        // and one that says so goes there straight away
        int[] candidates = {5, 17, 999, 3000, 3999};
        ItemFilter only = ItemFilter.only(candidates);
        assertThat(hnswTop(index, 3, 3, only)).isEqualTo(exactTop(3, 3, only)).hasSize(3);
        assertThat(index.exactAnswers()).isEqualTo(41);
    }

    @Test
    void aFilterThatRemovesEverythingGivesAnEmptyList() {
        ItemFilter none = (u, i) -> false;
        assertThat(hnswTop(hnsw, 0, 10, none)).isEmpty();
        assertThat(hnsw.similar(0, 10, none)).isEmpty();
        assertThat(hnswTop(hnsw, 0, 10, ItemFilter.only())).isEmpty();
    }

    @Test
    void aFilterThatKeepsAFewPercentStillReturnsOnlyAllowedItems() {
        // an inner-product graph may have no link to an item with a small vector: recall would suffer
        double recall = 0;
        for (int u = 0; u < 50; u++) {
            BitSet allowed = randomItems(ITEMS / 20, 2000 + u);
            ItemFilter filter = (user, i) -> allowed.get(i);
            List<Scored> found = hnswTop(hnsw, u, 10, filter);
            assertThat(found).hasSize(10).allMatch(s -> allowed.get(s.item()));
            recall += PlantedCatalogue.recall(found, exactTop(u, 10, filter));
        }
        assertThat(recall / 50).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void foldedInVectorsAndLongListsWork() {
        float[] vector = model.userVector(5);
        assertThat(hnsw.recommend(vector, 0, -1, 10, ItemFilter.all()))
                .isEqualTo(hnswTop(hnsw, 5, 10, ItemFilter.all()));
        assertThat(hnswTop(hnsw, 5, 0, ItemFilter.all())).isEmpty();
        List<Scored> everything = hnswTop(hnsw, 5, ITEMS + 10, ItemFilter.all());
        assertThat(everything).isEqualTo(exactTop(5, ITEMS + 10, ItemFilter.all())).hasSize(ITEMS);
    }

    @Test
    void aGraphBuiltOnSeveralThreadsIsAsGoodAndProgressIsReported() {
        List<Long> seen = new ArrayList<>();
        HnswIndex parallel = HnswIndex.build(model, new HnswSettings(16, 100, 64, 2), (step, done, total) -> {
            assertThat(total).isEqualTo(ITEMS);
            assertThat(done).isBetween(0L, total);
            seen.add(done);
        });
        assertThat(seen).contains((long) ITEMS);
        double recall = 0;
        for (int u = 0; u < USERS; u++) {
            recall += PlantedCatalogue.recall(hnswTop(parallel, u, 10, ItemFilter.all()), exactTop(u, 10, ItemFilter.all()));
        }
        assertThat(recall / USERS).isGreaterThanOrEqualTo(0.95);
        assertThat(parallel.describe().kind()).isEqualTo("hnsw");
        assertThat(parallel.describe().bytes()).isGreaterThan(parallel.graphBytes()).isPositive();
    }

    @Test
    void aModelWithoutBiasesAndWithZeroVectorsIsSearchedToo() {
        EmbeddingModel planted = PlantedCatalogue.model(20, 500, 8, 3);
        float[] v = planted.itemFactors().clone();
        java.util.Arrays.fill(v, 0, 8 * 10, 0f); // ten zero vectors: cosine 0 with everything
        EmbeddingModel noBias = new EmbeddingModel(8, planted.userFactors(), v, null, planted.users(), planted.items(),
                planted.info());
        HnswIndex index = HnswIndex.build(noBias, new HnswSettings(8, 50, 50, 1), BuildProgress.NONE);
        ExactIndex reference = new ExactIndex(noBias);
        for (int u = 0; u < 20; u++) {
            assertThat(PlantedCatalogue.recall(index.recommend(noBias.userFactors(), u * 8, u, 5, ItemFilter.all()),
                    reference.recommend(noBias.userFactors(), u * 8, u, 5, ItemFilter.all()))).isGreaterThanOrEqualTo(0.8);
        }
        assertThat(index.similar(0, 3, ItemFilter.all())).allMatch(s -> s.score() == 0f);
    }

    private static BitSet randomItems(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BitSet set = new BitSet(ITEMS);
        while (set.cardinality() < count) {
            set.set(rng.nextInt(ITEMS));
        }
        return set;
    }
}
