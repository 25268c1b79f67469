package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;

class WarmupTest {
    @Test
    void theModelIsTheSameWithOrWithoutAWarmupRunningAlongside() {
        Interactions d = TrainerTest.planted(4);
        TrainerConfig c = Presets.seed().toBuilder().dim(8).epochs(5).optimizer(OptimizerKind.LAZY_ADAM)
                .learningRate(0.05f).seed(9).build();
        EmbeddingModel alone = TrainerTest.fit(c, d);
        EmbeddingModel withWarmup;
        try (Warmup w = Warmup.start(c)) {
            withWarmup = TrainerTest.fit(c, d); // trains while the warm-up's thread trains its own model
            w.await();
        }
        for (int u = 0; u < d.numUsers(); u++) {
            for (int i = 0; i < d.numItems(); i++) {
                assertThat(withWarmup.score(u, i)).isEqualTo(alone.score(u, i));
            }
        }
    }

    @Test
    void awaitReturnsOnceWarmOrCappedAndReportsTheEpochs() {
        long start = System.nanoTime();
        Warmup w = Warmup.start(Presets.single());
        w.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] epochs = w.epochSeconds();
        assertThat(epochs).isNotEmpty();
        // warm needs the minimum number of triplets; otherwise the cap ended it
        assertThat(w.warm() || seconds >= Warmup.CAP_NANOS / 1e9).isTrue();
        assertThat(seconds).isLessThan(Warmup.CAP_NANOS / 1e9 + 5);
    }

    @Test
    void closeCancelsWithoutWaiting() {
        Warmup w = Warmup.start(Presets.seed());
        w.close();
        w.await(); // returns at the end of the warm-up's current epoch (a slow one: the JIT is cold)
        assertThat(w.warm()).isFalse();
        assertThat(w.epochSeconds().length).as("epochs after close()").isLessThanOrEqualTo(2);
    }

    @Test
    void aWarmupWhileLoadingStopsWhenClosedAndLeavesTheModelAsItWas() {
        Interactions d = TrainerTest.planted(5);
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(4).build();
        EmbeddingModel alone = TrainerTest.fit(c, d);
        Warmup w = Warmup.whileLoading(c);
        w.close();
        EmbeddingModel after = TrainerTest.fit(c, d); // may overlap the warm-up's last epoch
        w.await();
        assertThat(w.warm()).isFalse();
        assertThat(w.epochSeconds().length).as("epochs after close()").isLessThanOrEqualTo(2);
        assertThat(after.userFactors()).containsExactly(alone.userFactors());
        assertThat(after.itemFactors()).containsExactly(alone.itemFactors());
    }

    @Test
    void noWarmupIsAlreadyDone() {
        Warmup w = Warmup.none();
        w.await();
        assertThat(w.epochSeconds()).isEmpty();
    }
}
