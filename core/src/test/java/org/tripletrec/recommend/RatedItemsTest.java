package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/** Ratings numbered by another run's id indices, mapped onto a model's users a, b and items i0..i4. */
class RatedItemsTest {
    private final EmbeddingModel model = RecommenderTest.model();
    // data numbering: users b=0, x=1 (not in the model), a=2; items i3=0, zz=1 (not in the model), i0=2, i2=3
    private final IdIndex users = IdIndex.of(List.of("b", "x", "a"));
    private final IdIndex items = IdIndex.of(List.of("i3", "zz", "i0", "i2"));
    private final RatingLog log = new RatingLog.Builder()
            .add(2, 0, 5, 0) // a, i3
            .add(2, 1, 4, 0) // a, zz: dropped
            .add(1, 2, 3, 0) // x, i0: dropped
            .add(0, 3, 1, 0) // b, i2
            .add(2, 2, 2, 0) // a, i0
            .build();

    @Test
    void eachModelUsersItemsInModelNumberingSorted() {
        int[][] rows = new RatedItems(model, log, users, items).byUser();
        assertThat(rows).hasNumberOfRows(2);
        assertThat(rows[0]).containsExactly(0, 3); // a: i0, i3
        assertThat(rows[1]).containsExactly(2); // b: i2
    }

    @Test
    void oneUserAsInTheTable() {
        RatedItems rated = new RatedItems(model, log, users, items);
        assertThat(rated.ofUser(0)).containsExactly(0, 3);
        assertThat(rated.ofUser(1)).containsExactly(2);
    }

    @Test
    void aUserWithoutRatingsHasANullRowAndNoItems() {
        RatingLog onlyB = new RatingLog.Builder().add(0, 0, 5, 0).build();
        RatedItems rated = new RatedItems(model, onlyB, users, items);
        assertThat(rated.byUser()[0]).isNull();
        assertThat(rated.ofUser(0)).isEmpty();
    }
}
