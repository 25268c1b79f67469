package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockingTest {
    @Test
    void everyIndexHasOneSlotAndBlocksAreBalanced() {
        for (int n : new int[] {1, 2, 7, 943, 1682, 10_000}) {
            for (int b : new int[] {1, 2, 3, 4, 8}) {
                Blocking blocking = new Blocking(n, b, 42L);
                boolean[][] seen = new boolean[b][];
                int total = 0;
                for (int k = 0; k < b; k++) {
                    seen[k] = new boolean[blocking.blockSize(k)];
                    total += seen[k].length;
                    assertThat(blocking.blockSize(k)).isBetween(n / b, n / b + 1);
                }
                assertThat(total).isEqualTo(n);
                for (int x = 0; x < n; x++) {
                    int blk = blocking.block(x);
                    int loc = blocking.local(x);
                    assertThat(seen[blk][loc]).as("n=%d b=%d x=%d", n, b, x).isFalse();
                    seen[blk][loc] = true;
                    assertThat(blocking.global(blk, loc)).isEqualTo(x);
                }
            }
        }
    }

    @Test
    void theSeedChangesTheScatter() {
        Blocking a = new Blocking(1000, 4, 1L), b = new Blocking(1000, 4, 2L);
        int same = 0;
        for (int x = 0; x < 1000; x++) {
            if (a.block(x) == b.block(x)) {
                same++;
            }
        }
        assertThat(same).isLessThan(600);
    }
}
