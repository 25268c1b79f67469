package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.sampling.SplitMix;

class ReplayScheduleTest {
    /**
     * 20 users. Item 0: liked by users 0..9, users 8 and 9 newly. Item 1: liked by users 10..19, all newly (a new
     * item). Item 2: liked by users 0..4, none newly.
     */
    private static Interactions train() {
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < 10; u++) {
            b.add(u, 0, 5, 0);
        }
        for (int u = 10; u < 20; u++) {
            b.add(u, 1, 5, 0);
        }
        for (int u = 0; u < 5; u++) {
            b.add(u, 2, 5, 0);
        }
        return Interactions.of(b.build(), new FeedbackPolicy(5, 2), 20, 3);
    }

    private static BitSet newLikes(Interactions d) {
        BitSet isNew = new BitSet();
        for (int a = 0; a < d.anchorCount(); a++) {
            int u = d.anchorUser(a), i = d.anchorItem(a);
            if (i == 1 || i == 0 && u >= 8) {
                isNew.set(a);
            }
        }
        return isNew;
    }

    private static int[] perItem(Interactions d, int[] anchors) {
        int[] count = new int[d.numItems()];
        for (int a : anchors) {
            count[d.anchorItem(a)]++;
        }
        return count;
    }

    @Test
    void everyItemGetsTheSameShareOfItsLikesNewOnesFirst() {
        Interactions d = train();
        BitSet isNew = newLikes(d);
        ReplaySchedule s = new ReplaySchedule(d, isNew, 5); // 5 of 25 likes: a fifth of each item's
        assertThat(s.share()).isEqualTo(0.2);
        assertThat(s.perEpoch()).isCloseTo(5.0, within(1e-9));
        assertThat(s.newPerEpoch()).isCloseTo(4.0, within(1e-9)); // both of item 0's, two of item 1's
        SplitMix rng = new SplitMix(1);
        Set<Integer> item1Seen = new HashSet<>();
        for (int epoch = 1; epoch <= 30; epoch++) {
            int[] anchors = s.anchors(epoch, rng);
            assertThat(perItem(d, anchors)).containsExactly(2, 2, 1);
            assertThat(anchors).doesNotHaveDuplicates();
            for (int a : anchors) {
                int i = d.anchorItem(a);
                if (i == 0) {
                    assertThat(isNew.get(a)).as("item 0's share is its two new likes").isTrue();
                }
                if (i == 2) {
                    assertThat(isNew.get(a)).isFalse();
                }
                if (i == 1) {
                    item1Seen.add(a);
                }
            }
        }
        assertThat(item1Seen).as("the new item's likes take turns").hasSize(10);
    }

    @Test
    void aShareThatIsNoWholeNumberIsRoundedAtRandomToTheRightMean() {
        Interactions d = train();
        ReplaySchedule s = new ReplaySchedule(d, newLikes(d), 7); // 0.28 of each item: 2.8, 2.8 and 1.4 likes
        SplitMix rng = new SplitMix(2);
        int[] total = new int[3];
        int epochs = 20_000;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] count = perItem(d, s.anchors(epoch, rng));
            for (int i = 0; i < 3; i++) {
                assertThat(count[i]).isBetween(i == 2 ? 1 : 2, i == 2 ? 2 : 3);
                total[i] += count[i];
            }
        }
        assertThat(total[0] / (double) epochs).isCloseTo(2.8, within(0.02));
        assertThat(total[1] / (double) epochs).isCloseTo(2.8, within(0.02));
        assertThat(total[2] / (double) epochs).isCloseTo(1.4, within(0.02));
    }

    @Test
    void asManyAsThereAreLikesVisitsEachLikeOnceAnEpoch() {
        Interactions d = train();
        ReplaySchedule s = new ReplaySchedule(d, newLikes(d), 1_000);
        assertThat(s.share()).isEqualTo(1.0);
        int[] anchors = s.anchors(1, new SplitMix(3));
        java.util.Arrays.sort(anchors);
        assertThat(anchors).containsExactly(Trainer.identity(d.anchorCount()));
    }

    @Test
    void theTrainerVisitsTheScheduledAnchorsEachEpoch() {
        Interactions d = train();
        ReplaySchedule s = new ReplaySchedule(d, newLikes(d), 5);
        TrainerConfig c = Presets.single().toBuilder().dim(4).epochs(3).sampler("unrated").build();
        long[] started = new long[4], visited = new long[4];
        TrainingListener count = new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, long anchors) {
                started[epoch] = anchors;
            }

            @Override
            public void onEpoch(EpochStats stats, org.tripletrec.model.EmbeddingModel model) {
                visited[stats.epoch()] = stats.triplets() + stats.skipped();
            }
        };
        new Trainer(c).fit(TrainingInput.of(d, TrainerTest.ids("u", 20), TrainerTest.ids("i", 3), "t").withAnchors(s),
                count);
        assertThat(started).containsExactly(0, 5, 5, 5);
        assertThat(visited).containsExactly(0, 5, 5, 5);
    }
}
