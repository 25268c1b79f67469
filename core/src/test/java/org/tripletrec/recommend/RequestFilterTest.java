package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.recommend.RequestFilter.Match;

/**
 * Request filters on {@link RecommenderTest#model()} (user a scores items i0..i4 as 3, 1, 2, 2, -1, so its full
 * list is i0, i2, i3, i1, i4), with genre:x on i0, i1, i2 and genre:y on i2, i3; i4 has no feature.
 */
class RequestFilterTest {
    static EmbeddingModel withGenres() {
        EmbeddingModel m = RecommenderTest.model();
        SideFeatures genres = new SideFeatures.Builder("test").put("i0", "genre:x", 1f).put("i1", "genre:x", 1f)
                .put("i2", "genre:x", 1f).put("i2", "genre:y", 1f).put("i3", "genre:y", 1f).build();
        FeatureMatrix items = FeatureMatrix.build(m.items(), genres, true, true, new IdIndex()).matrix();
        return m.withFeatures(new FeatureTables(null, items, null, new float[items.numParams()], null));
    }

    private static final EmbeddingModel MODEL = withGenres();
    private static final Recommender RECOMMENDER = new Recommender(MODEL);

    private static List<String> top(RequestFilter f) {
        return RECOMMENDER.recommend(0, 5, f.resolve(MODEL)).stream().map(s -> MODEL.items().id(s.item())).toList();
    }

    @Test
    void noFilterLetsEveryItemThrough() {
        assertThat(RequestFilter.none().isEmpty()).isTrue();
        assertThat(top(RequestFilter.none())).containsExactly("i0", "i2", "i3", "i1", "i4");
        assertThat(RequestFilter.none().resolve(MODEL).allowsAtMost()).isEqualTo(ItemFilter.UNBOUNDED);
    }

    @Test
    void excludeLeavesOutKnownIdsAndIgnoresUnknownOnes() {
        RequestFilter f = RequestFilter.none().withExclude(List.of("i2", " i0 ", "nope", ""));
        assertThat(f.exclude()).containsExactly("i2", "i0", "nope");
        assertThat(top(f)).containsExactly("i3", "i1", "i4");
        assertThat(top(RequestFilter.none().withExclude(List.of("nope")))).hasSize(5);
    }

    @Test
    void candidatesKeepOnlyTheKnownOnesAndSayHowManyThatIs() {
        RequestFilter f = RequestFilter.none().withCandidates(List.of("i4", "i1", "nope", "i1"));
        assertThat(top(f)).containsExactly("i1", "i4");
        assertThat(f.resolve(MODEL).allowsAtMost()).isEqualTo(2);
        // only unknown candidates: nothing is allowed (the request asked for those items alone)
        RequestFilter unknown = RequestFilter.none().withCandidates(List.of("nope"));
        assertThat(unknown.isEmpty()).isFalse();
        assertThat(top(unknown)).isEmpty();
        assertThat(unknown.resolve(MODEL).allowsAtMost()).isZero();
        assertThat(RequestFilter.none().withCandidates(null).isEmpty()).isTrue();
    }

    @Test
    void featuresMatchAnyOrAllAndBoundWhatTheyAllow() {
        RequestFilter x = RequestFilter.none().withFeatures(List.of("genre:x"), Match.ANY);
        assertThat(top(x)).containsExactly("i0", "i2", "i1");
        assertThat(x.resolve(MODEL).allowsAtMost()).isEqualTo(3);
        RequestFilter any = RequestFilter.none().withFeatures(List.of("genre:x", "genre:y"), Match.ANY);
        assertThat(top(any)).containsExactly("i0", "i2", "i3", "i1");
        assertThat(any.resolve(MODEL).allowsAtMost()).isEqualTo(5); // 3 + 2: a bound, i2 counted twice
        RequestFilter all = RequestFilter.none().withFeatures(List.of("genre:y", "genre:x"), Match.ALL);
        assertThat(top(all)).containsExactly("i2");
        assertThat(all.resolve(MODEL).allowsAtMost()).isEqualTo(2); // the rarer of the two
        // what exact search scores alone when the bound is small: the union, or the rarest feature's items
        assertThat(any.resolve(MODEL).allowedItems()).containsExactly(0, 1, 2, 3);
        assertThat(all.resolve(MODEL).allowedItems()).containsExactly(2, 3);
        assertThat(x.resolve(MODEL).allowedItems()).containsExactly(0, 1, 2);
        assertThat(RequestFilter.none().withCandidates(List.of("i4", "i1")).withFeatures(List.of("genre:x"), Match.ANY)
                .resolve(MODEL).allowedItems()).containsExactly(1, 4); // the candidates: the smaller bound
        assertThat(RequestFilter.none().withExclude(List.of("i1")).resolve(MODEL).allowedItems()).isNull();
    }

