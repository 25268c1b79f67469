package org.tripletrec.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;

/**
 * The users split between training threads, each share with about the same number of liked pairs (largest user
 * first to the lightest share). A thread trains only its own users' anchors, so a user row is never written by
 * two threads: the Hogwild races, and the cache lines that travel between cores, are left to the item rows.
 */
final class UserShares {
    private final Interactions data;
    private final int[][] users;   // each share's users
    private final int[][] anchors; // each share's anchors, rearranged every epoch

    private UserShares(Interactions data, int[][] users, int[][] anchors) {
        this.data = data;
        this.users = users;
        this.anchors = anchors;
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

    /** Orders share {@code s}'s anchors for an epoch and returns them; the thread that trains the share calls it. */
    int[] arrange(int s, AnchorOrder order, SplittableRandom rng) {
        int[] a = anchors[s];
        if (order == AnchorOrder.BY_USER) {
            Trainer.groupByUser(a, users[s], data, rng);
        } else {
            Trainer.shuffle(a, rng);
        }
        return a;
    }
}
