package org.tripletrec.model;

/**
 * The side-feature half of a hybrid model: for users and for items, the {@link FeatureMatrix} that says which
 * parameter rows make each representation, and the parameter tables themselves (id rows, then feature rows;
 * for items one bias per parameter row too). A side without features is null here, and its parameters are
 * simply the model's own table. The model's user and item tables are the composed vectors, so scoring never
 * composes; these are what training, an incremental update and a new item's vector start from.
 */
public record FeatureTables(FeatureMatrix users, FeatureMatrix items, float[] userParams, float[] itemParams,
                            float[] itemParamBias) {

    public FeatureTables {
        if (users == null && items == null) {
            throw new IllegalArgumentException("a hybrid model has features on at least one side");
        }
        if (users != null && userParams == null || items != null && itemParams == null) {
            throw new IllegalArgumentException("a side with features needs its parameter table");
        }
    }

    public boolean hasUserFeatures() { return users != null; }
    public boolean hasItemFeatures() { return items != null; }

    /** Checks the tables against the matrices for dimension {@code dim}. */
    void check(int dim, boolean withBias) {
        if (users != null && userParams.length != (long) users.numParams() * dim) {
            throw new IllegalArgumentException("user parameter table has " + userParams.length + " floats for "
                    + users.numParams() + " rows of dim " + dim);
        }
        if (items != null && itemParams.length != (long) items.numParams() * dim) {
            throw new IllegalArgumentException("item parameter table has " + itemParams.length + " floats for "
                    + items.numParams() + " rows of dim " + dim);
        }
        if (items != null && withBias && (itemParamBias == null || itemParamBias.length != items.numParams())) {
            throw new IllegalArgumentException("item parameter biases do not match " + items.numParams() + " rows");
        }
    }

    /**
     * The vector and bias of an item that is not in the model, from its features (vocabulary indices with their
     * weights as given): composed as the matrix composes a row whose id row is zero. {@code out} gets dim
     * floats; returns the bias (0 without biases).
     */
    public float composeNewItem(int[] features, float[] weights, int dim, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (items == null || features.length == 0) {
            return 0f;
        }
        float scale = items.normalized() ? FeatureMatrix.normalisationScale(weights, 0, weights.length) : 1f;
        float bias = 0f;
        for (int k = 0; k < features.length; k++) {
            int row = items.featureParam(features[k]);
            float w = weights[k] * scale;
            Vectors.axpy(w, itemParams, row * dim, out, 0, dim);
            if (itemParamBias != null) {
                bias += w * itemParamBias[row];
            }
        }
        return bias;
    }
}