    @Test
    void filtersCombineWithEachOtherAndWithTheRatedItems() {
        RequestFilter f = RequestFilter.none().withFeatures(List.of("genre:x", "genre:y"), Match.ANY)
                .withCandidates(List.of("i1", "i2", "i3", "i4")).withExclude(List.of("i3"));
        assertThat(top(f)).containsExactly("i2", "i1");
        assertThat(f.resolve(MODEL).allowsAtMost()).isEqualTo(4);
        Interactions rated = Interactions.of(new RatingLog.Builder().add(0, 2, 5, 0).build(),
                new FeedbackPolicy(4, 2), 2, 5);
        ItemFilter both = ItemFilter.excludeRated(rated).and(f.resolve(MODEL));
        assertThat(RECOMMENDER.recommend(0, 5, both)).extracting(Scored::item).containsExactly(1);
        // user b (index 1) rated nothing: the rated filter leaves its list alone
        assertThat(RECOMMENDER.recommend(1, 5, both)).extracting(Scored::item).containsExactly(1, 2);
    }

    @Test
    void theFilterIsAskedOnlyAboutItemsThatWouldEnterTheList() {
        ItemFilter genres = RequestFilter.none().withFeatures(List.of("genre:x", "genre:y"), Match.ANY).resolve(MODEL);
        AtomicInteger asked = new AtomicInteger();
        ItemFilter counted = (u, i) -> {
            asked.incrementAndGet();
            return genres.allows(u, i);
        };
        // top 1 of a's 3, 1, 2, 2, -1: i0 enters first and nothing after it scores higher
        assertThat(RECOMMENDER.recommend(0, 1, counted)).extracting(Scored::item).containsExactly(0);
        assertThat(asked).hasValue(1);
    }

    @Test
    void unknownFeaturesAndFeaturesOfAModelWithoutThemAreErrorsNamingThem() {
        RequestFilter f = RequestFilter.none().withFeatures(List.of("genre:x", "genre:z", "decade:1990s"), Match.ALL);
        assertThatThrownBy(() -> f.resolve(MODEL)).isInstanceOf(UnknownIdsException.class)
                .hasMessage("unknown item features: genre:z, decade:1990s")
                .satisfies(e -> assertThat(((UnknownIdsException) e).ids()).containsExactly("genre:z", "decade:1990s"));
        RequestFilter x = RequestFilter.none().withFeatures(List.of("genre:x"), Match.ANY);
        assertThatThrownBy(() -> x.resolve(RecommenderTest.model())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model has no item features, so it cannot filter by genre:x");
        // without features the same request filter is fine
        assertThat(RequestFilter.none().withExclude(List.of("i0")).resolve(RecommenderTest.model()).allows(0, 0))
                .isFalse();
    }

    @Test
    void matchParsesAnyAndAllOnly() {
        assertThat(Match.parse(" ALL ")).isEqualTo(Match.ALL);
        assertThat(Match.parse("any")).isEqualTo(Match.ANY);
        assertThat(Match.ALL.label()).isEqualTo("all");
        assertThatThrownBy(() -> Match.parse("some")).hasMessage("feature match must be any or all, got 'some'");
    }
}
