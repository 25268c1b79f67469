package org.tripletrec.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

class NeverRatedItemsTest {

    /** Items 0..5: user 0 rated 0 and 1, user 1 rated 1 and 2; nobody rated 3, 4 or 5. */
    private static Interactions data() {
        RatingLog.Builder log = new RatingLog.Builder();
        log.add(0, 0, 5, 0);
        log.add(0, 1, 1, 0);
        log.add(1, 1, 5, 0);
        log.add(1, 2, 4, 0);
        return Interactions.of(log.build(), new FeedbackPolicy(5, 2), 2, 6);
    }

    private static Set<Integer> draws(Interactions d, int user) {
        SplitMix rng = new SplitMix(7);
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 2000; k++) {
            seen.add(Unrated.draw(d, user, rng));
        }
        return seen;
    }

    @Test
    void whileRegisteredTheUnratedDrawsLeaveOutItemsNobodyRated() {
        Interactions d = data();
        assertThat(NeverRatedItems.mask(d)).containsExactly(false, false, false, true, true, true);
        assertThat(draws(d, 0)).containsExactlyInAnyOrder(2, 3, 4, 5);
        try (NeverRatedItems.Registration r = NeverRatedItems.exclude(d)) {
            assertThat(draws(d, 0)).containsExactly(2);
            assertThat(draws(d, 1)).containsExactly(0);
            // another data set is not affected
            Interactions other = data();
            assertThat(draws(other, 0)).containsExactlyInAnyOrder(2, 3, 4, 5);
        }
        assertThat(draws(d, 0)).containsExactlyInAnyOrder(2, 3, 4, 5);
    }

    @Test
    void theItemsStayOutUntilTheLastOfTwoRegistrationsOfTheSameDataCloses() {
        Interactions d = data();
        NeverRatedItems.Registration first = NeverRatedItems.exclude(d);
        try (NeverRatedItems.Registration second = NeverRatedItems.exclude(d)) {
            first.close();
            assertThat(draws(d, 0)).containsExactly(2);
        }
        assertThat(draws(d, 0)).containsExactlyInAnyOrder(2, 3, 4, 5);
    }

    @Test
    void aUserWhoRatedEverythingOthersRatedHasNoNegative() {
        RatingLog.Builder log = new RatingLog.Builder();
        log.add(0, 0, 5, 0);
        log.add(0, 1, 1, 0);
        log.add(1, 0, 5, 0);
        Interactions d = Interactions.of(log.build(), new FeedbackPolicy(5, 2), 2, 40);
        try (NeverRatedItems.Registration r = NeverRatedItems.exclude(d)) {
            assertThat(Unrated.draw(d, 0, new SplitMix(1))).isEqualTo(-1);
            // user 1 has one candidate among 39 unrated items: found past the rejection tries too
            for (int seed = 0; seed < 20; seed++) {
                assertThat(Unrated.draw(d, 1, new SplitMix(seed))).isEqualTo(1);
            }
        }
    }
}
