package org.tripletrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tripletrec.eval.Fixtures.interactions;
import static org.tripletrec.eval.Fixtures.log2;
import static org.tripletrec.eval.Fixtures.matrix;
import static org.tripletrec.eval.Fixtures.r;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.Scorer;

class EvaluatorTest {
    private static final double EPS = 1e-12;

    private static Evaluator ks(int... ks) { return Evaluator.builder().ks(ks).threads(1).build(); }

    /**
     * One user, 8 items. Train: item 0 liked, item 1 disliked, so the candidates are 2..7.
     * Test: T+ = {2, 5}, T- = {3, 4}, item 6 neutral (3 stars: neither).
     * Scores 0:.9 1:.2 2:.7 3:.8 4:.3 5:.4 6:.6 7:.1; candidate ranking 3, 2, 6, 5, 4, 7.
     */
    @Test
    void everyMetricOnAHandComputedUser() {
        Interactions train = interactions(1, 8, r(0, 0, 5), r(0, 1, 1));
        Interactions test = interactions(1, 8, r(0, 2, 5), r(0, 5, 5), r(0, 3, 1), r(0, 4, 2), r(0, 6, 3));
        Scorer scorer = matrix(new float[][] {{.9f, .2f, .7f, .8f, .3f, .4f, .6f, .1f}});

        Metrics m = ks(1, 3, 5).evaluate(scorer, train, test);

        // full_auc: negatives = every non-T+ item {0,1,3,4,6,7}. Item 2 (.7) beats 1,4,6,7 = 4; item 5 (.4)
        // beats 1,4,7 = 3; 7 / (2 * 6)
        assertThat(m.get("full_auc")).isCloseTo(7.0 / 12, within(EPS));
        // auc_unseen: candidate negatives {3,4,6,7}. Item 2 beats 4,6,7 = 3; item 5 beats 4,7 = 2; 5 / (2 * 4)
        assertThat(m.get("auc_unseen")).isCloseTo(5.0 / 8, within(EPS));
        // pos_neg_auc: (2,3) .7<.8 no, (2,4) yes, (5,3) no, (5,4) .4>.3 yes; 2 / 4
        assertThat(m.get("pos_neg_auc")).isCloseTo(0.5, within(EPS));
        // k=1: top [3]: no hit; 3 is disliked
        assertThat(m.get("precision@1")).isEqualTo(0.0);
        assertThat(m.get("recall@1")).isEqualTo(0.0);
        assertThat(m.get("ndcg@1")).isEqualTo(0.0);
        assertThat(m.get("map@1")).isEqualTo(0.0);
        assertThat(m.get("dislike@1")).isEqualTo(1.0);
        // k=3: top [3,2,6]: hit at rank 2. precision 1/3, recall 1/2,
        // ndcg = (1/log2 3) / (1 + 1/log2 3) (ideal: min(2,3) = 2 hits), map = (1/2) / min(2,3), dislike 1/3
        double d2 = 1 / log2(3);
        double d4 = 1 / log2(5);
        assertThat(m.get("precision@3")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(m.get("recall@3")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("ndcg@3")).isCloseTo(d2 / (1 + d2), within(EPS)); // 0.386853...
        assertThat(m.get("map@3")).isCloseTo(0.25, within(EPS));
        assertThat(m.get("dislike@3")).isCloseTo(1.0 / 3, within(EPS));
        // k=5: top [3,2,6,5,4]: hits at ranks 2 and 4. precision 2/5, recall 2/2,
        // ndcg = (1/log2 3 + 1/log2 5) / (1 + 1/log2 3) = 0.650921..., map = (1/2 + 2/4) / 2, dislike {3,4} = 2/5
        assertThat(m.get("precision@5")).isCloseTo(0.4, within(EPS));
        assertThat(m.get("recall@5")).isCloseTo(1.0, within(EPS));
        assertThat(m.get("ndcg@5")).isCloseTo((d2 + d4) / (1 + d2), within(EPS));
        assertThat(m.get("ndcg@5")).isCloseTo(0.650921, within(1e-6));
        assertThat(m.get("map@5")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("dislike@5")).isCloseTo(0.4, within(EPS));
        // coverage over the 8-item catalogue: 1, 3, 5 distinct items
        assertThat(m.get("coverage@1")).isCloseTo(1.0 / 8, within(EPS));
        assertThat(m.get("coverage@3")).isCloseTo(3.0 / 8, within(EPS));
        assertThat(m.get("coverage@5")).isCloseTo(5.0 / 8, within(EPS));
        // first test positive among candidates at rank 2
        assertThat(m.get("mrr")).isCloseTo(0.5, within(EPS));
        assertThat(m.get("users")).isEqualTo(1.0);
    }

    /**
     * A cold user (no train rating): every item is a candidate. Scores 0:1 1:1 2:1 3:0, T+ = {0}, T- = {1}.
     * full_auc: item 0 ties with 1 and 2 (1/2 each) and beats 3: (0.5 + 0.5 + 1) / 3. pos_neg_auc: one tied pair.
     */
    @Test
    void tiesCountOneHalfInAucs() {
        Interactions train = interactions(1, 4);
        Interactions test = interactions(1, 4, r(0, 0, 5), r(0, 1, 1));
        Metrics m = ks(1).evaluate(matrix(new float[][] {{1, 1, 1, 0}}), train, test);

        assertThat(m.get("full_auc")).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get("auc_unseen")).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.get("pos_neg_auc")).isCloseTo(0.5, within(EPS));
    }

    /** -0 and +0 compare equal as floats, so they are a tie, not an order. */
    @Test
    void negativeAndPositiveZeroTie() {
        Interactions train = interactions(1, 2);
        Interactions test = interactions(1, 2, r(0, 0, 5), r(0, 1, 1));
        Metrics m = ks(1).evaluate(matrix(new float[][] {{-0.0f, 0.0f}}), train, test);

        assertThat(m.get("full_auc")).isEqualTo(0.5);
        assertThat(m.get("pos_neg_auc")).isEqualTo(0.5);
    }

    /** A diverged model's NaN ranks below every number: never recommended, and losing every AUC pair. */
    @Test
    void nanScoresRankLast() {
        Interactions train = interactions(1, 3);
        Interactions test = interactions(1, 3, r(0, 0, 5), r(0, 2, 1));
        Metrics m = ks(1).evaluate(matrix(new float[][] {{Float.NaN, 1, Float.NEGATIVE_INFINITY}}), train, test);

        assertThat(m.get("precision@1")).isEqualTo(0.0); // item 1 first
        assertThat(m.get("mrr")).isCloseTo(1.0 / 3, within(EPS)); // ranking 1, 2, 0
        assertThat(m.get("full_auc")).isEqualTo(0.0);
        assertThat(m.get("pos_neg_auc")).isEqualTo(0.0);
    }

    /**
     * All five items score the same, so the ranking is by index: 1, 2, 3, 4 (item 0 rated in train).
     * T+ = {3}, T- = {2}: the top-2 is [1, 2], no hit, one dislike; first hit at rank 3.
     */
    @Test
    void topKBreaksTiesByLowerIndex() {
        Interactions train = interactions(1, 5, r(0, 0, 5));
        Interactions test = interactions(1, 5, r(0, 3, 5), r(0, 2, 1));
        Metrics m = ks(2, 3).evaluate(matrix(new float[][] {{7, 7, 7, 7, 7}}), train, test);

        assertThat(m.get("precision@2")).isEqualTo(0.0);
        assertThat(m.get("dislike@2")).isEqualTo(0.5);
        assertThat(m.get("precision@3")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(m.get("mrr")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(m.get("coverage@2")).isCloseTo(2.0 / 5, within(EPS)); // items 1, 2
    }

    /**
     * User 0 has a test positive; user 1 only a test negative and user 2 nothing: both are skipped, so every
     * figure is user 0's alone. User 1's scores would put the disliked item first if it counted.
     */
    @Test
    void usersWithoutTestPositivesAreSkipped() {
        Interactions train = interactions(3, 3);
        Interactions test = interactions(3, 3, r(0, 0, 5), r(1, 2, 1));
        float[][] s = {{3, 2, 1}, {1, 2, 3}, {1, 2, 3}};
        Metrics m = ks(1).evaluate(matrix(s), train, test);

        assertThat(m.get("users")).isEqualTo(1.0);
        assertThat(m.get("full_auc")).isEqualTo(1.0);
        assertThat(m.get("precision@1")).isEqualTo(1.0);
        assertThat(m.get("dislike@1")).isEqualTo(0.0);
        assertThat(m.get("coverage@1")).isCloseTo(1.0 / 3, within(EPS)); // only user 0's top-1 counts
        assertThat(m.get("pos_neg_auc")).isNaN(); // user 0 has no test negative: no user defines it
    }

    /**
     * Both users have a test positive; only user 0 has a test negative. pos_neg_auc is user 0's 1.0, not
     * (1.0 + 0) / 2, while full_auc averages both: user 0: item 0 beats 1 and 2 = 1; user 1: item 2 (score 1)
     * beats nothing = 0; mean 0.5.
     */
    @Test
    void userWithoutTestNegativesIsLeftOutOfPosNegAucOnly() {
        Interactions train = interactions(2, 3);
        Interactions test = interactions(2, 3, r(0, 0, 5), r(0, 1, 1), r(1, 2, 5));
        float[][] s = {{3, 2, 1}, {3, 2, 1}};
        Metrics m = ks(1).evaluate(matrix(s), train, test);

        assertThat(m.get("users")).isEqualTo(2.0);
        assertThat(m.get("pos_neg_auc")).isEqualTo(1.0);
        assertThat(m.get("full_auc")).isEqualTo(0.5);
        assertThat(m.get("mrr")).isCloseTo((1.0 + 1.0 / 3) / 2, within(EPS));
    }

    /**
     * Cold users and cold items do not crash. User 1 rated every item in train (and again item 0 in test), so it
     * has no candidate: its auc_unseen is undefined and its top lists are empty (0 hits, still divided by k).
     * User 0 is cold; item 2 has no rating at all.
     */
    @Test
    void coldUsersAndUsersWithoutCandidatesDoNotCrash() {
        Interactions train = interactions(2, 3, r(1, 0, 5), r(1, 1, 1), r(1, 2, 3));
        Interactions test = interactions(2, 3, r(0, 1, 5), r(1, 0, 5));
        float[][] s = {{0, 1, 2}, {2, 1, 0}};
        Metrics m = ks(2).evaluate(matrix(s), train, test);

        assertThat(m.get("users")).isEqualTo(2.0);
        // user 0: top-2 = [2, 1]: hit at rank 2. user 1: nothing.
        assertThat(m.get("precision@2")).isCloseTo((0.5 + 0) / 2, within(EPS));
        assertThat(m.get("mrr")).isCloseTo((0.5 + 0) / 2, within(EPS));
        // user 0: item 1 beats item 0, loses to item 2: 1/2; user 1: item 0 beats both: 1
        assertThat(m.get("full_auc")).isCloseTo(0.75, within(EPS));
        assertThat(m.get("auc_unseen")).isCloseTo(0.5, within(EPS)); // user 0 only
        assertThat(m.get("coverage@2")).isCloseTo(2.0 / 3, within(EPS));
    }

    /** Coverage is the union over users: user 0's top-1 is item 2, user 1's is item 3, so 2 of 4 items. */
    @Test
    void coverageIsTheShareOfItemsInAnyTopK() {
        Interactions train = interactions(2, 4);
        Interactions test = interactions(2, 4, r(0, 0, 5), r(1, 0, 5));
        float[][] s = {{0, 1, 3, 2}, {0, 2, 1, 3}};
        Metrics m = ks(1, 2, 4).evaluate(matrix(s), train, test);

        assertThat(m.get("coverage@1")).isEqualTo(0.5); // {2, 3}
        assertThat(m.get("coverage@2")).isEqualTo(0.75); // {2, 3} + {3, 1}
        assertThat(m.get("coverage@4")).isEqualTo(1.0);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        RandomCase c = RandomCase.of(new SplittableRandom(7), 301, 120, 0.15);
        Scorer scorer = new RandomScorer(301, 120, 3);
        Metrics one = Evaluator.builder().threads(1).build().evaluate(scorer, c.train, c.test);
        for (int threads : new int[] {2, 3, 8}) {
            Metrics many = Evaluator.builder().threads(threads).build().evaluate(scorer, c.train, c.test);
            assertThat(many.asMap()).isEqualTo(one.asMap());
        }
    }

    /** Coarse integer scores make many ties, the case where a fast AUC is easiest to get wrong. */
    @Test
    void fastMetricsAgreeWithANaivePairCount() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 30; round++) {
            int users = 1 + random.nextInt(30);
            int items = 1 + random.nextInt(40);
            RandomCase c = RandomCase.of(random, users, items, random.nextDouble(0.05, 0.6));
            float[][] s = new float[users][items];
            int levels = 1 + random.nextInt(6);
            for (float[] row : s) {
                for (int i = 0; i < items; i++) {
                    row[i] = random.nextInt(levels) - levels / 2;
                }
            }
            int[] ks = {1, 3, 10};
            Metrics fast = Evaluator.builder().ks(ks).threads(2).build().evaluate(matrix(s), c.train, c.test);
            Map<String, Double> naive = NaiveMetrics.evaluate(matrix(s), c.train, c.test, ks);

            assertThat(fast.asMap().keySet()).containsExactlyInAnyOrderElementsOf(naive.keySet());
            for (Map.Entry<String, Double> e : naive.entrySet()) {
                double got = fast.get(e.getKey());
                if (Double.isNaN(e.getValue())) {
                    assertThat(got).as("round %d %s", round, e.getKey()).isNaN();
                } else {
                    assertThat(got).as("round %d %s", round, e.getKey()).isCloseTo(e.getValue(), within(1e-12));
                }
            }
        }
    }

    @Test
    void sampledEvaluationIsRepeatableAndBounded() {
        RandomCase c = RandomCase.of(new SplittableRandom(5), 200, 50, 0.5); // ~180 eligible users
        Scorer scorer = new RandomScorer(200, 50, 1);
        Evaluator sampled = Evaluator.builder().maxUsers(40).sampleSeed(9).build();

        Metrics a = sampled.evaluate(scorer, c.train, c.test);
        Metrics b = sampled.evaluate(scorer, c.train, c.test);
        Metrics other = Evaluator.builder().maxUsers(40).sampleSeed(10).build().evaluate(scorer, c.train, c.test);

        assertThat(a.users()).isEqualTo(40);
        assertThat(b).isEqualTo(a);
        assertThat(other).isNotEqualTo(a);
        Metrics all = Evaluator.defaults().evaluate(scorer, c.train, c.test);
        assertThat(Evaluator.builder().maxUsers(100_000).build().evaluate(scorer, c.train, c.test)).isEqualTo(all);
    }

    @Test
    void keysComeInTheDocumentedOrder() {
        Metrics m = Evaluator.defaults().evaluate(matrix(new float[][] {{1, 0}}), interactions(1, 2),
                interactions(1, 2, r(0, 0, 5)));
        assertThat(List.copyOf(m.asMap().keySet())).isEqualTo(Metrics.standardNames(5, 10, 20));
        assertThat(Metrics.standardNames(5, 10, 20)).startsWith("full_auc", "auc_unseen", "pos_neg_auc",
                "precision@5", "recall@5", "ndcg@5", "map@5", "dislike@5", "coverage@5", "precision@10")
                .endsWith("coverage@20", "mrr", "users");
    }

    @Test
    void rejectsMismatchedCataloguesAndBadConfig() {
        Interactions train = interactions(2, 3);
        assertThatThrownBy(() -> Evaluator.defaults().evaluate(new RandomScorer(2, 4, 0), train, train))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalogues differ");
        assertThatThrownBy(() -> Evaluator.builder().ks(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluator.builder().threads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Evaluator.builder().ks(20, 5, 5).build().ks()).containsExactly(5, 20);
    }

    @Test
    void aScorerFailureReachesTheCaller() {
        Scorer broken = new Scorer() {
            @Override public int numUsers() { return 100; }
            @Override public int numItems() { return 5; }
            @Override public void scoreAll(int u, float[] out) { throw new IllegalStateException("boom " + u); }
        };
        int[][] everyoneLikesItem0 = new int[100][];
        for (int u = 0; u < 100; u++) {
            everyoneLikesItem0[u] = r(u, 0, 5);
        }
        Interactions test = interactions(100, 5, everyoneLikesItem0); // 100 users: 4 blocks, 4 pool threads
        assertThatThrownBy(() -> Evaluator.builder().threads(4).build().evaluate(broken, interactions(100, 5), test))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("boom");
    }

    /** MovieLens 100k's shape (943 x 1682, ~94k train and ~5k test ratings) must evaluate well under a second. */
    @Test
    void evaluatesMovieLensSizedDataFast() {
        RandomCase c = RandomCase.of(new SplittableRandom(3), 943, 1682, 0.06);
        Scorer scorer = new RandomScorer(943, 1682, 1);
        Evaluator evaluator = Evaluator.defaults();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) { // the first run pays for class loading and JIT
            long t0 = System.nanoTime();
            Metrics m = evaluator.evaluate(scorer, c.train, c.test);
            best = Math.min(best, System.nanoTime() - t0);
            assertThat(m.users()).isGreaterThan(700);
        }
        assertThat(best / 1e6).as("best of 3 runs, ms").isLessThan(1000);
    }

    /** Random ratings 1..5, each (user, item) rated with probability {@code density}, 9 in 10 to train. */
    record RandomCase(Interactions train, Interactions test) {
        static RandomCase of(SplittableRandom random, int users, int items, double density) {
            List<int[]> train = new ArrayList<>();
            List<int[]> test = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                for (int i = 0; i < items; i++) {
                    if (random.nextDouble() < density) {
                        (random.nextInt(10) == 0 ? test : train).add(r(u, i, 1 + random.nextInt(5)));
                    }
                }
            }
            return new RandomCase(interactions(users, items, train.toArray(new int[0][])),
                    interactions(users, items, test.toArray(new int[0][])));
        }
    }
}
