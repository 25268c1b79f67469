package org.tripletrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripletrec.eval.Fixtures.interactions;
import static org.tripletrec.eval.Fixtures.r;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;

class BaselinesTest {
    @Test
    void popularityScoresAreTrainPositiveCounts() {
        // item 0 liked by 2 users, item 1 liked by 1 and disliked by 1, item 2 only rated neutrally
        Interactions train = interactions(3, 3, r(0, 0, 5), r(1, 0, 5), r(0, 1, 5), r(2, 1, 1), r(2, 2, 3));
        PopularityScorer scorer = new PopularityScorer(train);
        float[] out = new float[3];
        scorer.scoreAll(2, out);

        assertThat(out).containsExactly(2f, 1f, 0f);
        assertThat(scorer.numUsers()).isEqualTo(3);
        assertThat(scorer.numItems()).isEqualTo(3);
    }

    @Test
    void randomScoresAreDeterministicAndIndependentOfCallOrder() {
        RandomScorer a = new RandomScorer(50, 200, 17);
        RandomScorer b = new RandomScorer(50, 200, 17);
        float[] late = new float[200];
        for (int u = 49; u >= 0; u--) { // b scores users backwards; a's user 7 must not notice
            b.scoreAll(u, late);
        }
        float[] x = new float[200];
        float[] y = new float[200];
        a.scoreAll(7, x);
        b.scoreAll(7, y);
        assertThat(x).containsExactly(y);
        assertThat(a.score(7, 123)).isEqualTo(x[123]);

        float[] otherSeed = new float[200];
        new RandomScorer(50, 200, 18).scoreAll(7, otherSeed);
        assertThat(otherSeed).isNotEqualTo(x);
        float[] otherUser = new float[200];
        a.scoreAll(8, otherUser);
        assertThat(otherUser).isNotEqualTo(x);
    }

    @Test
    void randomScoresAreUniformOnTheUnitInterval() {
        RandomScorer scorer = new RandomScorer(100, 1000, 1);
        float[] out = new float[1000];
        double sum = 0;
        int[] decile = new int[10];
        for (int u = 0; u < 100; u++) {
            scorer.scoreAll(u, out);
            for (float s : out) {
                assertThat(s).isBetween(0f, 1f).isLessThan(1f);
                sum += s;
                decile[(int) (s * 10)]++;
            }
        }
        assertThat(sum / 100_000).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.005));
        for (int d : decile) {
            assertThat(d).isBetween(9_500, 10_500); // 10,000 expected, sd ~95
        }
    }
}
