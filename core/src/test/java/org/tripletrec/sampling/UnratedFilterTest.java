package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

/** The rated-pair filter only saves work: draws are those of the plain rejection loop, and it never misses a pair. */
class UnratedFilterTest {

    private static Interactions data() {
        SplitMix rng = new SplitMix(5);
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < 200; u++) {
            double share = u == 0 ? 0.999 : u == 1 ? 1.0 : 0.05 + 0.3 * rng.nextDouble(); // 0, 1: nearly all / all
            for (int i = 0; i < 300; i++) {
                if (rng.nextDouble() < share) {
                    b.add(u, i, 1 + rng.nextInt(5), 0);
                }
            }
        }
        return Interactions.of(b.build(), new FeedbackPolicy(5, 2), 200, 300);
    }

    /** The loop Unrated.draw ran before the filter. */
    private static int plainDraw(Interactions data, int u, SplitMix rng) {
        int n = data.numItems();
        int unrated = n - data.ratedCount(u);
        if (unrated <= 0) {
            return -1;
        }
        for (int t = 0; t < 32; t++) {
            int i = rng.nextInt(n);
            if (!data.isRated(u, i)) {
                return i;
            }
        }
        return Unrated.nthUnrated(data, u, rng.nextInt(unrated));
    }

    @Test
    void drawsAreThoseOfThePlainLoop() {
        Interactions data = data();
        SplitMix a = new SplitMix(9), b = new SplitMix(9);
        for (int k = 0; k < 50_000; k++) {
            int u = k % 200;
            assertThat(Unrated.draw(data, u, a)).isEqualTo(plainDraw(data, u, b));
        }
    }

    @Test
    void everyRatedPairPassesTheFilter() {
        Interactions data = data();
        Unrated.RatedFilter f = Unrated.RatedFilter.of(data);
        int unratedPass = 0, unratedTotal = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            for (int i = 0; i < data.numItems(); i++) {
                if (data.isRated(u, i)) {
                    assertThat(f.mayBeRated(u, i)).isTrue();
                } else {
                    unratedTotal++;
                    if (f.mayBeRated(u, i)) {
                        unratedPass++;
                    }
                }
            }
        }
        assertThat(unratedPass / (double) unratedTotal).as("false positive rate").isLessThan(0.2);
    }

    @Test
    void itsAnswersAreExactAndUsersWhoRatedOneItemInThirtyTwoNeedNoSearch() {
        Interactions data = data();
        Unrated.RatedFilter f = Unrated.RatedFilter.of(data);
        Interactions noSearch = Interactions.of(new RatingLog.Builder().build(), new FeedbackPolicy(5, 2), 200, 300);
        for (int u = 0; u < data.numUsers(); u++) {
            boolean dense = 32 * data.ratedCount(u) >= 320; // a 300-item row takes 5 words
            for (int i = 0; i < data.numItems(); i++) {
                assertThat(f.isRated(data, u, i)).isEqualTo(data.isRated(u, i));
                if (dense) {
                    // an exact bit row: the answer never consults the interactions (here: ones with no rating)
                    assertThat(f.isRated(noSearch, u, i)).isEqualTo(data.isRated(u, i));
                }
            }
        }
    }
}
