package org.tripletrec.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.LoadReport;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

class TunerTest {
    private static final FeedbackPolicy SEED_LABELS = new FeedbackPolicy(5, 2);

    /** 60 users, 40 items in two taste groups: likes in the own half, dislikes in the other. */
    static Dataset planted() {
        SplittableRandom rng = new SplittableRandom(11);
        RatingLog.Builder b = new RatingLog.Builder();
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            users.add("u" + u);
            for (int i = 0; i < 40; i++) {
                if (rng.nextDouble() < 0.35) {
                    boolean mine = (i < 20) == (u % 2 == 0);
                    b.add(u, i, mine ? (rng.nextDouble() < 0.7 ? 5 : 4) : (rng.nextDouble() < 0.7 ? 1 : 3), 0);
                }
            }
        }
        for (int i = 0; i < 40; i++) {
            items.add("i" + i);
        }
        RatingLog all = b.build();
        return new Dataset("planted", IdIndex.of(users), IdIndex.of(items), all, new RatingLog.Builder(0).build(),
                java.util.Map.of(), new LoadReport(all.size(), 0, 0, 0, 0, 0));
    }

    private static Tuner.Builder tuner(Dataset carved, TrainerConfig base) {
        return Tuner.builder()
                .data(carved.trainInteractions(SEED_LABELS), carved.testInteractions(SEED_LABELS), carved.users(),
                        carved.items())
                .base(base);
    }

    @Test
    void aSearchFindsAConfigThatBeatsABadStartAndKeepsItsBestEpoch() {
        Dataset carved = ValidationSplit.carve(planted(), SplitSpec.holdout(0.2), 3);
        TrainerConfig bad = Presets.single().toBuilder().dim(2).epochs(1).learningRate(0.001f).build();
        List<Trial> heard = new ArrayList<>();
        TuneResult r = tuner(carved, bad.toBuilder().epochs(6).build())
                .objective(Objective.parse("ndcg@10"))
                .space(SearchSpace.all().fixing(List.of("exposure_weight", "dislike_weight")))
                .maxTrials(6).parallel(2).maxEpochs(6).rungs(2, 3).confirm(2, 1).budgetSeconds(60)
                .listener(new TuneListener() {
                    @Override
                    public void onTrial(Trial t) {
                        heard.add(t);
                    }
                })
                .build().run();
        assertThat(r.trials()).hasSize(6).extracting(Trial::id).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(heard).hasSize(6);
        assertThat(r.confirmed()).isTrue();
        assertThat(r.confirmations()).hasSize(2);
        Trial winner = r.confirmations().stream()
                .filter(c -> c.trial().tunedConfig().toBuilder().seed(1L).threads(1).build().equals(r.best()))
                .findFirst().orElseThrow().trial();
        assertThat(r.best().epochs()).isEqualTo(winner.bestEpoch()).isBetween(1, 6);
        assertThat(r.best().exposureWeight()).isZero();
        assertThat(r.best().seed()).isEqualTo(bad.seed());
        for (Trial t : r.trials()) {
            assertThat(t.epochsRun()).isBetween(1, 6);
            assertThat(t.config().epochs()).isEqualTo(6);
        }
        // the untuned start on the same validation split
        Interactions train = carved.trainInteractions(SEED_LABELS);
        var startModel = new org.tripletrec.train.Trainer(bad).fit(train, carved.users(), carved.items(), "t",
                org.tripletrec.train.TrainingListener.NONE);
        double start = org.tripletrec.eval.Evaluator.builder().ks(10).build()
                .evaluate(startModel, train, carved.testInteractions(SEED_LABELS)).get("ndcg@10");
        assertThat(r.bestMetrics().get("ndcg@10")).isGreaterThan(start);
    }

    @Test
    void trialsDrawTheSameConfigsForASeedAndFixedKeysKeepTheBaseValue() {
        Dataset carved = ValidationSplit.carve(planted(), SplitSpec.holdout(0.2), 3);
        TrainerConfig base = Presets.single().toBuilder().dim(8).build();
        SearchSpace space = SearchSpace.all().fixing(List.of("dim"));
        TuneResult a = tuner(carved, base).space(space).maxTrials(3).parallel(1).maxEpochs(2).confirm(0, 0)
                .seed(5).build().run();
        TuneResult b = tuner(carved, base).space(space).maxTrials(3).parallel(1).maxEpochs(2).confirm(0, 0)
                .seed(5).build().run();
        assertThat(a.trials()).extracting(Trial::config).isEqualTo(b.trials().stream().map(Trial::config).toList());
        assertThat(a.trials()).extracting(t -> t.config().dim()).containsOnly(8);
        assertThat(a.trials().get(0).config()).isNotEqualTo(a.trials().get(1).config());
        assertThat(space.searched()).doesNotContain("dim").contains("learning_rate", "dislike_weight");
    }

    @Test
    void finalistsAreMeasuredOnTheFurtherSplitsGiven() {
        Dataset carved = ValidationSplit.carve(planted(), SplitSpec.holdout(0.2), 3);
        Dataset other = ValidationSplit.carve(planted(), SplitSpec.holdout(0.2), 4);
        Interactions otherTrain = other.trainInteractions(SEED_LABELS);
        Interactions otherVal = other.testInteractions(SEED_LABELS);
        TrainerConfig base = Presets.single().toBuilder().dim(8).build();
        TuneResult r = tuner(carved, base).space(SearchSpace.all().fixing(List.of("exposure_weight", "dislike_weight")))
                .maxTrials(3).parallel(1).maxEpochs(3).confirm(1, 1).confirmOn(otherTrain, otherVal).build().run();
        Confirmation c = r.confirmations().get(0);
        TrainerConfig again = c.trial().tunedConfig().toBuilder().seed(base.seed() + 1).build();
        var model = new org.tripletrec.train.Trainer(again).fit(otherTrain, carved.users(), carved.items(), "t",
                org.tripletrec.train.TrainingListener.NONE);
        assertThat(c.runs().get(0)).isEqualTo(org.tripletrec.eval.Evaluator.builder().ks(10).threads(1).build()
                .evaluate(model, otherTrain, otherVal));
        assertThat(r.bestMetrics()).isEqualTo(c.mean());
        // the starting config is measured the same way, for comparison
        var baseModel = new org.tripletrec.train.Trainer(base.toBuilder().seed(base.seed() + 1).build()).fit(otherTrain,
                carved.users(), carved.items(), "t", org.tripletrec.train.TrainingListener.NONE);
        assertThat(r.baseline()).isEqualTo(org.tripletrec.eval.Evaluator.builder().ks(10).threads(1).build()
                .evaluate(baseModel, otherTrain, otherVal));
    }

    @Test
    void theBudgetEndsTheSearch() {
        Dataset carved = ValidationSplit.carve(planted(), SplitSpec.holdout(0.2), 3);
        long t0 = System.nanoTime();
        // trials of up to 200 epochs, each evaluated from its first epoch on: only the budget can end them
        TuneResult r = tuner(carved, Presets.single().toBuilder().dim(8).build())
                .space(SearchSpace.all().fixing(List.of("dim", "exposure_weight", "dislike_weight")))
                .maxEpochs(200).rungs(1, 3).parallel(2).budgetSeconds(2).build().run();
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(took).isLessThan(3.5);
        assertThat(r.seconds()).isLessThan(3.0);
        assertThat(r.trials()).isNotEmpty();
    }

    @Test
    void rungsAreEtaApartBelowTheLastEpoch() {
        Dataset carved = ValidationSplit.carve(planted(), SplitSpec.holdout(0.2), 3);
        Tuner t = tuner(carved, Presets.single()).maxEpochs(40).rungs(4, 3).build();
        assertThat(t.rungs()).containsExactly(4, 12, 36);
    }

    @Test
    void validationIsHoldoutOrLastOfTheTrainRatingsOnly() {
        Dataset all = planted();
        Dataset carved = ValidationSplit.carve(all, SplitSpec.last(2), 0);
        assertThat(carved.train().size() + carved.test().size()).isEqualTo(all.train().size());
        assertThat(carved.users()).isSameAs(all.users());
        assertThatThrownBy(() -> ValidationSplit.carve(all, SplitSpec.ua(), 0))
                .hasMessageContaining("holdout:FRACTION, holdout:N or");
        Dataset noLikes = new Dataset("x", all.users(), all.items(), all.train(), all.train(), java.util.Map.of(),
                all.report());
        Interactions none = Interactions.of(new RatingLog.Builder(0).build(), SEED_LABELS, 60, 40);
        assertThatThrownBy(() -> Tuner.builder().data(noLikes.trainInteractions(SEED_LABELS), none, all.users(),
                all.items()).base(Presets.single()).build()).hasMessageContaining("no likes");
    }

    @Test
    void theChannelsOwnParametersAreDrawnOnlyWhenNamed() {
        TrainerConfig base = Presets.single().toBuilder().dim(8).build();
        java.util.SplittableRandom one = new java.util.SplittableRandom(3), two = new java.util.SplittableRandom(3);
        SearchSpace named = SearchSpace.of(List.of("dislike_weight", "channel_loss", "channel_learning_rate",
                "channel_user_reg", "channel_item_reg"));
        for (int t = 0; t < 20; t++) {
            TrainerConfig all = SearchSpace.all().sample(base, one, 4);
            assertThat(all.hasChannelParams()).isFalse();
            TrainerConfig c = named.sample(base, two, 4);
            assertThat(c.hasChannelParams()).isTrue();
            assertThat(c.channelLearningRate()).isBetween(0.01f, 0.2f);
            assertThat(c.channelUserReg()).isBetween(0.001f, 0.1f);
            assertThat(c.channelItemReg()).isBetween(0.001f, 0.1f);
            assertThat(c.learningRate()).isEqualTo(base.learningRate());
            assertThat(c.loss()).isEqualTo(base.loss());
        }
        assertThat(named.searched()).containsExactly("dislike_weight", "channel_loss", "channel_learning_rate",
                "channel_user_reg", "channel_item_reg");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchSpace.of(List.of("channel_lr")))
                .hasMessage("unknown search key 'channel_lr'");
    }
}
