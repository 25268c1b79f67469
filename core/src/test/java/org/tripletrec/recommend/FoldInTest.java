package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.IntView;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.model.Vectors;
import org.tripletrec.train.Loss;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

class FoldInTest {
    private static final int ITEMS = 1682;
    private static final int DIM = 64;

    /** Random item vectors and biases at MovieLens 100k size; no users are needed to fold one in. */
    private static EmbeddingModel model(Loss loss) {
        SplittableRandom rng = new SplittableRandom(3);
        float[] items = new float[ITEMS * DIM];
        for (int k = 0; k < items.length; k++) {
            items[k] = (float) (rng.nextGaussian() * 0.3);
        }
        float[] bias = new float[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            bias[i] = (float) (rng.nextGaussian() * 0.1);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add(Integer.toString(i + 1));
        }
        TrainerConfig config = Presets.single().toBuilder().dim(DIM).loss(loss).build();
        return new EmbeddingModel(DIM, new float[0], items, bias, new IdIndex(), IdIndex.of(ids),
                new ModelInfo(1, config, "", "test", Instant.EPOCH, Map.of()));
    }

    private static final EmbeddingModel MODEL = model(Loss.MARGIN);
    private static final int[] LIKED = {3, 17, 40, 99, 250, 512, 777, 1000, 1200, 1681};
    private static final int[] DISLIKED = {0, 5, 600, 601, 1500};

    @Test
    void theSameInputGivesTheSameVectorWhateverTheOrderAndRepeats() {
        FoldIn foldIn = new FoldIn(MODEL);
        float[] a = foldIn.userVector(LIKED, DISLIKED);
        int[] shuffled = {1681, 3, 250, 17, 40, 99, 512, 777, 1000, 1200, 3, 40};
        float[] b = foldIn.userVector(shuffled, new int[] {1500, 601, 600, 5, 0});
        assertThat(b).containsExactly(a);
        assertThat(new FoldIn(MODEL).userVector(LIKED, DISLIKED)).containsExactly(a);
        assertThat(foldIn.userVector(new int[] {3, 17}, DISLIKED)).isNotEqualTo(a);
        int[] sortedLiked = LIKED.clone();
        java.util.Arrays.sort(sortedLiked);
        assertThat(foldIn.userVector(IntView.of(sortedLiked), IntView.of(0, 5, 600, 601, 1500))).containsExactly(a);
    }

    @Test
    void likedItemsEndUpAboveDislikedOnesAndAboveMostOfTheCatalogue() {
        for (Loss loss : Loss.values()) {
            EmbeddingModel m = model(loss);
            float[] w = new FoldIn(m).userVector(LIKED, DISLIKED);
            float[] scores = new float[ITEMS];
            m.scoreAll(w, 0, scores);
            double likedMean = mean(scores, LIKED);
            double dislikedMean = mean(scores, DISLIKED);
            assertThat(likedMean).as(loss.label()).isGreaterThan(dislikedMean);
            int below = 0;
            for (float s : scores) {
                if (s < likedMean) {
                    below++;
                }
            }
            assertThat(below).as(loss.label() + ": items below the mean liked score").isGreaterThan(ITEMS * 3 / 4);
        }
    }

    /** Three blocks of DIM (main, exposure weight 0.5, preference weight 2), random items, the given user rows. */
    private static EmbeddingModel joined(float[] users, int numUsers) {
        SplittableRandom rng = new SplittableRandom(5);
        float[] items = new float[ITEMS * 3 * DIM];
        for (int k = 0; k < items.length; k++) {
            items[k] = (float) (rng.nextGaussian() * 0.3);
        }
        List<String> userIds = new ArrayList<>();
        for (int u = 0; u < numUsers; u++) {
            userIds.add("u" + u);
        }
        return new EmbeddingModel(3 * DIM, users, items, null, IdIndex.of(userIds), itemIds(), new ModelInfo(1,
                CHANNELS, "", "test", Instant.EPOCH, Map.of()));
    }

    private static final TrainerConfig CHANNELS =
            Presets.single().toBuilder().dim(DIM).exposureWeight(0.5f).dislikeWeight(2f).build();

