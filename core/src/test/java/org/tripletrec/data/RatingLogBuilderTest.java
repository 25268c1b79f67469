package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatingLogBuilderTest {
    private static RatingLog.Builder filled(int capacity, int n) {
        RatingLog.Builder b = new RatingLog.Builder(capacity);
        for (int k = 0; k < n; k++) {
            b.add(k, 100 + k, k % 5 + 1, 1000L + k);
        }
        return b;
    }

    @Test
    void anExactlyFullBuilderBuildsTheSameLogAsATrimmedOne() {
        RatingLog exact = filled(40, 40).build();      // hands its arrays over
        RatingLog trimmed = filled(100, 40).build();   // copies
        assertThat(exact.size()).isEqualTo(40);
        for (int k = 0; k < 40; k++) {
            assertThat(exact.user(k)).isEqualTo(trimmed.user(k));
            assertThat(exact.item(k)).isEqualTo(trimmed.item(k));
            assertThat(exact.rating(k)).isEqualTo(trimmed.rating(k));
            assertThat(exact.time(k)).isEqualTo(trimmed.time(k));
        }
    }

    @Test
    void addingAfterAHandOverLeavesTheBuiltLogAlone() {
        RatingLog.Builder b = filled(20, 20);
        RatingLog first = b.build();
        b.add(7, 7, 2f, 7L);
        RatingLog second = b.build();
        assertThat(first.size()).isEqualTo(20);
        assertThat(second.size()).isEqualTo(21);
        assertThat(second.user(20)).isEqualTo(7);
        for (int k = 0; k < 20; k++) {
            assertThat(first.user(k)).isEqualTo(k);
            assertThat(second.item(k)).isEqualTo(100 + k);
        }
    }
}
