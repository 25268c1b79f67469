package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Loading's parallel steps: every element once, whatever the cut, and a failure on any thread reaches the caller. */
class ParallelTest {

    @Test
    void rangesCoverEveryElementExactlyOnce() {
        for (int n : new int[] {0, 1, Parallel.MIN_RANGE - 1, 3 * Parallel.MIN_RANGE + 17, 40 * Parallel.MIN_RANGE}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            Parallel.forRanges(n, (from, to) -> {
                assertThat(from).isLessThanOrEqualTo(to);
                for (int k = from; k < to; k++) {
                    seen.incrementAndGet(k);
                }
            });
            for (int k = 0; k < n; k++) {
                assertThat(seen.get(k)).as("element %d of %d", k, n).isEqualTo(1);
            }
        }
    }

    @Test
    void piecesCoverEveryElementOnceInOrderedRangesNumberedFromZero() {
        for (int n : new int[] {0, 5, 9 * Parallel.MIN_RANGE + 1}) {
            int pieces = Parallel.pieces(n);
            int[] from = new int[pieces], to = new int[pieces];
            AtomicIntegerArray runs = new AtomicIntegerArray(pieces);
            Parallel.forPieces(n, (p, a, b) -> {
                runs.incrementAndGet(p);
                from[p] = a;
                to[p] = b;
            });
            for (int p = 0; p < pieces; p++) {
                assertThat(runs.get(p)).isEqualTo(1);
                assertThat(from[p]).isEqualTo(p == 0 ? 0 : to[p - 1]);
            }
            assertThat(to[pieces - 1]).isEqualTo(n);
        }
        assertThat(Parallel.pieces(9 * Parallel.MIN_RANGE + 1)).isEqualTo(Math.min(9, 4 * Parallel.cores()));
    }

    @Test
    void everyTaskRunsOnceAndAFailureIsRethrown() {
        AtomicIntegerArray ran = new AtomicIntegerArray(100);
        Parallel.forEach(100, ran::incrementAndGet);
        for (int t = 0; t < 100; t++) {
            assertThat(ran.get(t)).isEqualTo(1);
        }
        assertThatThrownBy(() -> Parallel.forEach(50, t -> {
            if (t == 37) {
                throw new IllegalStateException("task 37");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("task 37");
    }
}
