package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tripletrec.model.EmbeddingModel;

/** Raw ids of a new user's likes and dislikes resolved against a model's items (ids i0..i4 at indices 0..4). */
class FoldInQueryTest {
    private final EmbeddingModel model = RecommenderTest.model();

    @Test
    void resolvesIdsInOrderDroppingRepeatsAndSurroundingBlanks() {
        FoldInQuery q = FoldInQuery.resolve(model.items(), List.of("i3", " i1", "i3"), List.of("i4 "));
        assertThat(q.liked()).containsExactly(3, 1);
        assertThat(q.disliked()).containsExactly(4);
        assertThat(FoldInQuery.resolve(model.items(), List.of(), List.of("i0")).liked()).isEmpty();
    }

    @Test
    void namesEveryUnknownIdLikesFirst() {
        assertThatThrownBy(() -> FoldInQuery.resolve(model.items(), List.of("i1", "zz", "i9"), List.of("yy")))
                .isInstanceOfSatisfying(FoldInQuery.UnknownItemsException.class,
                        e -> assertThat(e.ids()).containsExactly("zz", "i9", "yy"))
                .hasMessage("unknown item ids: zz, i9, yy");
    }

    @Test
    void refusesNoItemsAndAnItemBothLikedAndDisliked() {
        assertThatThrownBy(() -> FoldInQuery.resolve(model.items(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> FoldInQuery.resolve(model.items(), List.of("i2"), List.of(" i2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("item 'i2' is both liked and disliked");
    }

    @Test
    void recommendsAsFoldInDoesAndNeverAGivenItem() {
        FoldInQuery q = FoldInQuery.resolve(model.items(), List.of("i0", "i2"), List.of("i4"));
        FoldIn foldIn = new FoldIn(model);
        Recommender recommender = new Recommender(model);
        List<Scored> top = q.recommend(foldIn, recommender, 5);
        assertThat(top).isEqualTo(foldIn.recommend(recommender, new int[] {0, 2}, new int[] {4}, 5));
        assertThat(top).extracting(Scored::item).containsExactlyInAnyOrder(1, 3);
    }
}