    private static IdIndex itemIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add(Integer.toString(i + 1));
        }
        return IdIndex.of(ids);
    }

    /** Columns [c DIM, (c + 1) DIM) of the joined model's items, as a model of its own (the config's, not joined). */
    private static EmbeddingModel block(EmbeddingModel joined, int c) {
        float[] items = new float[ITEMS * DIM];
        for (int i = 0; i < ITEMS; i++) {
            System.arraycopy(joined.itemFactors(), i * 3 * DIM + c * DIM, items, i * DIM, DIM);
        }
        return new EmbeddingModel(DIM, new float[0], items, null, new IdIndex(), itemIds(),
                new ModelInfo(1, CHANNELS, "", "test", Instant.EPOCH, Map.of()));
    }

    /**
     * Two trained users, written as training joins them (each channel's part times its weight: 1, 0.5, 2). User 0:
     * main (3, 4, 0...), exposure (1, 0, ...), preference (0, 2, ...); user 1: main zero (left out), exposure
     * (0, 3, ...), preference (1, 1, ...). Spreads: main 25 (user 0 alone), exposure (1 + 9) / 2 = 5, preference
     * (4 + 2) / 2 = 3.
     */
    private static float[] twoUsers() {
        float[] u = new float[2 * 3 * DIM];
        u[0] = 3f;
        u[1] = 4f;
        u[DIM] = 0.5f * 1f;
        u[2 * DIM + 1] = 2f * 2f;
        u[3 * DIM + DIM + 1] = 0.5f * 3f;
        u[3 * DIM + 2 * DIM] = 2f * 1f;
        u[3 * DIM + 2 * DIM + 1] = 2f * 1f;
        return u;
    }

    @Test
    void aChannelsSpreadIsTheMeanSquaredNormOfItsTrainedUsersWithoutTheWeight() {
        EmbeddingModel m = joined(twoUsers(), 2);
        assertThat(FoldIn.spread(m, DIM, 0, 1f)).isCloseTo(25.0, within(1e-9));
        assertThat(FoldIn.spread(m, DIM, 1, 0.5f)).isCloseTo(5.0, within(1e-9));
        assertThat(FoldIn.spread(m, DIM, 2, 2f)).isCloseTo(3.0, within(1e-9));
        assertThat(FoldIn.spread(joined(new float[0], 0), DIM, 1, 0.5f)).isEqualTo(1.0); // no users: the ridge as given
    }

    @Test
    void aModelWithChannelsIsFoldedIntoEachChannelWithItsOwnQuestionAndARidgeOverItsSpread() {
        EmbeddingModel m = joined(twoUsers(), 2);
        FoldIn.Settings s = FoldIn.Settings.channelDefaults();
        float[] w = new FoldIn(m).userVector(LIKED, DISLIKED);
        assertThat(w).hasSize(3 * DIM);
        int[] rated = java.util.stream.IntStream.concat(Arrays.stream(LIKED), Arrays.stream(DISLIKED)).toArray();
        // main: the model's question on the main columns, ridge C / 25; exposure: every rated item above unrated
        // ones, ridge C / 5, times 0.5; preference: the model's question again, ridge C / 3, times 2
        float c = s.ridge();
        float[] main = new FoldIn(block(m, 0), s.withRidge(c / 25f)).userVector(LIKED, DISLIKED);
        float[] exposure = new FoldIn(block(m, 1), s.withRidge(c / 5f)).userVector(rated, new int[0]);
        float[] preference = new FoldIn(block(m, 2), s.withRidge(c / 3f)).userVector(LIKED, DISLIKED);
        for (int j = 0; j < DIM; j++) {
            assertThat(w[j]).isEqualTo(main[j]);
            assertThat(w[DIM + j]).isEqualTo(0.5f * exposure[j]);
            assertThat(w[2 * DIM + j]).isEqualTo(2f * preference[j]);
        }
        // a wider channel is held back less: its folded part is longer than with the plain ridge
        float[] plain = new FoldIn(block(m, 0), s).userVector(LIKED, DISLIKED);
        assertThat(Vectors.norm(main, 0, DIM)).isGreaterThan(Vectors.norm(plain, 0, DIM));
        // and the joined vector ranks the likes above the dislikes
        float[] scores = new float[ITEMS];
        m.scoreAll(w, 0, scores);
        assertThat(mean(scores, LIKED)).isGreaterThan(mean(scores, DISLIKED));
    }

    @Test
    void aPlainModelIsFoldedInWithThePlainSettingsAndAChannelModelWithTheChannelOnes() {
        assertThat(new FoldIn(MODEL).settings()).isEqualTo(FoldIn.Settings.defaults());
        assertThat(new FoldIn(MODEL).userVector(LIKED, DISLIKED))
                .containsExactly(new FoldIn(MODEL, FoldIn.Settings.defaults()).userVector(LIKED, DISLIKED));
        assertThat(new FoldIn(joined(twoUsers(), 2)).settings()).isEqualTo(FoldIn.Settings.channelDefaults());
    }

    @Test
    void theVectorStaysBoundedEvenForManyLikes() {
        int[] many = new int[400];
        for (int j = 0; j < many.length; j++) {
            many[j] = j * 4;
        }
        float[] w = new FoldIn(MODEL).userVector(many, new int[] {1, 2, 3});
        assertThat(Vectors.allFinite(w)).isTrue();
        assertThat(Vectors.norm(w, 0, DIM)).isLessThan(10f);
    }

    @Test
    void recommendNeverReturnsALikedOrDislikedItem() {
        FoldIn foldIn = new FoldIn(MODEL);
        List<Scored> top = foldIn.recommend(new Recommender(MODEL), LIKED, DISLIKED, 200);
        assertThat(top).hasSize(200);
        for (Scored s : top) {
            assertThat(LIKED).doesNotContain(s.item());
            assertThat(DISLIKED).doesNotContain(s.item());
        }
    }

    @Test
    void aRequestFilterNarrowsTheFoldedInListWithoutChangingItsOrder() {
        FoldIn foldIn = new FoldIn(MODEL);
        Recommender recommender = new Recommender(MODEL);
        List<Scored> all = foldIn.recommend(recommender, LIKED, DISLIKED, 200);
        List<Integer> odd = all.stream().map(Scored::item).filter(i -> i % 2 == 1).toList();
        int[] oddItems = java.util.stream.IntStream.range(0, MODEL.numItems()).filter(i -> i % 2 == 1).toArray();
        List<Scored> filtered = foldIn.recommend(recommender, LIKED, DISLIKED, 20, ItemFilter.only(oddItems));
        assertThat(filtered).extracting(Scored::item).containsExactlyElementsOf(odd.subList(0, 20));
        assertThat(filtered).extracting(Scored::item).doesNotContainAnyElementsOf(
                java.util.Arrays.stream(LIKED).boxed().toList());
    }

    @Test
    void onlyDislikesOrNothingAtAllStillGiveAVector() {
        FoldIn foldIn = new FoldIn(MODEL);
        float[] onlyDisliked = foldIn.userVector(new int[0], DISLIKED);
        assertThat(Vectors.norm(onlyDisliked, 0, DIM)).isGreaterThan(0f);
        assertThat(foldIn.userVector(new int[0], new int[0])).containsOnly(0f); // ranks by bias alone
    }

    @Test
    void refusesContradictionsAndUnknownIndices() {
        FoldIn foldIn = new FoldIn(MODEL);
        assertThatThrownBy(() -> foldIn.userVector(new int[] {4, 9}, new int[] {9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both liked and disliked");
        assertThatThrownBy(() -> foldIn.userVector(new int[] {ITEMS}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no item");
        assertThatThrownBy(() -> foldIn.userVector(new int[] {-1}, new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FoldIn.Settings(10, 0f, 1f, 10, 1f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenLikesAndFiveDislikesTakeWellUnderAMillisecond() {
        FoldIn foldIn = new FoldIn(MODEL);
        float sink = 0;
        for (int warm = 0; warm < 3000; warm++) {
            sink += foldIn.userVector(LIKED, DISLIKED)[0];
        }
        long[] times = new long[1000];
        for (int j = 0; j < times.length; j++) {
            long start = System.nanoTime();
            sink += foldIn.userVector(LIKED, DISLIKED)[0];
            times[j] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        double medianMs = times[times.length / 2] / 1e6;
        System.out.printf("fold-in 10 likes + 5 dislikes, dim %d, %d items: median %.3f ms, p99 %.3f ms (%s)%n",
                DIM, ITEMS, medianMs, times[times.length * 99 / 100] / 1e6, sink != 0 ? "ok" : "");
        assertThat(medianMs).isLessThan(1.0); // typically ~0.1 ms; the bound leaves room for a busy CI machine
    }

    private static double mean(float[] scores, int[] items) {
        double sum = 0;
        for (int i : items) {
            sum += scores[i];
        }
        return sum / items.length;
    }
}
