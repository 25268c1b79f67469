package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;

class UpdaterTest {
    private static final FeedbackPolicy POLICY = new FeedbackPolicy(5, 2);
    private static final TrainerConfig CONFIG = Presets.single().toBuilder().dim(8).epochs(10).build();

    /** Planted tastes as in {@link TrainerTest#planted}: users of a parity like one half of the items. */
    private static RatingLog ratings(long seed, int users, int items) {
        SplittableRandom rng = new SplittableRandom(seed);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.4) {
                    b.add(u, i, (i < items / 2) == (u % 2 == 0) ? 5 : 1, 0);
                }
            }
        }
        return b.build();
    }

    /** A model of users u0..u35 and items i0..i27, trained on the planted ratings among them. */
    private static EmbeddingModel base() {
        return base(CONFIG);
    }

    private static EmbeddingModel base(TrainerConfig config) {
        RatingLog all = ratings(1, 36, 28);
        Interactions d = Interactions.of(all, POLICY, 36, 28);
        return new Trainer(config).fit(d, TrainerTest.ids("u", 36), TrainerTest.ids("i", 28), "t",
                TrainingListener.NONE).withRated(RatedItems.of(d));
    }

    /** An update of {@code old} with the default settings, the anchors each epoch visited into {@code perEpoch}. */
    private static Updater.Result update(TrainerConfig config, EmbeddingModel old, RatingLog fresh, IdIndex users,
                                         IdIndex items, long[] perEpoch) {
        TrainingListener count = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats, EmbeddingModel model) {
                perEpoch[stats.epoch()] = stats.triplets() + stats.skipped();
            }
        };
        return new Updater(Updater.defaults(config), Updater.Settings.defaults()).update(old, fresh, users, items,
                SideFeatures.none(), SideFeatures.none(), count);
    }

    /** New ratings, indexed into {@code users} x {@code items}: new users, new items and a few more. */
    private static RatingLog increment(IdIndex users, IdIndex items) {
        RatingLog all = ratings(2, 40, 30);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int k = 0; k < all.size(); k++) {
            int u = all.user(k), i = all.item(k);
            if (u >= 36 || i >= 28 || k % 7 == 0) {
                b.add(users.add("u" + u), items.add("i" + i), all.rating(k), 0);
            }
        }
        return b.build();
    }

    @Test
    void anUpdateStartsFromTheModelsConfigurationWithItsOwnEpochsAndAdagradsRateDoubled() {
        TrainerConfig adagrad = Updater.defaults(CONFIG);
        assertThat(adagrad.epochs()).isEqualTo(Updater.DEFAULT_EPOCHS);
        assertThat(adagrad.learningRate()).isEqualTo(2 * CONFIG.learningRate());
        assertThat(adagrad.toBuilder().epochs(CONFIG.epochs()).learningRate(CONFIG.learningRate()).build())
                .isEqualTo(CONFIG);
        TrainerConfig adam = CONFIG.toBuilder().optimizer(OptimizerKind.LAZY_ADAM).learningRate(0.01f).build();
        assertThat(Updater.defaults(adam).learningRate()).isEqualTo(0.01f);
        TrainerConfig sgd = CONFIG.toBuilder().optimizer(OptimizerKind.SGD).learningRate(0.1f).build();
        assertThat(Updater.defaults(sgd).learningRate()).isEqualTo(0.1f);
    }

    @Test
    void aConfigWithChannelsKeepsItsOwnRate() {
        TrainerConfig channels = CONFIG.toBuilder().learningRate(0.09f).exposureWeight(0.5f).build();
        TrainerConfig update = Updater.defaults(channels);
        assertThat(update.epochs()).isEqualTo(Updater.DEFAULT_EPOCHS);
        assertThat(update.learningRate()).isEqualTo(0.09f);
        assertThat(Updater.defaults(channels.toBuilder().exposureWeight(0).dislikeWeight(1).build()).learningRate())
                .isEqualTo(0.09f);
        assertThat(Updater.defaults(channels.toBuilder().exposureWeight(0).build()).learningRate())
                .isEqualTo(0.18f);
        // channels with a rate of their own: the main model's doubles as a single model's does, theirs stays
        TrainerConfig own = Updater.defaults(channels.toBuilder().learningRate(0.03f).channelLearningRate(0.05f)
                .build());
        assertThat(own.learningRate()).isEqualTo(0.06f);
        assertThat(own.forChannel().learningRate()).isEqualTo(0.05f);
        assertThat(Updater.defaults(Presets.defaults()).learningRate()).isEqualTo(2 * Presets.single().learningRate());
    }

    @Test
    void theExposureChannelOfAnUpdateVisitsTheNewRatingsNotOnlyTheNewLikes() {
        TrainerConfig config = CONFIG.toBuilder().exposureWeight(0.5f).dislikeWeight(0.5f).build();
        EmbeddingModel old = base(config);
        IdIndex users = new IdIndex(), items = new IdIndex();
        RatingLog fresh = increment(users, items);
        long[] perEpoch = new long[Updater.DEFAULT_EPOCHS + 1];
        Updater.Result r = update(config, old, fresh, users, items, perEpoch);
        assertThat(r.model().dim()).isEqualTo(3 * config.dim());
        // main and preference visit the new likes, exposure twice the new ratings (it has one more replay); each
        // item's share is rounded at random, so an epoch's size varies around the mean
        long expected = 2 * r.likesPerEpoch() + 2L * r.newRatings();
        for (int e = 1; e < perEpoch.length; e++) {
            assertThat((double) perEpoch[e]).isBetween(expected - 20.0, expected + 20.0);
        }
        // far from the three times the new likes of a schedule that gave the exposure channel only their pairs
        assertThat(expected).isGreaterThan(3 * r.likesPerEpoch() + 100);
    }

    @Test
    void shrinkingScalesEveryScoreByItsSquareSoTheModelRanksAsBefore() {
        EmbeddingModel old = base();
        IdIndex users = new IdIndex(), items = new IdIndex();
        RatingLog known = new RatingLog.Builder().add(users.add("u3"), items.add("i5"), 5, 0).build();
        TrainerConfig noEpochs = CONFIG.toBuilder().epochs(0).build();
        Updater.Result r = new Updater(noEpochs, new Updater.Settings(0, true, 0.5)).update(old, known, users,
                items, SideFeatures.none(), SideFeatures.none(), TrainingListener.NONE);
        EmbeddingModel m = r.model();
        for (int u = 0; u < old.numUsers(); u++) {
            for (int i = 0; i < old.numItems(); i++) {
                assertThat(m.score(u, i)).isEqualTo(0.25f * old.score(u, i)); // powers of two scale exactly
            }
        }
        Updater.Result kept = new Updater(noEpochs, new Updater.Settings(0, true, 1)).update(old, known, users,
                items, SideFeatures.none(), SideFeatures.none(), TrainingListener.NONE);
        assertThat(kept.model().userFactors()).containsExactly(old.userFactors());
        assertThat(kept.model().itemBias()).containsExactly(old.itemBias());
    }

    @Test
    void newRowsStartFromFoldInsAndANewItemKeepsItsPriorBias() {
        EmbeddingModel old = base();
        IdIndex users = new IdIndex(), items = new IdIndex();
        RatingLog fresh = increment(users, items);
        TrainerConfig noEpochs = CONFIG.toBuilder().epochs(0).build();
        Updater.Result r = new Updater(noEpochs, new Updater.Settings(0, true, 1)).update(old, fresh, users, items,
                SideFeatures.none(), SideFeatures.none(), TrainingListener.NONE);
        EmbeddingModel m = r.model();
        assertThat(r.addedUsers()).isEqualTo(4);
        assertThat(r.addedItems()).isEqualTo(2);
        int i28 = m.items().indexOf("i28"), i29 = m.items().indexOf("i29");
        assertThat(m.bias(i28)).isZero();
        assertThat(m.bias(i29)).isZero();
        // the fold-ins put the new rows on their side: a new even user likes the low half, new item i29 is liked
        // by odd users
        int u36 = m.users().indexOf("u36"), u37 = m.users().indexOf("u37");
        assertThat(m.score(u36, m.items().indexOf("i0"))).isGreaterThan(m.score(u36, m.items().indexOf("i27")));
        assertThat(m.score(u37, i29)).isGreaterThan(m.score(u36, i29));
        assertThat(r.newPerEpoch()).isPositive();
    }

    @Test
    void anUpdateLearnsTheNewTastesVisitingAsManyLikesAsAreNewEachEpoch() {
        EmbeddingModel old = base();
        IdIndex users = new IdIndex(), items = new IdIndex();
        RatingLog fresh = increment(users, items);
        long[] perEpoch = new long[Updater.DEFAULT_EPOCHS + 1];
        Updater.Result r = update(CONFIG, old, fresh, users, items, perEpoch);
        assertThat(r.likesPerEpoch()).isEqualTo(r.newLikes());
        for (int e = 1; e < perEpoch.length; e++) {
            // each item's share is rounded at random: the epoch's size varies around the mean
            assertThat((double) perEpoch[e]).isBetween(r.likesPerEpoch() - 8.0, r.likesPerEpoch() + 8.0);
        }
        EmbeddingModel m = r.model();
        int right = 0, total = 0;
        for (int u = 36; u < 40; u++) {
            int ui = m.users().indexOf("u" + u);
            for (int a = 0; a < 30; a++) {
                for (int b = 0; b < 30; b++) {
                    if ((a < 15) == (u % 2 == 0) && (b < 15) != (u % 2 == 0)) {
                        total++;
                        right += m.score(ui, m.items().indexOf("i" + a)) > m.score(ui, m.items().indexOf("i" + b))
                                ? 1 : 0;
                    }
                }
            }
        }
        assertThat(right / (double) total).isGreaterThan(0.9);
        assertThat(m.rated().total()).isEqualTo(old.rated().total() + fresh.size()
                - overlap(old, fresh, users, items));
    }

    /** New ratings of pairs the model had rated already (they replace the old rating). */
    private static int overlap(EmbeddingModel old, RatingLog fresh, IdIndex users, IdIndex items) {
        int n = 0;
        for (int k = 0; k < fresh.size(); k++) {
            int u = old.users().indexOf(users.id(fresh.user(k))), i = old.items().indexOf(items.id(fresh.item(k)));
            if (u >= 0 && i >= 0 && old.rated().isRated(u, i)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new Updater.Settings(-1, true, 0.7)).hasMessageContaining("replay");
        assertThatThrownBy(() -> new Updater.Settings(0, true, 0)).hasMessageContaining("shrink");
        assertThatThrownBy(() -> new Updater.Settings(0, true, 1.5)).hasMessageContaining("shrink");
        assertThatThrownBy(() -> new Updater.Settings(0, true, Double.NaN)).hasMessageContaining("shrink");
    }
}
