package org.tripletrec.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Helper threads that join the owner's loop over numbered chunks of work: the owner publishes a round of chunks,
 * every thread claims chunks one at a time until none is left, and the owner returns once all are done. The owner
 * never waits for a helper to start: a helper that the OS has not scheduled claims nothing, and the owner runs
 * every chunk itself (on a busy machine a fixed share per thread would make each round as slow as the latest
 * thread). The owner claims chunks from the front, the helpers from the back, so that each thread tends to take
 * the same chunks round after round and their memory stays in its core's caches. The chunk body reads the owner's
 * state for the round; it cannot change while a chunk is unfinished. Helpers wait between rounds as
 * {@link WorkerThreads}' do: spin, spin yielding, then park.
 */
final class ChunkCrew implements AutoCloseable {
    /** The most chunks of one round. */
    static final int MAX_CHUNKS = (1 << 20) - 1;
    private static final int FIELD = 20;
    private static final long MASK = (1L << FIELD) - 1;
    // the round's chunk count, then the chunks claimed from the back, then those from the front; a claim is a
    // compare-and-set of the whole, so it always counts against the round the ticket shows
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final IntConsumer body;
    private final Thread[] helpers;
    private volatile Throwable failure;
    private int roundChunks; // the owner's
    private volatile boolean closed;

    /** {@code helpers} threads besides the owner; {@code body} runs one chunk. */
    ChunkCrew(int helpers, IntConsumer body) {
        this.body = body;
        this.helpers = new Thread[helpers];
        for (int h = 0; h < helpers; h++) {
            this.helpers[h] = new Thread(this::loop, "tripletrec-sweep-" + (h + 1));
            this.helpers[h].setDaemon(true);
            this.helpers[h].start();
        }
    }

    /** Runs chunks 0 to {@code n - 1}, on this thread and any helper that joins; returns when all are done. */
    void run(int n) {
        start(n);
        finish();
    }

    /**
     * Offers chunks 0 to {@code n - 1} to the helpers and returns at once: the owner may do other work that
     * touches nothing the chunks touch, then calls {@link #finish}.
     */
    void start(int n) {
        if (n < 0 || n > MAX_CHUNKS) {
            throw new IllegalArgumentException(n + " chunks, more than " + MAX_CHUNKS);
        }
        done.set(0);
        roundChunks = n;
        ticket.set((long) n << (2 * FIELD)); // publishes the round (and, before it, the owner's state for it)
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }

    /** Runs the started round's unclaimed chunks on this thread; returns when all its chunks are done. */
    void finish() {
        int n = roundChunks;
        work(true);
        while (done.get() < n) {
            Thread.onSpinWait();
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) f;
        }
    }

    /** Claims and runs chunks of the current round, from the front or the back, until none is left. */
    private void work(boolean front) {
        while (true) {
            long t = ticket.get();
            int fromFront = (int) (t & MASK), fromBack = (int) (t >>> FIELD & MASK), n = (int) (t >>> (2 * FIELD));
            if (fromFront + fromBack >= n) {
                return;
            }
            if (ticket.compareAndSet(t, t + (front ? 1 : 1L << FIELD))) {
                try {
                    body.accept(front ? fromFront : n - 1 - fromBack);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private void loop() {
        long start = System.nanoTime();
        while (!closed) {
            long t = ticket.get();
            if ((t & MASK) + (t >>> FIELD & MASK) < t >>> (2 * FIELD)) {
                work(false);
                start = System.nanoTime();
                continue;
            }
            long waited = System.nanoTime() - start;
            if (waited < WorkerThreads.PURE_SPIN_NANOS) {
                Thread.onSpinWait();
            } else if (waited < WorkerThreads.SPIN_NANOS) {
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
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
