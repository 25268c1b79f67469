package org.tripletrec.sampling;

/**
 * Draws the triplet for one positive (user, item) pair, the epoch's "anchor". Called from several threads at
 * once, each with its own copy ({@link #forThread()}) and its own random stream.
 */
public interface TripletSampler {
    /**
     * Fills {@code out} with a triplet for the anchor-th positive pair (user, positive); returns false to skip
     * the anchor (no valid negative exists, or WARP found no violating item). Draws from {@code rng} only, so that
     * a seed repeats; a sampler may draw ahead and rewind ({@link SplitMix#restore}), as WARP's block search does,
     * as long as it leaves the stream where drawing one number at a time would have left it.
     */
    boolean draw(int anchor, int user, int positive, SplitMix rng, Triplet out);

    /** An instance safe to use on another thread: the same one when the sampler keeps no scratch state. */
    default TripletSampler forThread() {
        return this;
    }

    /**
     * True if a draw never reads the model's tables (only the data and the random stream), so the trainer may
     * draw several triplets before it applies any of them: the draws are then the same as one at a time. False
     * (the default) for a sampler that scores items with the live model, such as WARP.
     */
    default boolean modelFree() {
        return false;
    }

    /** Called by the trainer before every epoch (the seed-literal pairing needs nothing else). */
    default void startEpoch(int epoch) {}
}
