package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;

class ChannelTrainerTest {
    private static final TrainerConfig BASE = Presets.single().toBuilder().dim(6).epochs(4).build();

    private static float[] block(float[] table, int rows, int dim, int from, int width, float scale) {
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                out[r * width + j] = table[r * dim + from + j] / scale;
            }
        }
        return out;
    }

    @Test
    void theJoinedModelIsEachChannelTrainedAloneSideBySide() {
        Interactions d = TrainerTest.planted(3);
        TrainerConfig c = BASE.toBuilder().exposureWeight(0.5f).dislikeWeight(2f).build();
        EmbeddingModel joined = TrainerTest.fit(c, d);
        assertThat(joined.dim()).isEqualTo(18);
        assertThat(joined.info().config()).isEqualTo(c);

        // each channel trained on its own, with the seeds and samplers the channel trainer gives it
        TrainerConfig plain = c.toBuilder().exposureWeight(0).dislikeWeight(0).build();
        EmbeddingModel main = TrainerTest.fit(plain, d);
        EmbeddingModel exposure = new Trainer(plain.toBuilder().sampler("popularity").seed(1L + 0x9E3779B97F4A7C15L).build())
                .fit(Channels.everyRatingLiked(d), TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test",
                        TrainingListener.NONE);
        EmbeddingModel preference = TrainerTest.fit(plain.toBuilder().sampler("explicit")
                .seed(1L + 2 * 0x9E3779B97F4A7C15L).build(), d);

        assertThat(block(joined.userFactors(), 40, 18, 0, 6, 1f)).containsExactly(main.userFactors());
        assertThat(block(joined.itemFactors(), 30, 18, 0, 6, 1f)).containsExactly(main.itemFactors());
        assertThat(block(joined.itemFactors(), 30, 18, 6, 6, 1f)).containsExactly(exposure.itemFactors());
        assertThat(block(joined.itemFactors(), 30, 18, 12, 6, 1f)).containsExactly(preference.itemFactors());
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 30; i++) {
                float expected = main.score(u, i) + 0.5f * exposure.score(u, i) + 2f * preference.score(u, i);
                assertThat(joined.score(u, i)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void everyRatingIsAnExposureAnchor() {
        Interactions d = TrainerTest.planted(3);
        Interactions rated = Channels.everyRatingLiked(d);
        assertThat(rated.anchorCount()).isEqualTo(d.totalRated());
        assertThat(rated.totalNegatives()).isZero();
        for (int u = 0; u < d.numUsers(); u++) {
            assertThat(rated.positives(u).toArray()).containsExactly(d.rated(u).toArray());
        }
    }

    @Test
    void theListenerHearsEachEpochOnceWithTheJoinedModelAndEveryChannelsTriplets() {
        Interactions d = TrainerTest.planted(3);
        for (int threads : new int[] {1, 2, 3}) {
            TrainerConfig c = BASE.toBuilder().exposureWeight(1f).dislikeWeight(1f).threads(threads).build();
            List<Integer> epochs = new ArrayList<>();
            List<Long> triplets = new ArrayList<>();
            List<Long> anchors = new ArrayList<>();
            EmbeddingModel[] seen = new EmbeddingModel[1];
            new Trainer(c).fit(d, TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test", new TrainingListener() {
                @Override
                public void onEpochStart(int epoch, long n) {
                    anchors.add(n);
                }

                @Override
                public void onEpoch(EpochStats stats, EmbeddingModel model) {
                    epochs.add(stats.epoch());
                    triplets.add(stats.triplets() + stats.skipped());
                    seen[0] = model;
                }
            });
            long perEpoch = 2L * d.anchorCount() + d.totalRated();
            assertThat(epochs).as("threads %d", threads).containsExactly(1, 2, 3, 4);
            assertThat(anchors).containsOnly(perEpoch).hasSize(4);
            assertThat(triplets).containsOnly(perEpoch);
            assertThat(seen[0].dim()).isEqualTo(18);
        }
    }

    @Test
    void oneThreadRepeatsBitForBitAndMoreThreadsStillLearn() {
        Interactions d = TrainerTest.planted(5);
        TrainerConfig c = BASE.toBuilder().epochs(10).exposureWeight(0.5f).dislikeWeight(1f).build();
        assertThat(TrainerTest.fit(c, d).userFactors()).containsExactly(TrainerTest.fit(c, d).userFactors());
        EmbeddingModel two = TrainerTest.fit(c.toBuilder().threads(2).build(), d);
        // group 0 likes items 0..14: its first user scores them above items 15..29 on the whole
        double mine = 0, other = 0;
        for (int i = 0; i < 15; i++) {
            mine += two.score(0, i);
            other += two.score(0, i + 15);
        }
        assertThat(mine).isGreaterThan(other);
    }

    @Test
    void aFailingChannelOrListenerStopsEveryChannelWithItsOwnException() {
        Interactions d = TrainerTest.planted(3);
        TrainerConfig c = BASE.toBuilder().epochs(50).exposureWeight(1f).dislikeWeight(1f).threads(2).build();
        IllegalStateException stop = new IllegalStateException("listener says stop");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() ->
                new Trainer(c).fit(d, TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test", new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats stats, EmbeddingModel model) {
                        if (stats.epoch() == 2) {
                            throw stop;
                        }
                    }
                })).isSameAs(stop));
        TrainerConfig diverging = c.toBuilder().optimizer(OptimizerKind.SGD).learningRate(1e30f).build();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() ->
                TrainerTest.fit(diverging, d)).isInstanceOf(TrainingDivergedException.class));
    }

    @Test
    void aWarmStartFromAJoinedModelContinuesEachChannelFromItsOwnColumns() {
        Interactions d = TrainerTest.planted(3);
        TrainerConfig c = BASE.toBuilder().exposureWeight(0.5f).dislikeWeight(2f).build();
        EmbeddingModel old = TrainerTest.fit(c, d);
        assertThat(old.optimizerState()).isNotNull();
        assertThat(old.optimizerState().users()[0]).hasSize(40 * 18);
        TrainingInput.WarmStart start = new TrainingInput.WarmStart(old.userFactors().clone(),
                old.itemFactors().clone(), old.itemBias().clone(), old.optimizerState());
        TrainingInput input = TrainingInput.of(d, TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test")
                .withStart(start);

        // no epoch: the same scores as the old model (the user columns divided by the weights and multiplied back)
        EmbeddingModel same = new Trainer(c.toBuilder().epochs(0).build()).fit(input, TrainingListener.NONE);
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 30; i++) {
                assertThat(same.score(u, i)).isCloseTo(old.score(u, i), org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        // a few epochs on a subset of the likes: every channel trains on; the state keeps the joined layout
        int[] someLikes = {0, 1, 2, 5, 8};
        EmbeddingModel updated = new Trainer(c.toBuilder().epochs(2).build()).fit(
                TrainingInput.of(d, TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test").withStart(
                        new TrainingInput.WarmStart(old.userFactors().clone(), old.itemFactors().clone(),
                                old.itemBias().clone(), old.optimizerState())).withAnchors(someLikes),
                TrainingListener.NONE);
        EmbeddingModel again = new Trainer(c.toBuilder().epochs(2).build()).fit(
                TrainingInput.of(d, TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test").withStart(
                        new TrainingInput.WarmStart(old.userFactors().clone(), old.itemFactors().clone(),
                                old.itemBias().clone(), old.optimizerState())).withAnchors(someLikes),
                TrainingListener.NONE);
        assertThat(again.userFactors()).containsExactly(updated.userFactors()); // every channel, the same draws
        assertThat(updated.dim()).isEqualTo(18);
        assertThat(updated.isFinite()).isTrue();
        assertThat(updated.userFactors()).isNotEqualTo(old.userFactors());
        assertThat(updated.optimizerState().items()[0]).hasSize(30 * 18);
        assertThat(c.modelDim()).isEqualTo(18);
    }

    @Test
    void likeAnchorsMapToTheSameRatedPairs() {
        Interactions d = TrainerTest.planted(3);
        Interactions rated = Channels.everyRatingLiked(d);
        int[] likes = {0, 3, d.anchorCount() - 1};
        int[] mapped = ChannelTrainer.ratedAnchors(d, rated, likes);
        for (int k = 0; k < likes.length; k++) {
            assertThat(rated.anchorUser(mapped[k])).isEqualTo(d.anchorUser(likes[k]));
            assertThat(rated.anchorItem(mapped[k])).isEqualTo(d.anchorItem(likes[k]));
        }
    }

    @Test
    void itemsKnownOnlyByTheirFeaturesAreScoredByTheMainChannelAlone() {
        Interactions d = FeatureTrainingTest.planted(); // items 30..39 never rated
        IdIndex users = TrainerTest.ids("u", 40), items = TrainerTest.ids("i", 40);
        FeatureMatrix itf = FeatureTrainingTest.groupFeatures(items);
        TrainerConfig c = BASE.toBuilder().exposureWeight(0.5f).dislikeWeight(2f).build();
        TrainingInput input = TrainingInput.of(d, users, items, "t").withFeatures(null, itf);
        EmbeddingModel joined = new Trainer(c).fit(input, TrainingListener.NONE);
        EmbeddingModel main = new Trainer(c.toBuilder().exposureWeight(0).dislikeWeight(0).build())
                .fit(input, TrainingListener.NONE);

        for (int i = 30; i < 40; i++) {
            assertThat(Arrays.copyOfRange(joined.itemFactors(), i * 18 + 6, i * 18 + 18)).as("item %d", i)
                    .containsOnly(0f);
            for (int u = 0; u < 40; u++) {
                assertThat(joined.score(u, i)).isCloseTo(main.score(u, i), Offset.offset(1e-5f));
            }
        }
        // a rated item has every channel's part
        assertThat(Arrays.copyOfRange(joined.itemFactors(), 6, 18)).isNotEqualTo(new float[12]);
        // an item added later, from its features alone: the main channel's vector and nothing else
        float[] v = new float[18];
        float bias = joined.features().composeNewItem(new int[] {0}, new float[] {1f}, 18, v);
        float[] mv = new float[6];
        float mainBias = main.features().composeNewItem(new int[] {0}, new float[] {1f}, 6, mv);
        assertThat(Arrays.copyOf(v, 6)).containsExactly(mv);
        assertThat(Arrays.copyOfRange(v, 6, 18)).containsOnly(0f);
        assertThat(bias).isEqualTo(mainBias);
        // the joined parameters compose to the joined table, biases included
        float[] composed = new float[40 * 18];
        itf.composeAll(joined.features().itemParams(), 18, composed);
        for (int k = 0; k < composed.length; k++) {
            assertThat(composed[k]).as("entry %d", k).isCloseTo(joined.itemFactors()[k], Offset.offset(1e-6f));
        }
        for (int i = 0; i < 40; i++) {
            assertThat(itf.composeBias(joined.features().itemParamBias(), i)).isCloseTo(joined.bias(i),
                    Offset.offset(1e-6f));
        }

        // an update continues every channel from the joined model's scores, and keeps new items the main's
        TrainingInput.WarmStart start = new TrainingInput.WarmStart(joined.userFactors().clone(),
                joined.features().itemParams().clone(), joined.features().itemParamBias().clone(),
                joined.optimizerState());
        EmbeddingModel same = new Trainer(c.toBuilder().epochs(0).build()).fit(input.withStart(start),
                TrainingListener.NONE);
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 40; i++) {
                assertThat(same.score(u, i)).isCloseTo(joined.score(u, i), Offset.offset(1e-5f));
            }
        }
        EmbeddingModel updated = new Trainer(c.toBuilder().epochs(2).build()).fit(input.withStart(
                new TrainingInput.WarmStart(joined.userFactors().clone(), joined.features().itemParams().clone(),
                        joined.features().itemParamBias().clone(), joined.optimizerState())), TrainingListener.NONE);
        assertThat(updated.userFactors()).isNotEqualTo(joined.userFactors());
        assertThat(Arrays.copyOfRange(updated.itemFactors(), 35 * 18 + 6, 36 * 18)).containsOnly(0f);
    }

    @Test
    void theChannelsTrainWithTheirOwnLossLearningRateAndPenaltiesAndTheMainModelWithItsOwn() {
        Interactions d = TrainerTest.planted(3);
        TrainerConfig c = BASE.toBuilder().exposureWeight(0.5f).dislikeWeight(2f).channelLoss(Loss.BPR)
                .channelLearningRate(0.08f).channelUserReg(0.03f).channelItemReg(0.02f).build();
        EmbeddingModel joined = TrainerTest.fit(c, d);
        assertThat(joined.info().config()).isEqualTo(c);

        TrainerConfig plain = BASE.toBuilder().build();
        TrainerConfig side = plain.toBuilder().loss(Loss.BPR).learningRate(0.08f).userReg(0.03f).itemReg(0.02f)
                .build();
        EmbeddingModel main = TrainerTest.fit(plain, d);
        EmbeddingModel preference = TrainerTest.fit(side.toBuilder().sampler("explicit")
                .seed(1L + 2 * 0x9E3779B97F4A7C15L).build(), d);
        assertThat(block(joined.itemFactors(), 30, 18, 0, 6, 1f)).containsExactly(main.itemFactors());
        assertThat(block(joined.itemFactors(), 30, 18, 12, 6, 1f)).containsExactly(preference.itemFactors());
        // the same channels with the main model's parameters are other models
        EmbeddingModel shared = TrainerTest.fit(c.withoutChannelParams(), d);
        assertThat(block(shared.itemFactors(), 30, 18, 12, 6, 1f)).isNotEqualTo(preference.itemFactors());
        assertThat(block(shared.itemFactors(), 30, 18, 0, 6, 1f)).containsExactly(main.itemFactors());
    }
}
