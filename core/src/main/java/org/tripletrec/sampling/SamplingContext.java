package org.tripletrec.sampling;

import org.tripletrec.data.Interactions;

/**
 * What samplers may look at: the training interactions and, for model-aware samplers such as WARP, the live
 * parameter tables the trainer is updating (read racily, as Hogwild training does).
 */
public record SamplingContext(Interactions data, int dim, float[] userFactors, float[] itemFactors,
                              float[] itemBias, float margin) {

    public static SamplingContext dataOnly(Interactions data) {
        return new SamplingContext(data, 0, null, null, null, 1f);
    }

    float score(int u, int i) {
        float s = org.tripletrec.model.Vectors.dot(userFactors, u * dim, itemFactors, i * dim, dim);
        return itemBias == null ? s : s + itemBias[i];
    }
}
