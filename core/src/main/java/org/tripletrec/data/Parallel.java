package org.tripletrec.data;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the steps of loading a large data set on all cores: independent tasks, or ranges of users or rows, on up
 * to one thread a core, the calling thread included. Small work runs on the calling thread alone, where starting
 * threads would cost more than it saves.
 */
final class Parallel {
    /** Below this many elements a range is not split. */
    static final int MIN_RANGE = 1 << 16;

    private Parallel() {}

    /** A task over the elements {@code [from, to)}. */
    interface Range {
        void run(int from, int to);
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A task over the elements {@code [from, to)}, the {@code piece}-th of the ranges [0, n) is cut into. */
    interface Piece {
        void run(int piece, int from, int to);
    }

    /** {@code range.run} over [0, n) cut into ranges of at least {@link #MIN_RANGE}, four a core at most. */
    static void forRanges(int n, Range range) {
        forPieces(n, (piece, from, to) -> range.run(from, to));
    }

    /** How many ranges {@link #forPieces} cuts [0, n) into: the same for the same n, so two passes can agree. */
    static int pieces(int n) {
        return (int) Math.max(1, Math.min(4L * cores(), n / (long) MIN_RANGE));
    }

    /** {@link #forRanges}, each range told its place: piece p is [n * p / pieces, n * (p + 1) / pieces). */
    static void forPieces(int n, Piece task) {
        int pieces = pieces(n);
        if (pieces == 1) {
            task.run(0, 0, n);
            return;
        }
        forEach(pieces, p -> task.run(p, (int) ((long) n * p / pieces), (int) ((long) n * (p + 1) / pieces)));
    }

    /**
     * Runs {@code task.accept(t)} for t in [0, tasks), each once, on up to one thread a core (this one included);
     * rethrows the first failure once all threads have stopped.
     */
    static void forEach(int tasks, IntConsumer task) {
        int threads = Math.min(tasks, cores());
        if (threads <= 1) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Throwable[] failure = new Throwable[1];
        Runnable work = () -> {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    task.accept(t);
                } catch (RuntimeException | Error e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                    next.set(tasks);
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = new Thread(work, "tripletrec-load-" + (h + 1));
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
        work.run();
        for (Thread h : helpers) {
            try {
                h.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading", e);
            }
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
    }
}
