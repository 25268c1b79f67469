package org.tripletrec.train;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Training threads that run one job each per epoch. Between epochs a thread spins, then spins yielding, and only
 * then parks: waking a parked thread costs a noticeable share of a short epoch (docs/PERFORMANCE.md), and the
 * kernel may wake it on the waker's own core, where it waits its turn; a spinning thread starts at once. The wait is bounded ({@link #SPIN_NANOS}), so a long pause between epochs (an evaluation, say)
 * costs one core for that long at most. OpenMP runtimes, which LightFM and implicit use, spin-wait the same way.
 */
final class WorkerThreads implements AutoCloseable {
    static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long PURE_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Thread[] helpers;
    private final AtomicReferenceArray<Runnable> tasks;
    private final AtomicInteger running = new AtomicInteger();
    private volatile Thread waiter;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** {@code threads - 1} helper threads: the calling thread runs the first job itself. */
    WorkerThreads(int threads) {
        helpers = new Thread[threads - 1];
        tasks = new AtomicReferenceArray<>(helpers.length);
        for (int h = 0; h < helpers.length; h++) {
            int slot = h;
            helpers[h] = new Thread(() -> loop(slot), "tripletrec-train-" + (h + 1));
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /**
     * Runs {@code jobs[0]} on the calling thread and the others on the helpers; returns when all have finished.
     * A job's exception is rethrown here (the first one, if several fail).
     */
    void runAll(Runnable[] jobs) {
        if (jobs.length != helpers.length + 1) {
            throw new IllegalArgumentException(jobs.length + " jobs for " + (helpers.length + 1) + " threads");
        }
        failure = null;
        waiter = Thread.currentThread();
        running.set(helpers.length);
        for (int h = 0; h < helpers.length; h++) {
            tasks.set(h, jobs[h + 1]);
            LockSupport.unpark(helpers[h]);
        }
        try {
            jobs[0].run();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
        long start = System.nanoTime();
        while (running.get() > 0) {
            pause(start);
        }
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void loop(int slot) {
        while (true) {
            Runnable job = await(slot);
            if (job == null) {
                return;
            }
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(waiter);
                }
            }
        }
    }

    /** The next job of a helper, or null once closed. */
    private Runnable await(int slot) {
        long start = System.nanoTime();
        while (true) {
            Runnable job = tasks.getAndSet(slot, null);
            if (job != null) {
                return job;
            }
            if (closed) {
                return null;
            }
            pause(start);
        }
    }

    /**
     * One wait step, {@code start} being when the wait began: a pure spin at first; then spinning with
     * {@link Thread#yield()}, so that a thread the OS has put on this same core gets to run (spinning alone would
     * hold it off for the whole time slice: epochs took 3 times as long now and then); after
     * {@link #SPIN_NANOS}, park.
     */
    private void pause(long start) {
        long waited = System.nanoTime() - start;
        if (waited < PURE_SPIN_NANOS) {
            Thread.onSpinWait();
        } else if (waited < SPIN_NANOS) {
            Thread.yield();
        } else {
            LockSupport.park(this);
        }
    }

    private synchronized void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
