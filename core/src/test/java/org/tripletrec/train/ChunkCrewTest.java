package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunkCrewTest {
    @Test
    void everyChunkOfEveryRoundRunsExactlyOnce() {
        for (int helpers = 0; helpers <= 3; helpers++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            try (ChunkCrew crew = new ChunkCrew(helpers, runs::incrementAndGet)) {
                for (int round = 1; round <= 2000; round++) {
                    int n = round % 100; // rounds of 0 to 99 chunks
                    crew.run(n);
                    for (int c = 0; c < 100; c++) {
                        // chunk c has run once in each round so far that had more than c chunks
                        int expected = 0;
                        for (int r = 1; r <= round; r++) {
                            expected += r % 100 > c ? 1 : 0;
                        }
                        assertThat(runs.get(c)).as("%d helpers, round %d, chunk %d", helpers, round, c)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aFailingChunkFailsTheRoundAndTheCrewGoesOn() {
        try (ChunkCrew crew = new ChunkCrew(1, c -> {
            if (c == 7) {
                throw new IllegalStateException("chunk 7");
            }
        })) {
            assertThatThrownBy(() -> crew.run(20)).isInstanceOf(IllegalStateException.class).hasMessage("chunk 7");
            crew.run(5);
            assertThatThrownBy(() -> crew.run(ChunkCrew.MAX_CHUNKS + 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
