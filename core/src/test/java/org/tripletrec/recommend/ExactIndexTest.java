package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.Presets;

class ExactIndexTest {

    /** Every item scored with {@link EmbeddingModel#score}, sorted best first with ties to the lower index. */
    static List<Scored> reference(EmbeddingModel m, int u, int n, ItemFilter filter) {
        List<Scored> all = new ArrayList<>();
        for (int i = 0; i < m.numItems(); i++) {
            if (filter.allows(u, i)) {
                all.add(new Scored(i, m.score(u, i)));
            }
        }
        all.sort(Comparator.comparing(Scored::score).reversed().thenComparing(Scored::item));
        return all.subList(0, Math.min(n, all.size()));
    }

    static EmbeddingModel randomModel(int users, int items, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] u = new float[users * dim], v = new float[items * dim], b = new float[items];
        for (int j = 0; j < u.length; j++) u[j] = (float) rng.nextDouble(-1, 1);
        for (int j = 0; j < v.length; j++) v[j] = (float) rng.nextDouble(-1, 1);
        for (int j = 0; j < b.length; j++) b[j] = (float) rng.nextDouble(-0.5, 0.5);
        v[3 * dim + 1] = v[5 * dim + 1]; // a few equal rows, so that ties occur
        System.arraycopy(v, 5 * dim, v, 3 * dim, dim);
        b[3] = b[5];
        List<String> uid = new ArrayList<>(), iid = new ArrayList<>();
        for (int j = 0; j < users; j++) uid.add("u" + j);
        for (int j = 0; j < items; j++) iid.add("i" + j);
        return new EmbeddingModel(dim, u, v, b, IdIndex.of(uid), IdIndex.of(iid),
                new ModelInfo(1, Presets.single(), "", "test", Instant.EPOCH, Map.of()));
    }

    @Test
    void listsAndFloatsAreThoseOfScoringEveryItemWithTheModel() {
        EmbeddingModel m = randomModel(40, 333, 37, 5); // an odd dimension: the kernels' tails too
        Recommender r = new Recommender(m);
        assertThat(r.index()).isInstanceOf(ExactIndex.class);
        ItemFilter odd = (u, i) -> (i + u) % 3 != 0;
        for (int u = 0; u < m.numUsers(); u++) {
            assertThat(r.recommend(u, 25, ItemFilter.all())).isEqualTo(reference(m, u, 25, ItemFilter.all()));
            assertThat(r.recommend(u, 25, odd)).isEqualTo(reference(m, u, 25, odd));
        }
    }

    @Test
    void similarItemsHonourTheFilterAndNeverReturnTheItem() {
        EmbeddingModel m = randomModel(2, 200, 9, 8);
        ExactIndex index = new ExactIndex(m);
        List<Scored> unfiltered = index.similar(4, 199, ItemFilter.all());
        assertThat(unfiltered).hasSize(199).noneMatch(s -> s.item() == 4);
        ItemFilter evenOnly = (u, i) -> i % 2 == 0;
        List<Scored> even = index.similar(4, 10, evenOnly);
        assertThat(even).isEqualTo(unfiltered.stream().filter(s -> s.item() % 2 == 0).limit(10).toList());
        for (Scored s : even) {
            assertThat(s.score()).isEqualTo(index.cosine(4, s.item())).isEqualTo(new Recommender(m).cosine(4, s.item()));
        }
        assertThat(index.describe().kind()).isEqualTo("exact");
        assertThat(index.describe().bytes()).isEqualTo(4L * 200 * 9 + 8L * 200);
    }

    @Test
    void aFilterThatListsFewItemsHasThemScoredAloneWithTheSameListAndFloats() {
        EmbeddingModel m = randomModel(30, 800, 37, 6);
        ExactIndex index = new ExactIndex(m);
        SplittableRandom rng = new SplittableRandom(2);
        for (int u = 0; u < m.numUsers(); u++) {
            int[] candidates = rng.ints(60, 0, m.numItems()).toArray(); // 60 of 800: below an eighth
            candidates[0] = 3; // the two items with equal rows and biases: a tie
            candidates[1] = 5;
            ItemFilter listed = ItemFilter.only(candidates);
            assertThat(listed.allowedItems()).isNotNull();
            ItemFilter unlisted = listed::allows; // the same predicate, which cannot list its items
            assertThat(unlisted.allowedItems()).isNull();
            for (int n : new int[] {1, 10, 100}) {
                List<Scored> top = index.recommend(m.userFactors(), u * m.dim(), u, n, listed);
                assertThat(top).isEqualTo(index.recommend(m.userFactors(), u * m.dim(), u, n, unlisted))
                        .isEqualTo(reference(m, u, n, listed));
            }
            // with a filter that cannot list its items beside it: the listed side is scored alone
            ItemFilter notOdd = (x, i) -> i % 2 == 0;
            assertThat(index.recommend(m.userFactors(), u * m.dim(), u, 10, notOdd.and(listed)))
                    .isEqualTo(reference(m, u, 10, (x, i) -> i % 2 == 0 && listed.allows(x, i)));
        }
        // an empty list scores nothing
        assertThat(index.recommend(m.userFactors(), 0, 0, 10, ItemFilter.only())).isEmpty();
    }
}
