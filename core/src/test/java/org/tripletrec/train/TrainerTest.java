package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.sampling.SplitMix;

class TrainerTest {
    /** 40 users, 30 items, two taste groups: group g likes items of its half and dislikes the other half's. */
    static Interactions planted(long seed) {
        SplitMix rng = new SplitMix(seed);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < 40; u++) {
            int group = u % 2;
            for (int i = 0; i < 30; i++) {
                if (rng.nextDouble() < 0.4) {
                    boolean mine = (i < 15) == (group == 0);
                    b.add(u, i, mine ? 5 : 1, 0);
                }
            }
        }
        return Interactions.of(b.build(), new FeedbackPolicy(5, 2), 40, 30);
    }

    static IdIndex ids(String prefix, int n) {
        List<String> l = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            l.add(prefix + k);
        }
        return IdIndex.of(l);
    }

    static EmbeddingModel fit(TrainerConfig c, Interactions d) {
        return new Trainer(c).fit(d, ids("u", 40), ids("i", 30), "test", TrainingListener.NONE);
    }

    @Test
    void everyOptimiserAndLossLearnsThePlantedTastes() {
        Interactions d = planted(1);
        for (OptimizerKind opt : OptimizerKind.values()) {
            for (Loss loss : Loss.values()) {
                float lr = opt == OptimizerKind.SGD ? 0.5f : opt == OptimizerKind.ADAGRAD ? 0.2f : 0.05f;
                TrainerConfig c = Presets.seed().toBuilder().dim(8).epochs(30).optimizer(opt).loss(loss)
                        .learningRate(lr).batchSize(opt == OptimizerKind.ADAM ? 8 : 1).build();
                EmbeddingModel m = fit(c, d);
                // user 0 (group 0) must score an unseen-by-pattern item of its half above one of the other half
                int correct = 0, total = 0;
                for (int u = 0; u < 40; u++) {
                    for (int mine = 0; mine < 15; mine++) {
                        int a = (u % 2 == 0) ? mine : mine + 15;
                        int b = (u % 2 == 0) ? mine + 15 : mine;
                        total++;
                        if (m.score(u, a) > m.score(u, b)) {
                            correct++;
                        }
                    }
                }
                assertThat(correct / (double) total).as("%s / %s", opt, loss).isGreaterThan(0.9);
            }
        }
    }

    @Test
    void oneThreadWithASeedIsBitForBitRepeatable() {
        Interactions d = planted(2);
        for (String sampler : List.of("explicit", "warp", Presets.DEFAULT_SAMPLER, "seed-literal")) {
            TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(5).sampler(sampler).seed(42).build();
            EmbeddingModel a = fit(c, d);
            EmbeddingModel b = fit(c, d);
            assertThat(a.userFactors()).as(sampler).containsExactly(b.userFactors());
            assertThat(a.itemFactors()).as(sampler).containsExactly(b.itemFactors());
            assertThat(a.itemBias()).as(sampler).containsExactly(b.itemBias());
            EmbeddingModel other = fit(c.toBuilder().seed(43).build(), d);
            assertThat(other.itemFactors()).as(sampler).isNotEqualTo(a.itemFactors());
        }
    }

    @Test
    void theItemTableIsSharedByPositivesAndNegatives() {
        // One triplet, SGD, batch 1, sigmoid loss: the positive's and the negative's rows of the ONE item table
        // move by +/- the same step, g * U[u]: the gradients of MODEL.md.
        RatingLog log = new RatingLog.Builder().add(0, 0, 5, 0).add(0, 1, 1, 0).build();
        Interactions d = Interactions.of(log, new FeedbackPolicy(5, 2), 1, 2);
        TrainerConfig c = Presets.seed().toBuilder().dim(3).epochs(1).optimizer(OptimizerKind.SGD)
                .learningRate(1f).batchSize(1).initScale(0.5f).build();
        EmbeddingModel before = new Trainer(c.toBuilder().epochs(0).build())
                .fit(d, ids("u", 1), ids("i", 2), "t", TrainingListener.NONE);
        EmbeddingModel after = fit1(c, d);
        float[] u = before.userVector(0), p = before.itemVector(0), n = before.itemVector(1);
        double x = 0;
        for (int j = 0; j < 3; j++) {
            x += u[j] * (p[j] - n[j]);
        }
        double s = 1 / (1 + Math.exp(-x));
        double g = -s * (1 - s);
        for (int j = 0; j < 3; j++) {
            assertThat((double) after.itemVector(0)[j]).isCloseTo(p[j] - g * u[j], org.assertj.core.data.Offset.offset(1e-6));
            assertThat((double) after.itemVector(1)[j]).isCloseTo(n[j] + g * u[j], org.assertj.core.data.Offset.offset(1e-6));
            assertThat((double) after.userVector(0)[j]).isCloseTo(u[j] - g * (p[j] - n[j]), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private static EmbeddingModel fit1(TrainerConfig c, Interactions d) {
        return new Trainer(c).fit(d, ids("u", 1), ids("i", 2), "t", TrainingListener.NONE);
    }

    @Test
    void aDivergingRunStopsWithAClearMessage() {
        Interactions d = planted(3);
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(3).optimizer(OptimizerKind.SGD)
                .loss(Loss.MARGIN).sampler("unrated").learningRate(1e30f).build();
        assertThatThrownBy(() -> fit(c, d)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("epoch 1").hasMessageContaining("learning rate");
    }

    @Test
    void byUserOrderVisitsEveryAnchorOnceWithEachUsersAnchorsTogether() {
        Interactions d = planted(3);
        int[] order = new int[d.anchorCount()];
        SplitMix rng = new SplitMix(7);
        int[] firstUsers = new int[2];
        for (int epoch = 0; epoch < 2; epoch++) {
            Trainer.groupByUser(order, d, rng);
            int[] sorted = order.clone();
            java.util.Arrays.sort(sorted);
            for (int k = 0; k < sorted.length; k++) {
                assertThat(sorted[k]).isEqualTo(k);
            }
            java.util.Set<Integer> finished = new java.util.HashSet<>();
            for (int k = 1; k < order.length; k++) {
                int prev = d.anchorUser(order[k - 1]), cur = d.anchorUser(order[k]);
                if (prev != cur) {
                    assertThat(finished.add(prev)).as("user %d appears in two runs", prev).isTrue();
                    assertThat(finished).doesNotContain(cur);
                }
            }
            firstUsers[epoch] = d.anchorUser(order[0]);
        }
        // a fresh user order each epoch (seed 7: the first users differ)
        assertThat(firstUsers[0]).isNotEqualTo(firstUsers[1]);
        // and a model trained that way still learns the planted tastes
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(30).sampler("unrated").learningRate(0.2f)
                .order(AnchorOrder.BY_USER).build();
        EmbeddingModel m = fit(c, d);
        int correct = 0;
        for (int u = 0; u < 40; u++) {
            int a = u % 2 == 0 ? 3 : 18, b = u % 2 == 0 ? 18 : 3;
            if (m.score(u, a) > m.score(u, b)) {
                correct++;
            }
        }
        assertThat(correct).isGreaterThanOrEqualTo(36);
    }

    @Test
    void configSurvivesItsPropertiesForm() {
        for (String p : Presets.NAMES) {
            TrainerConfig c = Presets.byName(p);
            assertThat(TrainerConfig.fromProperties(c.toProperties())).isEqualTo(c);
        }
        TrainerConfig byUser = Presets.single().toBuilder().order(AnchorOrder.BY_USER).build();
        assertThat(TrainerConfig.fromProperties(byUser.toProperties())).isEqualTo(byUser);
        // model files written before the option existed have no "order": they trained shuffled
        java.util.Map<String, String> old = new java.util.HashMap<>(byUser.toProperties());
        old.remove("order");
        assertThat(TrainerConfig.fromProperties(old).order()).isEqualTo(AnchorOrder.SHUFFLED);
        TrainerConfig newItems = Presets.single().toBuilder().newItemWeight(0.5f).build();
        assertThat(TrainerConfig.fromProperties(newItems.toProperties())).isEqualTo(newItems);
        // files from before the new-item term trained without it
        old.remove("new_item_weight");
        assertThat(TrainerConfig.fromProperties(old).newItemWeight()).isZero();
        assertThatThrownBy(() -> Presets.single().toBuilder().newItemWeight(-1f).build())
                .hasMessageContaining("new-item weight");
        assertThatThrownBy(() -> AnchorOrder.parse("sorted")).hasMessageContaining("shuffled, by-user");
        assertThatThrownBy(() -> Presets.byName("nope")).hasMessageContaining("unknown preset 'nope'");
        assertThatThrownBy(() -> Presets.seed().toBuilder().dim(0).build()).hasMessageContaining("dim");
        assertThatThrownBy(() -> Presets.seed().toBuilder().negativeThreshold(5).build())
                .hasMessageContaining("below the positive threshold");
    }

    @Test
    void listenerHearsEveryEpochWithTripletCounts() {
        Interactions d = planted(4);
        List<EpochStats> seen = new ArrayList<>();
        new Trainer(Presets.seed().toBuilder().dim(4).epochs(3).build()).fit(d, ids("u", 40), ids("i", 30), "t",
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats stats, EmbeddingModel model) {
                        seen.add(stats);
                    }
                });
        assertThat(seen).extracting(EpochStats::epoch).containsExactly(1, 2, 3);
        assertThat(seen.get(0).triplets()).isEqualTo(d.anchorCount());
        assertThat(seen.get(2).meanLoss()).isLessThan(seen.get(0).meanLoss());
    }
}
