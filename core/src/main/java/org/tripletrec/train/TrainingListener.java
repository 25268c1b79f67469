package org.tripletrec.train;

import org.tripletrec.model.EmbeddingModel;

/** Hears about training progress. The model passed is live: read it during the call only. */
public interface TrainingListener {
    default void onEpochStart(int epoch, long anchors) {}

    /** Called from a training thread now and then with the number of anchors done in this epoch. */
    default void onProgress(int epoch, long done) {}

    default void onEpoch(EpochStats stats, EmbeddingModel model) {}

    TrainingListener NONE = new TrainingListener() {};
}
