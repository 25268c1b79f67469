package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

class AudienceTest {

    /**
     * dim 2. Users u0 (1, 0), u1 (0, 1), u2 (-1, 0), u3 (1, 1); items i0 (1, 0), i1 (0, 1), i2 (-1, -1). Item
     * features genre:a (parameter row (1, 0), bias 0.3) and genre:b ((0, 2), bias 0.5), feature weights
     * normalised to unit length: an item with genre:a alone is (1, 0) with bias 0.3, one with both genres
     * (1, 2) / sqrt(2) with bias 0.8 / sqrt(2).
     */
    static EmbeddingModel handMade() {
        IdIndex users = IdIndex.of(List.of("u0", "u1", "u2", "u3"));
        IdIndex items = IdIndex.of(List.of("i0", "i1", "i2"));
        ModelInfo info = new ModelInfo(1, Presets.single(), "", "test", Instant.EPOCH, Map.of());
        EmbeddingModel m = new EmbeddingModel(2, new float[] {1, 0, 0, 1, -1, 0, 1, 1},
                new float[] {1, 0, 0, 1, -1, -1}, new float[] {0.1f, 0.2f, 0.3f}, users, items, info);
        SideFeatures f = new SideFeatures.Builder("t").put("i0", "genre:a", 1f).put("i1", "genre:b", 1f).build();
        FeatureMatrix matrix = FeatureMatrix.build(items, f, true, true, new IdIndex()).matrix();
        float[] params = new float[matrix.numParams() * 2];
        float[] bias = new float[matrix.numParams()];
        int a = matrix.featureParam(matrix.features().indexOf("genre:a"));
        int b = matrix.featureParam(matrix.features().indexOf("genre:b"));
        params[a * 2] = 1f;
        params[b * 2 + 1] = 2f;
        bias[a] = 0.3f;
        bias[b] = 0.5f;
        return m.withFeatures(new FeatureTables(null, matrix, null, params, bias));
    }

    @Test
    void fromFeaturesAloneTheItemIsTheirCompositionAndUsersAndItemsRankByIt() {
        EmbeddingModel m = handMade();
        Audience.Result r = new Audience(m).find(Audience.Query.resolve(m, List.of(), List.of(), List.of("genre:a")), 2);
        assertThat(r.vector()).containsExactly(1f, 0f);
        assertThat(r.bias()).isCloseTo(0.3f, within(1e-6f));
        // scores u0 1.3, u1 0.3, u2 -0.7, u3 1.3: the tie goes to the lower index
        assertThat(r.users()).extracting(Scored::item).containsExactly(0, 3);
        assertThat(r.users().get(0).score()).isCloseTo(1.3f, within(1e-6f));
        // cosines with (1, 0): i0 1, i1 0, i2 -0.7071
        Audience.Result all = new Audience(m).find(Audience.Query.resolve(m, null, null, List.of("genre:a")), 3);
        assertThat(all.similar()).extracting(Scored::item).containsExactly(0, 1, 2);
        assertThat(all.similar().get(2).score()).isCloseTo((float) -Math.sqrt(0.5), within(1e-6f));

        Audience.Result both = new Audience(m).find(
                Audience.Query.resolve(m, List.of(), List.of(), List.of("genre:a", " genre:b", "genre:a")), 4);
        double root2 = Math.sqrt(2);
        assertThat(both.vector()[0]).isCloseTo((float) (1 / root2), within(1e-6f));
        assertThat(both.vector()[1]).isCloseTo((float) (2 / root2), within(1e-6f));
        assertThat(both.bias()).isCloseTo((float) (0.8 / root2), within(1e-6f));
        // dots 3, 2, 1, -1 over sqrt(2), plus the bias
        assertThat(both.users()).extracting(Scored::item).containsExactly(3, 1, 0, 2);
    }

    @Test
    void errorsNameWhatIsWrong() {
        EmbeddingModel m = handMade();
        assertThatThrownBy(() -> Audience.Query.resolve(m, List.of("u0", "x"), List.of("y"), List.of("genre:zz")))
                .isInstanceOf(UnknownIdsException.class).hasMessage("unknown user ids: x, y");
        assertThatThrownBy(() -> Audience.Query.resolve(m, List.of("u0"), List.of(), List.of("genre:zz", "genre:a")))
                .isInstanceOf(UnknownIdsException.class).hasMessage("unknown item features: genre:zz");
        assertThatThrownBy(() -> Audience.Query.resolve(m, List.of(" "), List.of(), List.of()))
                .hasMessage("no user who liked or disliked the item and no feature of it: give at least one");
        assertThatThrownBy(() -> Audience.Query.resolve(m, List.of("u1"), List.of("u1"), List.of()))
                .hasMessage("user 'u1' both liked and disliked the item");
        EmbeddingModel plain = RecommenderTest.model();
        assertThatThrownBy(() -> Audience.Query.resolve(plain, List.of("a"), List.of(), List.of("genre:a")))
                .hasMessage("the model has no item features, so it cannot place an item by genre:a");
        assertThat(Audience.Query.resolve(plain, List.of("a"), List.of(), List.of()).likedBy()).containsExactly(0);
    }

    /** Two taste groups: users and items of the same parity like each other, the other group's items not. */
    private static EmbeddingModel twoGroups() {
        int users = 60, items = 40;
        IdIndex u = new IdIndex(), i = new IdIndex();
        for (int k = 0; k < users; k++) {
            u.add("u" + k);
        }
        for (int k = 0; k < items; k++) {
            i.add("i" + k);
        }
        Random random = new Random(3);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int user = 0; user < users; user++) {
            for (int item = 0; item < items; item++) {
                if (random.nextInt(5) < 3) {
                    b.add(user, item, user % 2 == item % 2 ? 5 : 1, 0);
                }
            }
        }
        TrainerConfig config = Presets.single().toBuilder().dim(8).epochs(10).threads(1).seed(1).build();
        Interactions train = Interactions.of(b.build(), new FeedbackPolicy(config.positiveThreshold(),
                config.negativeThreshold()), users, items);
        return new Trainer(config).fit(train, u, i, "", TrainingListener.NONE);
    }

    @Test
    void anItemLikedByOneGroupIsForThatGroupAndLikeItsItems() {
        EmbeddingModel m = twoGroups();
        Audience audience = new Audience(m);
        Audience.Query q = Audience.Query.resolve(m, List.of("u0", "u2", "u4", "u6"), List.of("u1", "u3"), List.of());
        Audience.Result r = audience.find(q, 10);
        assertThat(r.users()).hasSize(10).allMatch(s -> s.item() % 2 == 0)
                .noneMatch(s -> s.item() <= 6);
        assertThat(r.similar()).hasSize(10).allMatch(s -> s.item() % 2 == 0);
        for (int j = 1; j < r.users().size(); j++) {
            assertThat(r.users().get(j).score()).isLessThanOrEqualTo(r.users().get(j - 1).score());
        }
        // a user's score is the model's score formula applied to the new item
        Scored first = r.users().get(0);
        float dot = 0f;
        for (int d = 0; d < m.dim(); d++) {
            dot += m.userFactors()[first.item() * m.dim() + d] * r.vector()[d];
        }
        assertThat(first.score()).isEqualTo(dot + r.bias());
        // the same query gives the same answer
        assertThat(audience.find(q, 10).users()).isEqualTo(r.users());
    }
}
