package org.tripletrec.train;

import org.tripletrec.sampling.SplitMix;

/**
 * Which anchors (liked pairs, as positions in {@link org.tripletrec.data.Interactions#anchorUser(int)} order) a
 * training epoch visits, when it visits a subset: an update visits the new likes and a replay sample of old ones.
 * The trainer shuffles what an epoch returns.
 */
public interface AnchorSchedule {
    /**
     * The anchors of {@code epoch} (from 1), in any order; the trainer may reorder the array in place. Draws from
     * {@code rng} only, so that a seed repeats.
     */
    int[] anchors(int epoch, SplitMix rng);

    /** How many anchors an epoch visits, on average. */
    double perEpoch();

    /** The same anchors every epoch (one array, which each epoch's shuffle starts from where the last left it). */
    static AnchorSchedule fixed(int[] anchors) {
        int[] own = anchors.clone();
        return new AnchorSchedule() {
            @Override
            public int[] anchors(int epoch, SplitMix rng) {
                return own;
            }

            @Override
            public double perEpoch() {
                return own.length;
            }
        };
    }
}
