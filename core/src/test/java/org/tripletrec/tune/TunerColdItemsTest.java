package org.tripletrec.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.eval.ColdStartEvaluator;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.train.TrainingListener;

/** A search with items held out as new ones: they never train, and every evaluation ranks them from features. */
class TunerColdItemsTest {
    private static final FeedbackPolicy SEED_LABELS = new FeedbackPolicy(5, 2);
    private static final List<String> CHANNELS_OFF = List.of("exposure_weight", "dislike_weight");

    /** The planted data's two taste groups as item features, and a weaker feature shared across them. */
    private static FeatureMatrix groups(IdIndex items) {
        SideFeatures.Builder b = new SideFeatures.Builder("test");
        for (int i = 0; i < items.size(); i++) {
            b.put(items.id(i), i < 20 ? "group:a" : "group:b", 1f);
            b.put(items.id(i), "tag:" + (i % 3), 0.5f);
        }
        return FeatureMatrix.build(items, b.build(), true, true, new IdIndex()).matrix();
    }

    private static TuneSplit split(Dataset all, double share, long seed) {
        ColdItems held = ColdItems.holdOut(all, share, seed);
        Dataset carved = ValidationSplit.carve(held.split(), SplitSpec.holdout(0.2), seed);
        return new TuneSplit(carved.trainInteractions(SEED_LABELS), carved.testInteractions(SEED_LABELS),
                held.items(), held.split().testInteractions(SEED_LABELS));
    }

    @Test
    void holdingOutTakesEveryRatingOfASeededShareOfTheRatedItems() {
        Dataset all = TunerTest.planted();
        ColdItems held = ColdItems.holdOut(all, 0.25, 3);
        assertThat(held.items()).hasSize(10).isSorted();
        assertThat(held.split().train().size() + held.split().test().size()).isEqualTo(all.train().size());
        for (int k = 0; k < held.split().train().size(); k++) {
            assertThat(Arrays.binarySearch(held.items(), held.split().train().item(k))).isNegative();
        }
        for (int k = 0; k < held.split().test().size(); k++) {
            assertThat(Arrays.binarySearch(held.items(), held.split().test().item(k))).isNotNegative();
        }
        assertThat(held.split().users()).isSameAs(all.users());
        assertThat(ColdItems.holdOut(all, 0.25, 3).items()).isEqualTo(held.items());
        assertThat(ColdItems.holdOut(all, 0.25, 4).items()).isNotEqualTo(held.items());
        assertThatThrownBy(() -> ColdItems.holdOut(all, 1, 3)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ColdItems.holdOut(all, 0, 3)).hasMessageContaining("between 0 and 1");
        // a split whose training data rates a held-out item is refused
        Interactions allRatings = all.trainInteractions(SEED_LABELS);
        assertThatThrownBy(() -> new TuneSplit(allRatings, allRatings, held.items(),
                held.split().testInteractions(SEED_LABELS))).hasMessageContaining("has a training rating");
    }

