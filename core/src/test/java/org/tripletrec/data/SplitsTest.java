package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SplitsTest {
    /** User u has ratingsPerUser[u] ratings of items 0.., time = 1000 * u + item. */
    private static RatingLog log(int... ratingsPerUser) {
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < ratingsPerUser.length; u++) {
            for (int i = 0; i < ratingsPerUser[u]; i++) {
                b.add(u, i, 1 + i % 5, 1000L * u + i);
            }
        }
        return b.build();
    }

    /** Holdout with ids "0", "1", ... for the indices. */
    private static TrainTest holdout(RatingLog log, double fraction, long seed) {
        return Splits.holdout(log, ids(1000), ids(1000), fraction, seed);
    }

    private static IdIndex ids(int n) {
        IdIndex ids = new IdIndex();
        for (int k = 0; k < n; k++) {
            ids.add(Integer.toString(k));
        }
        return ids;
    }

    private static Map<Integer, Integer> perUser(RatingLog log) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < log.size(); k++) {
            counts.merge(log.user(k), 1, Integer::sum);
        }
        return counts;
    }

    private static Set<Long> pairs(RatingLog log) {
        Set<Long> pairs = new HashSet<>();
        for (int k = 0; k < log.size(); k++) {
            pairs.add(((long) log.user(k) << 32) | log.item(k));
        }
        return pairs;
    }

    @Test
    void holdoutSizesPerUser() {
        RatingLog all = log(20, 10, 1, 5, 2);
        TrainTest s = holdout(all, 0.1, 7);
        Map<Integer, Integer> test = perUser(s.test());
        Map<Integer, Integer> train = perUser(s.train());
        assertThat(test).containsEntry(0, 2).containsEntry(1, 1).containsEntry(3, 1).doesNotContainKey(2);
        assertThat(train).containsEntry(0, 18).containsEntry(2, 1).containsEntry(4, 2);
        assertThat(s.train().size() + s.test().size()).isEqualTo(all.size());
    }

    @Test
    void holdoutByCountTakesThatManyOfEachUserButNeverTheLast() {
        RatingLog all = log(20, 10, 1, 5, 2);
        TrainTest s = Splits.holdoutPerUser(all, ids(1000), ids(1000), 3, 7);
        assertThat(perUser(s.test())).containsEntry(0, 3).containsEntry(1, 3).containsEntry(3, 3)
                .containsEntry(4, 1).doesNotContainKey(2);
        assertThat(perUser(s.train())).containsEntry(0, 17).containsEntry(2, 1).containsEntry(4, 1);
        assertThat(pairs(Splits.holdoutPerUser(all, ids(1000), ids(1000), 3, 7).test())).isEqualTo(pairs(s.test()));
        assertThat(pairs(Splits.holdoutPerUser(all, ids(1000), ids(1000), 3, 8).test())).isNotEqualTo(pairs(s.test()));
        assertThatThrownBy(() -> Splits.holdoutPerUser(all, ids(1000), ids(1000), 0, 1)).hasMessageContaining("N >= 1");
    }

    @Test
    void holdoutNeverEmptiesAUsersTrain() {
        RatingLog all = log(1, 2, 3, 4);
        TrainTest s = holdout(all, 0.9, 1);
        Map<Integer, Integer> train = perUser(s.train());
        assertThat(train).containsOnlyKeys(0, 1, 2, 3);
        assertThat(train.values()).allMatch(n -> n == 1);
    }

    @Test
    void holdoutIsDeterministicForASeedAndVariesAcrossSeeds() {
        RatingLog all = log(50, 40, 30);
        TrainTest a = holdout(all, 0.2, 42);
        TrainTest b = holdout(all, 0.2, 42);
        TrainTest c = holdout(all, 0.2, 43);
        assertThat(pairs(a.test())).isEqualTo(pairs(b.test()));
        assertThat(pairs(a.test())).isNotEqualTo(pairs(c.test()));
        Set<Long> union = pairs(a.train());
        union.addAll(pairs(a.test()));
        assertThat(union).hasSize(all.size());
    }

    @Test
    void holdoutDependsOnTheIdsNotOnTheRowOrderOrTheNumbering() {
        RatingLog.Builder a = new RatingLog.Builder(), b = new RatingLog.Builder();
        IdIndex usersA = new IdIndex(), itemsA = new IdIndex(), usersB = new IdIndex(), itemsB = new IdIndex();
        String[][] rows = {{"u1", "x"}, {"u1", "y"}, {"u2", "x"}, {"u1", "z"}, {"u2", "w"}, {"u1", "v"},
                {"u2", "y"}, {"u1", "w"}};
        for (String[] r : rows) {
            a.add(usersA.add(r[0]), itemsA.add(r[1]), 5, 0);
        }
        for (int k = rows.length - 1; k >= 0; k--) { // reversed: other rows first, other indices
            b.add(usersB.add(rows[k][0]), itemsB.add(rows[k][1]), 5, 0);
        }
        TrainTest sa = Splits.holdout(a.build(), usersA, itemsA, 0.5, 3);
        TrainTest sb = Splits.holdout(b.build(), usersB, itemsB, 0.5, 3);
        assertThat(named(sa.test(), usersA, itemsA)).isEqualTo(named(sb.test(), usersB, itemsB)).hasSize(3 + 2); // round(0.5 * 5) of u1, round(0.5 * 3) of u2
        // the held-out ratings are those with the lowest draws
        for (String user : new String[] {"u1", "u2"}) {
            long maxTest = Long.MIN_VALUE, minTrain = Long.MAX_VALUE;
            for (String[] r : rows) {
                if (r[0].equals(user)) {
                    long d = Splits.draw(3, r[0], r[1]);
                    if (named(sa.test(), usersA, itemsA).contains(r[0] + "/" + r[1])) {
                        maxTest = Math.max(maxTest, d);
                    } else {
                        minTrain = Math.min(minTrain, d);
                    }
                }
            }
            assertThat(maxTest).isLessThan(minTrain);
        }
    }

    private static Set<String> named(RatingLog log, IdIndex users, IdIndex items) {
        Set<String> s = new HashSet<>();
        for (int k = 0; k < log.size(); k++) {
            s.add(users.id(log.user(k)) + "/" + items.id(log.item(k)));
        }
        return s;
    }

    @Test
    void selectFindsTheValueASortPutsAtTheRank() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int n : new int[] {1, 2, 15, 16, 17, 100, 1000}) {
            for (int distinct : new int[] {1, 2, 7, Integer.MAX_VALUE}) {
                long[] a = new long[n];
                for (int k = 0; k < n; k++) {
                    a[k] = distinct == Integer.MAX_VALUE ? rng.nextLong() : rng.nextInt(distinct) - 3;
                }
                long[] sorted = a.clone();
                java.util.Arrays.sort(sorted);
                for (int rank : new int[] {0, n / 10, n / 2, n - 1}) {
                    assertThat(Splits.select(a.clone(), rank)).as("n %d, %d values, rank %d", n, distinct, rank)
                            .isEqualTo(sorted[rank]);
                }
            }
        }
        long[] ascending = new long[500];
        for (int k = 0; k < ascending.length; k++) {
            ascending[k] = k;
        }
        assertThat(Splits.select(ascending.clone(), 49)).isEqualTo(49);
        assertThat(Splits.select(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0}, 0)).isEqualTo(Long.MIN_VALUE);
        // among the first n only: what lies beyond them does not count
        assertThat(Splits.select(new long[] {5, 3, 9, -100, -200}, 3, 0)).isEqualTo(3);
        assertThat(Splits.lowest(new long[] {5, -3, 9, 0, -7, -8}, 4, 2, new long[6])).containsExactly(1, 3);
    }

    @Test
    void lowestPicksTheSmallestDrawsAndBreaksTiesByPosition() {
        assertThat(Splits.lowest(new long[] {5, -3, 9, 0}, 2)).containsExactly(1, 3);
        assertThat(Splits.lowest(new long[] {7, 1, 7, 7, 1}, 3)).containsExactly(0, 1, 4);
        assertThat(Splits.holdoutCount(10, 0.1)).isEqualTo(1);
        assertThat(Splits.holdoutCount(15, 0.1)).isEqualTo(2); // round half up
        assertThat(Splits.holdoutCount(1, 0.9)).isZero();
        assertThat(Splits.holdoutCount(3, 0.9)).isEqualTo(2);
    }

    @Test
    void lastTakesTheLatestRatings() {
        RatingLog.Builder b = new RatingLog.Builder();
        // user 0: times out of row order
        b.add(0, 0, 5, 50).add(0, 1, 5, 10).add(0, 2, 5, 40).add(0, 3, 5, 20).add(0, 4, 5, 30);
        TrainTest s = Splits.last(b.build(), 2);
        assertThat(pairs(s.test())).containsExactlyInAnyOrder(0L, 2L);
        // original row order is kept
        assertThat(s.train().item(0)).isEqualTo(1);
        assertThat(s.train().item(2)).isEqualTo(4);
    }

    @Test
    void lastBreaksTimeTiesByRowOrder() {
        RatingLog.Builder b = new RatingLog.Builder();
        b.add(0, 7, 5, 100).add(0, 3, 5, 100).add(0, 5, 5, 100).add(0, 1, 5, 100);
        TrainTest s = Splits.last(b.build(), 2);
        // the two later rows are the latest
        assertThat(pairs(s.test())).containsExactlyInAnyOrder(5L, 1L);
    }

    @Test
    void lastKeepsOneTrainRatingForSmallUsers() {
        RatingLog all = log(12, 10, 3, 1);
        TrainTest s = Splits.last(all, 10);
        Map<Integer, Integer> test = perUser(s.test());
        Map<Integer, Integer> train = perUser(s.train());
        assertThat(test).containsEntry(0, 10).containsEntry(1, 9).containsEntry(2, 2).doesNotContainKey(3);
        assertThat(train).containsEntry(0, 2).containsEntry(1, 1).containsEntry(2, 1).containsEntry(3, 1);
        // the oldest stays in train
        assertThat(pairs(s.train())).contains(((long) 1 << 32), ((long) 2 << 32));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> holdout(log(3), 1.0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.last(log(3), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyLogSplitsIntoEmptyLogs() {
        TrainTest s = holdout(new RatingLog.Builder().build(), 0.1, 1);
        assertThat(s.train().size()).isZero();
        assertThat(s.test().size()).isZero();
    }
}
