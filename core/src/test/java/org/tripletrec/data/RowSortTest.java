package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowSortTest {
    @Test
    void sortsByKeyAndKeepsEqualKeysInOrder() {
        long[] key = {5, 1, 5, 0, 1, 5};
        int[] rows = {0, 1, 2, 3, 4, 5};
        RowSort.byKey(rows, 0, rows.length, r -> key[r]);
        assertThat(rows).containsExactly(3, 1, 4, 0, 2, 5);
    }

    @Test
    void sortsOnlyTheRangeAndAgreesWithAStableReferenceSort() {
        SplittableRandom rng = new SplittableRandom(3);
        long[] key = new long[500];
        for (int k = 0; k < key.length; k++) {
            key[k] = rng.nextInt(20) - 10;
        }
        int[] rows = new int[key.length];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = rows.length - 1 - k;
        }
        Integer[] expected = new Integer[400];
        for (int k = 0; k < 400; k++) {
            expected[k] = rows[50 + k];
        }
        Arrays.sort(expected, (a, b) -> Long.compare(key[a], key[b])); // stable (TimSort)
        RowSort.byKey(rows, 50, 450, r -> key[r]);
        for (int k = 0; k < 400; k++) {
            assertThat(rows[50 + k]).isEqualTo(expected[k]);
        }
        assertThat(rows[0]).isEqualTo(499);
        assertThat(rows[499]).isZero();
    }
}
