package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/** Ratings numbered by another run's id indices, mapped onto a model's users a, b and items i0..i4. */
class ModelRatingsTest {
    private final EmbeddingModel model = RecommenderTest.model();
    // data numbering: users b=0, x=1 (not in the model), a=2; items i3=0, zz=1 (not in the model), i0=2, i2=3
    private final IdIndex users = IdIndex.of(List.of("b", "x", "a"));
    private final IdIndex items = IdIndex.of(List.of("i3", "zz", "i0", "i2"));

    @Test
    void eachModelUsersItemsInModelNumberingSortedWithUnknownIdsDropped() {
        RatingLog log = new RatingLog.Builder()
                .add(2, 0, 5, 10) // a, i3
                .add(2, 1, 4, 11) // a, zz: dropped
                .add(1, 2, 3, 12) // x, i0: dropped
                .add(0, 3, 1, 13) // b, i2
                .add(2, 2, 2, 14) // a, i0
                .add(2, 0, 1, 15) // a, i3 again, later: its rating wins
                .build();
        RatedItems rated = ModelRatings.of(model, log, users, items);
        assertThat(rated.numUsers()).isEqualTo(2);
        assertThat(rated.items(0).toArray()).containsExactly(0, 3); // a: i0, i3
        assertThat(rated.rating(0, 0)).isEqualTo(2f);
        assertThat(rated.rating(0, 1)).isEqualTo(1f);
        assertThat(rated.items(1).toArray()).containsExactly(2); // b: i2
        assertThat(rated.isRated(0, 3)).isTrue();
        assertThat(rated.isRated(1, 3)).isFalse();
    }

    @Test
    void aModelUserWithoutRatingsHasNone() {
        RatedItems rated = ModelRatings.of(model, new RatingLog.Builder().add(0, 0, 5, 0).build(), users, items);
        assertThat(rated.count(0)).isZero();
        assertThat(rated.items(1).toArray()).containsExactly(3);
    }

    @Test
    void theModelsOwnRatedItemsAndTheDatasTogether() {
        RatingLog data = new RatingLog.Builder().add(2, 0, 5, 0).add(2, 2, 1, 0).build(); // a: i3 (5), i0 (1)
        EmbeddingModel carrying = model.withRated(new RatedItems(new int[] {0, 2, 3}, new int[] {0, 1, 4},
                new float[] {4, 3, 2})); // a: i0 (4), i1 (3); b: i4 (2)
        RatedItems both = ModelRatings.modelAndData(carrying, data, users, items);
        assertThat(both.items(0).toArray()).containsExactly(0, 1, 3);
        assertThat(both.rating(0, 0)).isEqualTo(1f); // the data's rating of a pair in both
        assertThat(both.items(1).toArray()).containsExactly(4);
        // a model without rated items: the data's alone
        assertThat(ModelRatings.modelAndData(model, data, users, items).items(0).toArray()).containsExactly(0, 3);
    }
}
