package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;
import org.tripletrec.model.FeatureMatrix;

/**
 * What samplers may look at: the training interactions and, for model-aware samplers such as WARP, the live
 * parameter tables the trainer is updating (read racily, as Hogwild training does). With side features the
 * tables hold parameter rows (ids, then features) and {@code userFeatures} / {@code itemFeatures} say how they
 * compose into users and items (null for a side without features); model-aware samplers score through a
 * {@link LiveScorer}, which composes.
 */
public record SamplingContext(Interactions data, int dim, float[] userFactors, float[] itemFactors,
                              float[] itemBias, float margin, FeatureMatrix userFeatures,
                              FeatureMatrix itemFeatures) {

    public SamplingContext(Interactions data, int dim, float[] userFactors, float[] itemFactors, float[] itemBias,
                           float margin) {
        this(data, dim, userFactors, itemFactors, itemBias, margin, null, null);
    }

    public static SamplingContext dataOnly(Interactions data) {
        return new SamplingContext(data, 0, null, null, null, 1f);
    }

    /** A scorer for one thread. */
    LiveScorer scorer() {
        return new LiveScorer(this);
    }
}
