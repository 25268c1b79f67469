package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Vectors;

/**
 * WARP's search scores its candidates in blocks, but finds what drawing them one at a time finds: the first
 * unrated item, in draw order, past the threshold, at the same trial number, with the floats of the live scorer,
 * and it leaves the random stream where drawing one at a time leaves it.
 */
class ViolatorSearchTest {
    private static final int USERS = 40, ITEMS = 300;

    private static Interactions data() {
        SplittableRandom rng = new SplittableRandom(3);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < USERS; u++) {
            double share = u == 0 ? 1.0 : u == 1 ? 0.98 : 0.02 + 0.5 * rng.nextDouble(); // 0 rated everything
            for (int i = 0; i < ITEMS; i++) {
                if (rng.nextDouble() < share) {
                    b.add(u, i, 1 + rng.nextInt(5), 0);
                }
            }
        }
        return Interactions.of(b.build(), new FeedbackPolicy(5, 2), USERS, ITEMS);
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) rng.nextGaussian();
        }
        return a;
    }

    /** One candidate at a time, as WARP was first written: {trial, item}, trial 0 for none, -1 for no unrated item. */
    private static int[] oneAtATime(Interactions d, SamplingContext ctx, int user, int reference, float margin,
                                    boolean above, int maxTrials, SplitMix rng) {
        int dim = ctx.dim();
        float ref = Vectors.dot(ctx.userFactors(), user * dim, ctx.itemFactors(), reference * dim, dim);
        if (ctx.itemBias() != null) {
            ref += ctx.itemBias()[reference];
        }
        float threshold = above ? ref - margin : ref + margin;
        for (int t = 1; t <= maxTrials; t++) {
            int n = Unrated.draw(d, user, rng);
            if (n < 0) {
                return new int[] {-1, -1};
            }
            float s = Vectors.dot(ctx.userFactors(), user * dim, ctx.itemFactors(), n * dim, dim);
            if (ctx.itemBias() != null) {
                s += ctx.itemBias()[n];
            }
            if (above ? s > threshold : s < threshold) {
                return new int[] {t, n};
            }
        }
        return new int[] {0, -1};
    }

    @Test
    void blocksFindTheFirstViolatorInDrawOrder() {
        Interactions d = data();
        SplittableRandom init = new SplittableRandom(8);
        int checked = 0, found = 0;
        for (int dim : new int[] {1, 3, 4, 7, 16, 64, 100}) {
            for (boolean bias : new boolean[] {false, true}) {
                SamplingContext ctx = new SamplingContext(d, dim, random(USERS * dim, init), random(ITEMS * dim, init),
                        bias ? random(ITEMS, init) : null, 1f);
                for (int maxTrials : new int[] {1, 3, 4, 5, 10, 37, 100}) {
                    ViolatorSearch search = new ViolatorSearch(ctx, maxTrials);
                    for (int k = 0; k < 60; k++) {
                        int user = k % USERS;
                        // thresholds from easy to rarely met, both directions
                        int reference = init.nextInt(ITEMS);
                        float margin = (float) (init.nextGaussian() * 2 * Math.sqrt(dim));
                        boolean above = k % 2 == 0;
                        long seed = init.nextLong();
                        SplitMix ref = new SplitMix(seed), rng = new SplitMix(seed);
                        int[] want = oneAtATime(d, ctx, user, reference, margin, above, maxTrials, ref);
                        search.user(user);
                        int t = search.search(reference, margin, above, rng);
                        assertThat(t).as("dim %d trials %d user %d", dim, maxTrials, user).isEqualTo(want[0]);
                        if (t > 0) {
                            assertThat(search.found()).isEqualTo(want[1]);
                            found++;
                        }
                        assertThat(rng.state()).as("the stream after the search").isEqualTo(ref.state());
                        assertThat(rng.nextLong()).isEqualTo(ref.nextLong());
                        checked++;
                    }
                }
            }
        }
        assertThat(found).isBetween(checked / 10, checked - checked / 10); // both outcomes well covered
    }

    @Test
    void withItemFeaturesEachCandidateIsComposedAndScoredByTheLiveScorer() {
        Interactions d = data();
        int dim = 5;
        SplittableRandom init = new SplittableRandom(4);
        // every item: its id row and one of 3 features, weight 1 (unnormalised): item i = V[i] + V[300 + i % 3]
        int[] featStart = new int[ITEMS + 1], feat = new int[ITEMS];
        float[] weights = new float[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            featStart[i + 1] = i + 1;
            feat[i] = i % 3;
            weights[i] = 1f;
        }
        IdIndex features = IdIndex.of(java.util.List.of("a", "b", "c"));
        FeatureMatrix itemFeatures = new FeatureMatrix(ITEMS, true, false, features, featStart, feat, weights);
        float[] items = random((ITEMS + 3) * dim, init);
        SamplingContext ctx = new SamplingContext(d, dim, random(USERS * dim, init), items, null, 1f, null,
                itemFeatures);
        LiveScorer live = new LiveScorer(ctx);
        ViolatorSearch search = new ViolatorSearch(ctx, 20);
        for (int k = 0; k < 200; k++) {
            int user = 2 + k % (USERS - 2);
            int reference = init.nextInt(ITEMS);
            float margin = (float) (init.nextGaussian() * 3);
            long seed = init.nextLong();
            SplitMix ref = new SplitMix(seed), rng = new SplitMix(seed);
            live.user(user);
            float threshold = live.item(reference) - margin;
            int wantTrial = 0, wantItem = -1;
            for (int t = 1; t <= 20 && wantTrial == 0; t++) {
                int n = Unrated.draw(d, user, ref);
                if (live.item(n) > threshold) {
                    wantTrial = t;
                    wantItem = n;
                }
            }
            search.user(user);
            assertThat(search.search(reference, margin, true, rng)).isEqualTo(wantTrial);
            assertThat(rng.state()).isEqualTo(ref.state());
            if (wantTrial > 0) {
                assertThat(search.found()).isEqualTo(wantItem);
                // the composed score differs from the id row's alone: the features are in it
                float idOnly = Vectors.dot(ctx.userFactors(), user * dim, items, wantItem * dim, dim);
                assertThat(live.item(wantItem)).isNotEqualTo(idOnly);
            }
        }
    }
}
