package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;
import org.tripletrec.sampling.SplitMix;

class UserSharesTest {
    @Test
    void everyAnchorIsInExactlyOneShareAndEveryUserInOne() {
        Interactions d = TrainerTest.planted(5);
        for (int threads : new int[] {2, 3, 7}) {
            UserShares shares = UserShares.of(d, threads);
            assertThat(shares.count()).isEqualTo(threads);
            int[] seen = new int[d.anchorCount()];
            Set<Integer> users = new HashSet<>();
            for (int s = 0; s < threads; s++) {
                for (int u : shares.users(s)) {
                    assertThat(users.add(u)).as("user %d in two shares", u).isTrue();
                }
                for (int a : shares.arrange(s, AnchorOrder.SHUFFLED, new SplitMix(s))) {
                    seen[a]++;
                    assertThat(shares.users(s)).contains(d.anchorUser(a));
                }
            }
            assertThat(users).hasSize(d.numUsers());
            assertThat(seen).containsOnly(1);
        }
    }

    @Test
    void sharesAreBalancedByLikedPairs() {
        Interactions d = TrainerTest.planted(6);
        UserShares shares = UserShares.of(d, 2);
        int max = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            max = Math.max(max, d.positiveCount(u));
        }
        int a = shares.arrange(0, AnchorOrder.SHUFFLED, new SplitMix(1)).length;
        int b = shares.arrange(1, AnchorOrder.SHUFFLED, new SplitMix(1)).length;
        // largest first to the lightest share: the shares differ by at most one user's pairs
        assertThat(Math.abs(a - b)).isLessThanOrEqualTo(max);
        assertThat(a + b).isEqualTo(d.anchorCount());
    }

    @Test
    void byUserKeepsEachUsersPairsTogetherWithinAShare() {
        Interactions d = TrainerTest.planted(7);
        UserShares shares = UserShares.of(d, 2);
        int[] order = shares.arrange(1, AnchorOrder.BY_USER, new SplitMix(3));
        Set<Integer> finished = new HashSet<>();
        for (int k = 1; k < order.length; k++) {
            int prev = d.anchorUser(order[k - 1]), cur = d.anchorUser(order[k]);
            if (prev != cur) {
                assertThat(finished.add(prev)).as("user %d appears in two runs", prev).isTrue();
                assertThat(finished).doesNotContain(cur);
            }
        }
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        int[] again = shares.arrange(1, AnchorOrder.SHUFFLED, new SplitMix(4)).clone();
        Arrays.sort(again);
        assertThat(again).isEqualTo(sorted);
    }

    @Test
    void threadsThatHelpEachOtherStillVisitEveryAnchorOnceAnEpoch() {
        Interactions d = TrainerTest.planted(8);
        for (int threads : new int[] {2, 3}) {
            java.util.List<EpochStats> epochs = new java.util.ArrayList<>();
            TrainerConfig c = Presets.seed().toBuilder().dim(8).epochs(6).optimizer(OptimizerKind.LAZY_ADAM)
                    .batchSize(4).threads(threads).build();
            new Trainer(c).fit(d, TrainerTest.ids("u", 40), TrainerTest.ids("i", 30), "test",
                    new TrainingListener() {
                        @Override
                        public void onEpoch(EpochStats stats, org.tripletrec.model.EmbeddingModel model) {
                            epochs.add(stats);
                        }
                    });
            assertThat(epochs).hasSize(6);
            for (EpochStats e : epochs) {
                assertThat(e.triplets() + e.skipped()).as("%d threads", threads).isEqualTo(d.anchorCount());
            }
        }
    }
}
