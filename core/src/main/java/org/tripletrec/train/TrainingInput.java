package org.tripletrec.train;

import java.util.Objects;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.FeatureMatrix;

/**
 * What {@link Trainer} trains on, beside its configuration: the labelled interactions over a catalogue (the id
 * maps), a fingerprint of the data for the model's provenance, and optionally
 * <ul>
 *   <li>side features: a {@link FeatureMatrix} for users and/or items (null for a side without features);</li>
 *   <li>a warm start ({@link WarmStart}): the parameter tables and optimiser state to continue from, instead of
 *       random tables and a fresh optimiser (an incremental update);</li>
 *   <li>the anchors to visit each epoch (positions in {@link Interactions#anchorUser(int)} order), instead of
 *       every liked pair: an update visits the new likes and a replay sample of old ones, while the samplers
 *       still see every rating.</li>
 * </ul>
 */
public record TrainingInput(Interactions train, IdIndex users, IdIndex items, String fingerprint,
                            FeatureMatrix userFeatures, FeatureMatrix itemFeatures, WarmStart start,
                            AnchorSchedule anchors) {

    public TrainingInput {
        Objects.requireNonNull(train);
        Objects.requireNonNull(users);
        Objects.requireNonNull(items);
        if (train.numUsers() != users.size() || train.numItems() != items.size()) {
            throw new IllegalArgumentException("interactions and id maps disagree on the catalogue size");
        }
        if (userFeatures != null && userFeatures.numRows() != users.size()
                || itemFeatures != null && itemFeatures.numRows() != items.size()) {
            throw new IllegalArgumentException("feature rows do not match the catalogue");
        }
    }

    public static TrainingInput of(Interactions train, IdIndex users, IdIndex items, String fingerprint) {
        return new TrainingInput(train, users, items, fingerprint, null, null, null, null);
    }

    public TrainingInput withFeatures(FeatureMatrix newUserFeatures, FeatureMatrix newItemFeatures) {
        return new TrainingInput(train, users, items, fingerprint, newUserFeatures, newItemFeatures, start, anchors);
    }

    public TrainingInput withStart(WarmStart newStart) {
        return new TrainingInput(train, users, items, fingerprint, userFeatures, itemFeatures, newStart, anchors);
    }

    /** The same anchors every epoch. */
    public TrainingInput withAnchors(int[] newAnchors) {
        for (int a : newAnchors) {
            if (a < 0 || a >= train.anchorCount()) {
                throw new IllegalArgumentException("anchor " + a + " outside 0.." + (train.anchorCount() - 1));
            }
        }
        return withAnchors(AnchorSchedule.fixed(newAnchors));
    }

    /** The anchors each epoch visits, chosen per epoch. */
    public TrainingInput withAnchors(AnchorSchedule newAnchors) {
        return new TrainingInput(train, users, items, fingerprint, userFeatures, itemFeatures, start, newAnchors);
    }

    public boolean hasFeatures() {
        return userFeatures != null || itemFeatures != null;
    }

    /**
     * Parameter tables to continue training from (trained in place: pass copies if the originals must stay) and
     * the optimiser state to resume, or null to start the optimiser afresh. The user and item tables are the
     * parameter tables: with features, id rows then feature rows, sized by the feature matrices.
     */
    public record WarmStart(float[] userParams, float[] itemParams, float[] itemParamBias, OptimizerState state) {
        public WarmStart {
            Objects.requireNonNull(userParams);
            Objects.requireNonNull(itemParams);
        }
    }
}