    @Test
    void heldOutItemsNeverTrainAndEveryEvaluationScoresThem() {
        Dataset all = TunerTest.planted();
        FeatureMatrix features = groups(all.items());
        TuneSplit search = split(all, 0.25, 3);
        TuneSplit further = split(all, 0.25, 4);
        TrainerConfig base = Presets.single().toBuilder().dim(8).build();
        List<TrainingInput> seen = new ArrayList<>();
        TuneResult r = Tuner.builder().data(search, all.users(), all.items()).features(null, features).base(base)
                .space(SearchSpace.all().fixing(CHANNELS_OFF)).maxTrials(3).parallel(1).maxEpochs(3)
                .confirm(1, 1).confirmOn(further).budgetSeconds(60)
                .onInput(input -> {
                    synchronized (seen) {
                        seen.add(input);
                    }
                })
                .build().run();

        // three trials, one finalist run and the starting config's, each on a split without its held-out items
        assertThat(seen).hasSize(5);
        for (TrainingInput input : seen) {
            assertThat(input.itemFeatures()).isSameAs(features);
            TuneSplit on = input.train() == search.train() ? search : further;
            assertThat(input.train()).isSameAs(on.train());
            for (int u = 0; u < input.train().numUsers(); u++) {
                for (int i : on.coldItems()) {
                    assertThat(input.train().isRated(u, i)).isFalse();
                }
            }
        }
        assertThat(seen.stream().filter(i -> i.train() == further.train())).hasSize(2);
        for (Trial t : r.trials()) {
            assertThat(t.metrics().asMap()).containsKeys(Metrics.FULL_AUC, "ndcg@10", ColdStartEvaluator.AUC,
                    ColdStartEvaluator.POS_NEG_AUC, "cold_ndcg@10", "cold_dislike@10");
            assertThat(t.metrics().get(ColdStartEvaluator.ITEMS)).isEqualTo(10);
            assertThat(t.metrics().get(ColdStartEvaluator.USERS)).isPositive();
        }
        // the finalist's run is the warm validation and the held-out items of the further split, as measured apart
        Confirmation c = r.confirmations().get(0);
        TrainerConfig again = c.trial().tunedConfig().toBuilder().seed(base.seed() + 1).build();
        EmbeddingModel model = new Trainer(again).fit(TrainingInput.of(further.train(), all.users(), all.items(), "t")
                .withFeatures(null, features), TrainingListener.NONE);
        Map<String, Double> expected = new LinkedHashMap<>(Evaluator.builder().ks(10).threads(1).build()
                .evaluate(model, further.train(), further.validation()).asMap());
        expected.putAll(ColdStartEvaluator.defaults().evaluate(model, further.coldValidation(), further.coldItems())
                .asMap());
        assertThat(c.runs().get(0)).isEqualTo(new Metrics(expected));
        assertThat(r.baseline().asMap()).containsKey("cold_ndcg@10");
    }

    @Test
    void aBoundOnAColdMetricFiltersTrials() {
        Dataset all = TunerTest.planted();
        FeatureMatrix features = groups(all.items());
        TuneSplit search = split(all, 0.25, 3);
        TrainerConfig base = Presets.single().toBuilder().dim(8).build();
        // two epochs and no rung: every trial trains the same whatever the objective
        Tuner.Builder b = Tuner.builder().data(search, all.users(), all.items()).features(null, features).base(base)
                .space(SearchSpace.all().fixing(CHANNELS_OFF)).maxTrials(6).parallel(1).maxEpochs(2).rungs(2, 3)
                .confirm(0, 0).budgetSeconds(60);
        TuneResult free = b.objective(Objective.parse("ndcg@10")).build().run();
        double bestCold = free.trials().stream().mapToDouble(t -> t.metrics().get("cold_ndcg@10")).max().orElseThrow();
        assertThat(free.bestMetrics().get("cold_ndcg@10")).as("the unbounded winner is not the best on new items")
                .isLessThan(bestCold);

        Objective bounded = Objective.parse("ndcg@10").withMin("cold_ndcg@10", bestCold);
        TuneResult r = b.objective(bounded).build().run();
        assertThat(bounded.feasible(r.bestMetrics())).isTrue();
        assertThat(r.bestMetrics().get("cold_ndcg@10")).isGreaterThanOrEqualTo(bestCold);
        assertThat(r.best()).isNotEqualTo(free.best());
    }

    @Test
    void aColdMetricNeedsItemsHeldOut() {
        Dataset carved = ValidationSplit.carve(TunerTest.planted(), SplitSpec.holdout(0.2), 3);
        assertThatThrownBy(() -> Tuner.builder().data(carved.trainInteractions(SEED_LABELS),
                        carved.testInteractions(SEED_LABELS), carved.users(), carved.items()).base(Presets.single())
                .objective(Objective.parse("ndcg@10").withMin("cold_ndcg@10", 0.1)).build())
                .hasMessageContaining("names a cold-start metric");
        assertThat(Objective.parse("cold_ndcg@5+ndcg@20").coldKs()).containsExactly(5);
        assertThat(Objective.parse("cold_ndcg@5+ndcg@20").ks()).containsExactly(20);
        assertThat(Objective.parse("ndcg@10").namesColdMetric()).isFalse();
        assertThat(Objective.parse("ndcg@10").withMax("cold_dislike@10", 0.01).namesColdMetric()).isTrue();
        assertThat(Objective.parse("cold_auc").namesColdMetric()).isTrue();
    }
}
