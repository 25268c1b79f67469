package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerThreadsTest {
    @Test
    void runsEveryJobOncePerRoundTheFirstOnTheCaller() {
        AtomicInteger[] runs = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Thread[] first = new Thread[1];
        try (WorkerThreads crew = new WorkerThreads(3)) {
            for (int round = 0; round < 50; round++) {
                Runnable[] jobs = new Runnable[3];
                for (int j = 0; j < 3; j++) {
                    int job = j;
                    jobs[j] = () -> {
                        runs[job].incrementAndGet();
                        threads.add(Thread.currentThread());
                        if (job == 0) {
                            first[0] = Thread.currentThread();
                        }
                    };
                }
                crew.runAll(jobs);
                // runAll returns only when every job of the round has finished
                for (AtomicInteger r : runs) {
                    assertThat(r.get()).isEqualTo(round + 1);
                }
            }
        }
        assertThat(first[0]).isSameAs(Thread.currentThread());
        assertThat(threads).hasSize(3);
    }

    @Test
    void aHelpersFailureIsRethrownAndTheCrewStillWorks() {
        try (WorkerThreads crew = new WorkerThreads(2)) {
            assertThatThrownBy(() -> crew.runAll(new Runnable[] {() -> {}, () -> {
                throw new IllegalStateException("boom");
            }})).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            AtomicInteger ok = new AtomicInteger();
            crew.runAll(new Runnable[] {ok::incrementAndGet, ok::incrementAndGet});
            assertThat(ok.get()).isEqualTo(2);
        }
    }

    @Test
    void waitsForHelpersThatOutlastTheSpin() {
        AtomicInteger done = new AtomicInteger();
        try (WorkerThreads crew = new WorkerThreads(2)) {
            crew.runAll(new Runnable[] {() -> {}, () -> {
                try {
                    Thread.sleep(3 * WorkerThreads.SPIN_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.incrementAndGet();
            }});
            assertThat(done.get()).isEqualTo(1);
        }
    }

    @Test
    void oneThreadNeedsNoHelpers() {
        AtomicInteger ran = new AtomicInteger();
        try (WorkerThreads crew = new WorkerThreads(1)) {
            crew.runAll(new Runnable[] {ran::incrementAndGet});
        }
        assertThat(ran.get()).isEqualTo(1);
        assertThatThrownBy(() -> new WorkerThreads(2).runAll(new Runnable[] {() -> {}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
