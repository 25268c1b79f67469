package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The counting sort gives what a stable comparison sort by key gives, whatever the size and the cut into ranges. */
class CountingSortTest {

    /** The reference: the rows sorted by key with a stable comparison sort. */
    private static int[] stableSorted(int[] keys, int n) {
        Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Comparator.comparingInt(r -> keys[r])); // Arrays.sort of objects is stable
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void sortsStablyByKeyOnOneCoreOrMany() {
        SplittableRandom rng = new SplittableRandom(7);
        // below one range, and several ranges (parallel), with few keys (long runs of ties) and many
        for (int n : new int[] {0, 1, 2, 1000, 5 * Parallel.MIN_RANGE + 3}) {
            for (int numKeys : new int[] {1, 3, 5000}) {
                int[] keys = new int[n];
                for (int k = 0; k < n; k++) {
                    keys[k] = rng.nextInt(numKeys);
                }
                CountingSort.Grouped g = CountingSort.sort(keys, n, numKeys);
                assertThat(g.order()).as("n %d, %d keys", n, numKeys).isEqualTo(stableSorted(keys, n));
                assertThat(g.start()).hasSize(numKeys + 1);
                int wrongKey = 0;
                for (int key = 0; key < numKeys; key++) {
                    for (int j = g.start()[key]; j < g.start()[key + 1]; j++) {
                        wrongKey += keys[g.order()[j]] == key ? 0 : 1;
                    }
                }
                assertThat(wrongKey).as("rows outside their key's stretch").isZero();
                assertThat(g.start()[numKeys]).isEqualTo(n);
            }
        }
    }

    @Test
    void rowsAlreadyInKeyOrderStayInPlace() {
        int n = 3 * Parallel.MIN_RANGE + 11;
        int[] keys = new int[n];
        for (int k = 0; k < n; k++) {
            keys[k] = k / 1000;
        }
        CountingSort.Grouped g = CountingSort.sort(keys, n, keys[n - 1] + 1);
        assertThat(g.order()).isEqualTo(IntStream.range(0, n).toArray());
        // only the first n rows count
        assertThat(CountingSort.sort(keys, 5, 1).order()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void sortRunsSortsEachRunStablyByKey() {
        SplittableRandom rng = new SplittableRandom(9);
        // runs shorter and longer than SHORT_RUN, empty ones, and enough of them to be shared out between cores;
        // keys needing one to four radix passes
        int runs = Parallel.MIN_RANGE + 1000;
        for (int bound : new int[] {1, 200, 70_000, (1 << 24) + 5, Integer.MAX_VALUE}) {
            int[] start = new int[runs + 1];
            for (int g = 0; g < runs; g++) {
                int len = g % 97 == 0 ? 300 + rng.nextInt(700) : rng.nextInt(2 * CountingSort.SHORT_RUN);
                start[g + 1] = start[g] + (g % 5 == 0 ? 0 : len);
            }
            int n = start[runs];
            int[] keys = new int[n];
            int[] order = new int[n];
            for (int k = 0; k < n; k++) {
                keys[k] = rng.nextInt(Math.min(bound, rng.nextBoolean() ? 7 : bound)); // ties too
                order[k] = k; // each run in row order, as byUser leaves it
            }
            CountingSort.sortRuns(order, start, keys, bound);
            String firstWrong = null;
            for (int g = 0; g < runs && firstWrong == null; g++) {
                for (int j = start[g]; j < start[g + 1]; j++) {
                    int a = order[j];
                    boolean inRun = a >= start[g] && a < start[g + 1];
                    boolean inOrder = j == start[g] || keys[order[j - 1]] < keys[a]
                            || (keys[order[j - 1]] == keys[a] && order[j - 1] < a);
                    if (!inRun || !inOrder) {
                        firstWrong = "bound " + bound + ", run " + g + ", position " + j;
                        break;
                    }
                }
            }
            assertThat(firstWrong).isNull();
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertThat(sorted).as("every row once").isEqualTo(IntStream.range(0, n).toArray());
        }
    }

    @Test
    void boundIsOneMoreThanTheLargestValue() {
        assertThat(CountingSort.bound(new int[0], 0)).isZero();
        assertThat(CountingSort.bound(new int[] {3, 9, 2}, 3)).isEqualTo(10);
        assertThat(CountingSort.bound(new int[] {3, 9, 2}, 1)).isEqualTo(4);
        int[] big = new int[4 * Parallel.MIN_RANGE];
        big[big.length - 1] = 77;
        assertThat(CountingSort.bound(big, big.length)).isEqualTo(78);
    }

    @Test
    void aKeyOutsideTheRangeFails() {
        assertThatThrownBy(() -> CountingSort.sort(new int[] {0, 4}, 2, 4))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> CountingSort.sort(new int[] {0, -1}, 2, 4))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
