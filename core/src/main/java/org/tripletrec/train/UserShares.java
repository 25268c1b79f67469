package org.tripletrec.train;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.tripletrec.data.Interactions;
import org.tripletrec.sampling.SplitMix;

/**
 * The users split between training threads, each share with about the same number of liked pairs (largest user
 * first to the lightest share). A thread trains only its own users' anchors, so a user row is never written by
 * two threads: the Hogwild races, and the cache lines that travel between cores, are left to the item rows.
 * A thread that has finished its own share takes chunks of the others' that are not yet taken, so that the
 * threads finish an epoch together (one preempted thread would otherwise hold up the epoch).
 */
final class UserShares {
    private final Interactions data;
    private final int[][] users;   // each share's users
    private final int[][] anchors; // each share's anchors, rearranged every epoch
    // per share, a cache line apart: the next anchor to take, and whether the share is arranged this epoch
    private final AtomicIntegerArray cursors, ready;
    private static final int STRIDE = 16;

    private UserShares(Interactions data, int[][] users, int[][] anchors) {
        this.data = data;
        this.users = users;
        this.anchors = anchors;
        this.cursors = new AtomicIntegerArray(users.length * STRIDE);
        this.ready = new AtomicIntegerArray(users.length * STRIDE);
    }

    static UserShares of(Interactions data, int shares) {
        int n = data.numUsers();
        Integer[] byCount = new Integer[n];
        for (int u = 0; u < n; u++) {
            byCount[u] = u;
        }
        Arrays.sort(byCount, (a, b) -> Integer.compare(data.positiveCount(b), data.positiveCount(a)));
        long[] load = new long[shares];
        int[] owner = new int[n];
        int[] userCount = new int[shares];
        for (int u : byCount) {
            int lightest = 0;
            for (int s = 1; s < shares; s++) {
                if (load[s] < load[lightest]) {
                    lightest = s;
                }
            }
            owner[u] = lightest;
            load[lightest] += data.positiveCount(u);
            userCount[lightest]++;
        }
        int[][] users = new int[shares][];
        int[][] anchors = new int[shares][];
        for (int s = 0; s < shares; s++) {
            users[s] = new int[userCount[s]];
            anchors[s] = new int[Math.toIntExact(load[s])];
        }
        int[] nextUser = new int[shares];
        int[] nextAnchor = new int[shares];
        for (int u = 0; u < n; u++) {
            int s = owner[u];
            users[s][nextUser[s]++] = u;
            for (int a = data.anchorStart(u), end = a + data.positiveCount(u); a < end; a++) {
                anchors[s][nextAnchor[s]++] = a;
            }
        }
        return new UserShares(data, users, anchors);
    }

    int count() {
        return users.length;
    }

    /** Share {@code s}'s users (do not modify). */
    int[] users(int s) {
        return users[s];
    }

    /** Starts an epoch: no share arranged, none taken. Call before the threads start. */
    void reset() {
        for (int s = 0; s < users.length; s++) {
            cursors.set(s * STRIDE, 0);
            ready.set(s * STRIDE, 0);
        }
    }

    /** Orders share {@code s}'s anchors for an epoch and returns them; the thread that trains the share calls it. */
    int[] arrange(int s, AnchorOrder order, SplitMix rng) {
        int[] a = anchors[s];
        if (order == AnchorOrder.BY_USER) {
            Trainer.groupByUser(a, users[s], data, rng);
        } else {
            Trainer.shuffle(a, rng);
        }
        ready.set(s * STRIDE, 1); // publishes the arranged array to threads that help with it
        return a;
    }

    /**
     * One thread's epoch: arranges share {@code s}, trains it, then helps with the other shares' untaken anchors.
     */
    void train(int s, AnchorOrder order, Worker w, SplitMix rng, AtomicLong step, AtomicLong done, int epoch,
               TrainingListener listener) {
        int[] mine = arrange(s, order, rng);
        w.claim(mine, cursors, s * STRIDE, mine.length, rng, step, done, epoch, listener);
        for (int k = 1; k < users.length; k++) {
            int other = (s + k) % users.length;
            if (ready.get(other * STRIDE) == 1) { // not yet arranged: its owner has barely started
                w.claim(anchors[other], cursors, other * STRIDE, anchors[other].length, rng, step, done, epoch,
                        listener);
            }
        }
        w.finish(step, done, epoch, listener);
    }
}
