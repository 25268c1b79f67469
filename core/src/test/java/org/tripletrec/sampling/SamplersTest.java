package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

class SamplersTest {
    // 3 users, 10 items. Policy: liked >= 5, disliked <= 2, lukewarm (2, 3], warm [4, 5).
    // user 0: likes 0,1,2 ; dislikes 3 ; lukewarm (3) 4 ; warm (4) 5
    // user 1: likes 0 ; dislikes 6,7,8
    // user 2: likes 9 ; nothing else
    private static Interactions data() {
        RatingLog.Builder b = new RatingLog.Builder();
        b.add(0, 0, 5, 0).add(0, 1, 5, 0).add(0, 2, 5, 0).add(0, 3, 1, 0).add(0, 4, 3, 0).add(0, 5, 4, 0);
        b.add(1, 0, 5, 0).add(1, 6, 2, 0).add(1, 7, 1, 0).add(1, 8, 2, 0);
        b.add(2, 9, 5, 0);
        return Interactions.of(b.build(), new FeedbackPolicy(5, 2), 3, 10);
    }

    private static Set<Integer> negatives(TripletSampler s, int user, int positive, int draws) {
        SplitMix rng = new SplitMix(7);
        Triplet t = new Triplet();
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < draws; k++) {
            if (s.draw(0, user, positive, rng, t)) {
                assertThat(t.user).isEqualTo(user);
                seen.add(t.negative);
            }
        }
        return seen;
    }

    @Test
    void explicitUsesTheUsersOwnDislikesThenLukewarmThenUnrated() {
        Interactions d = data();
        TripletSampler s = Samplers.parse("explicit", SamplingContext.dataOnly(d));
        // user 0: 3 likes, 1 dislike, 1 lukewarm -> dislike 3, lukewarm 4, and unrated items (6..9); never 5 (warm)
        Set<Integer> seen = negatives(s, 0, 0, 2000);
        assertThat(seen).contains(3, 4).doesNotContain(0, 1, 2, 5);
        assertThat(seen).containsAnyOf(6, 7, 8, 9);
        // user 1: more dislikes than likes -> only its dislikes, never another user's
        assertThat(negatives(s, 1, 0, 500)).containsExactlyInAnyOrder(6, 7, 8);
    }

    @Test
    void unratedNeverReturnsARatedItem() {
        Interactions d = data();
        Set<Integer> seen = negatives(Samplers.parse("unrated", SamplingContext.dataOnly(d)), 0, 0, 2000);
        assertThat(seen).containsExactlyInAnyOrder(6, 7, 8, 9);
    }

    @Test
    void uniformCanReturnAnyItemAsTheNotebookDid() {
        Set<Integer> seen = negatives(Samplers.parse("uniform", SamplingContext.dataOnly(data())), 0, 0, 2000);
        assertThat(seen).hasSize(10);
    }

    @Test
    void popularityNeverReturnsARatedItem() {
        Set<Integer> seen = negatives(Samplers.parse("popularity:1", SamplingContext.dataOnly(data())), 0, 0, 2000);
        assertThat(seen).isSubsetOf(6, 7, 8, 9).isNotEmpty();
    }

    @Test
    void dislikedPutsAnUnratedItemAboveADislike() {
        Interactions d = data();
        TripletSampler s = Samplers.parse("disliked", SamplingContext.dataOnly(d));
        Triplet t = new Triplet();
        SplitMix rng = new SplitMix(1);
        for (int k = 0; k < 200; k++) {
            assertThat(s.draw(0, 1, 0, rng, t)).isTrue();
            assertThat(t.negative).isIn(6, 7, 8);
            assertThat(d.isRated(1, t.positive)).isFalse();
        }
        assertThat(s.draw(0, 2, 9, rng, t)).as("user 2 has no dislikes").isFalse();
    }

    @Test
    void neutralAnchorsUseOnlyWarmRatings() {
        Interactions d = data();
        TripletSampler s = Samplers.parse("neutral", SamplingContext.dataOnly(d));
        Triplet t = new Triplet();
        SplitMix rng = new SplitMix(3);
        Set<Integer> positives = new HashSet<>();
        for (int k = 0; k < 500; k++) {
            if (s.draw(0, 0, 0, rng, t)) {
                positives.add(t.positive);
                assertThat(d.isRated(0, t.negative)).isFalse();
            }
        }
        assertThat(positives).containsExactly(5); // the 4, never the lukewarm 3
    }

    @Test
    void seedLiteralPairsByRowMajorPositionAcrossUsers() {
        // likes in row-major order: (0,0) (0,1) (0,2) (1,0) (2,9): 5 likes; dislikes: (0,3) (1,6) (1,7) (1,8): 4.
        // deficit 1 -> the first lukewarm cell in row-major order, (0,4), joins: negatives row-major =
        // (0,3) (0,4) (1,6) (1,7) (1,8). Anchor k pairs with the k-th negative, whoever's it is (defect 1).
        Interactions d = data();
        TripletSampler s = Samplers.parse("seed-literal", SamplingContext.dataOnly(d));
        int[] expected = {3, 4, 6, 7, 8};
        Triplet t = new Triplet();
        for (int a = 0; a < d.anchorCount(); a++) {
            assertThat(s.draw(a, d.anchorUser(a), d.anchorItem(a), new SplitMix(0), t)).isTrue();
            assertThat(t.negative).isEqualTo(expected[a]);
            assertThat(t.user).isEqualTo(d.anchorUser(a));
        }
        // anchor 2 is user 0's like paired with user 1's dislike 6: the seed's cross-user pairing
        assertThat(d.anchorUser(2)).isEqualTo(0);
        assertThat(d.isNegative(0, 6)).isFalse();
    }

    @Test
    void mixtureFollowsItsWeights() {
        Interactions d = data();
        TripletSampler s = Samplers.parse("0.9*explicit+0.1*unrated", SamplingContext.dataOnly(d));
        SplitMix rng = new SplitMix(11);
        Triplet t = new Triplet();
        int dislikes = 0;
        for (int k = 0; k < 10000; k++) {
            s.draw(0, 1, 0, rng, t);
            if (d.isNegative(1, t.negative)) {
                dislikes++;
            }
        }
        assertThat(dislikes / 10000.0).isBetween(0.88, 0.92);
    }

    @Test
    void warpFindsAViolatingItemAndWeightsByRank() {
        Interactions d = data();
        float[] users = new float[3];
        float[] items = new float[10];
        java.util.Arrays.fill(users, 1f);
        items[0] = 0f;   // the positive scores 0; with margin 1 an unrated item violates when it scores above -1
        items[6] = 5f;   // the only violator: the other unrated items score -5
        items[7] = items[8] = items[9] = -5f;
        SamplingContext ctx = new SamplingContext(d, 1, users, items, null, 1f);
        TripletSampler s = Samplers.parse("warp:1000", ctx);
        Triplet t = new Triplet();
        SplitMix rng = new SplitMix(5);
        assertThat(s.draw(0, 0, 0, rng, t)).isTrue();
        assertThat(t.negative).isEqualTo(6);
        assertThat(t.weight).isGreaterThan(0f).isLessThanOrEqualTo((float) Math.log(9));
        items[6] = -5f; // nothing violates any more: the anchor is skipped
        assertThat(s.draw(0, 0, 0, rng, t)).isFalse();
    }

    @Test
    void badSpecsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> Samplers.validate("bogus")).hasMessageContaining("unknown sampler 'bogus'");
        assertThatThrownBy(() -> Samplers.validate("x*warp")).hasMessageContaining("weight");
        assertThatThrownBy(() -> Samplers.validate("popularity:abc")).hasMessageContaining("popularity");
        Samplers.validate("0.5*warp+0.2*neutral-warp+0.3*disliked-warp");
    }
}
