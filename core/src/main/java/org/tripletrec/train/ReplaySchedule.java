package org.tripletrec.train;

import java.util.Arrays;
import java.util.BitSet;
import org.tripletrec.data.Interactions;
import org.tripletrec.sampling.SplitMix;

/**
 * The likes an update visits each epoch: a fixed number of them, shared among the items in proportion to each
 * item's likes (old and new alike), and within an item's share its new likes first, then old likes drawn afresh
 * every epoch.
 *
 * <p>Why in proportion to the items' likes: in a full epoch an item is the positive of each of its likes once and
 * a sampled negative of some of the other anchors, and training balances the two. An update epoch visits a
 * fraction of a full epoch's anchors, so every item is drawn as a negative that much less often. Visiting every
 * new like each epoch would then push the items with many new likes (new items above all, whose likes are all
 * new) up far more often than anything pushes them down, and rank them too high; old items without new likes
 * would sink. Giving every item the same fraction of its likes keeps each item's balance of up- and down-pushes
 * as in a full epoch. New likes come first because they are what the model has not learned yet.
 */
final class ReplaySchedule implements AnchorSchedule {
    private final int[] newStart, newAnchors; // per item, its new likes (anchor positions), grouped by item
    private final int[] oldStart, oldAnchors; // per item, its old likes
    private final double share;               // of every item's likes visited per epoch
    private final int capacity;

    /**
     * @param isNew    which anchors of {@code train} are new likes
     * @param perEpoch how many likes an epoch visits (capped at all of them)
     */
    ReplaySchedule(Interactions train, BitSet isNew, long perEpoch) {
        int items = train.numItems();
        int anchors = train.anchorCount();
        int[] newCount = new int[items + 1], oldCount = new int[items + 1];
        for (int a = 0; a < anchors; a++) {
            (isNew.get(a) ? newCount : oldCount)[train.anchorItem(a) + 1]++;
        }
        newStart = prefixSums(newCount);
        oldStart = prefixSums(oldCount);
        newAnchors = new int[newStart[items]];
        oldAnchors = new int[oldStart[items]];
        int[] nextNew = Arrays.copyOf(newStart, items), nextOld = Arrays.copyOf(oldStart, items);
        for (int a = 0; a < anchors; a++) {
            int i = train.anchorItem(a);
            if (isNew.get(a)) {
                newAnchors[nextNew[i]++] = a;
            } else {
                oldAnchors[nextOld[i]++] = a;
            }
        }
        share = anchors == 0 ? 0 : Math.min(1.0, perEpoch / (double) anchors);
        capacity = (int) Math.min(anchors, Math.ceil(share * anchors) + items);
    }

    private static int[] prefixSums(int[] counts) {
        for (int k = 1; k < counts.length; k++) {
            counts[k] += counts[k - 1];
        }
        return counts;
    }

    /** The fraction of every item's likes that an epoch visits. */
    double share() {
        return share;
    }

    /** Likes an epoch visits, on average. */
    @Override
    public double perEpoch() {
        return share * (newAnchors.length + oldAnchors.length);
    }

    /** New likes an epoch visits, on average: all of an item's when they fit in its share. */
    double newPerEpoch() {
        double sum = 0;
        for (int i = 0; i + 1 < newStart.length; i++) {
            int likes = newStart[i + 1] - newStart[i] + oldStart[i + 1] - oldStart[i];
            sum += Math.min(share * likes, newStart[i + 1] - newStart[i]);
        }
        return sum;
    }

    @Override
    public int[] anchors(int epoch, SplitMix rng) {
        int[] out = new int[capacity];
        int n = 0;
        for (int i = 0; i + 1 < newStart.length; i++) {
            int news = newStart[i + 1] - newStart[i], olds = oldStart[i + 1] - oldStart[i];
            if (news + olds == 0) {
                continue;
            }
            double quota = share * (news + olds);
            int take = (int) quota;
            if (rng.nextDouble() < quota - take) { // rounded at random, so that the expected share is exact
                take++;
            }
            int fromNew = Math.min(take, news);
            n = draw(newAnchors, newStart[i], news, fromNew, rng, out, n);
            n = draw(oldAnchors, oldStart[i], olds, Math.min(take - fromNew, olds), rng, out, n);
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code count} of the {@code size} anchors at {@code pool[from..]}, without repeats (partial Fisher-Yates). */
    private static int draw(int[] pool, int from, int size, int count, SplitMix rng, int[] out, int n) {
        if (count == size) {
            System.arraycopy(pool, from, out, n, size);
            return n + size;
        }
        for (int j = 0; j < count; j++) {
            int pick = from + j + rng.nextInt(size - j);
            int t = pool[from + j];
            pool[from + j] = pool[pick];
            pool[pick] = t;
            out[n++] = pool[from + j];
        }
        return n;
    }
}
