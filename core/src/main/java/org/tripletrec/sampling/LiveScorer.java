package org.tripletrec.sampling;

import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Vectors;

/**
 * Scores items for one user at a time from the live tables of a {@link SamplingContext}: {@link #user} fixes
 * the user (composing its vector from its feature rows when users have features), then {@link #item} scores
 * one item (summing over the item's feature rows when items have features). Without features it reads the rows
 * directly, with the same floats as before features existed. Holds scratch space: one per thread.
 */
final class LiveScorer {
    private final SamplingContext ctx;
    private final int dim;
    private final float[] composedUser;
    private float[] userTable;
    private int userOffset;

    LiveScorer(SamplingContext ctx) {
        this.ctx = ctx;
        this.dim = ctx.dim();
        this.composedUser = ctx.userFeatures() == null ? null : new float[dim];
    }

    void user(int u) {
        FeatureMatrix uf = ctx.userFeatures();
        if (uf == null) {
            userTable = ctx.userFactors();
            userOffset = u * dim;
        } else {
            uf.compose(ctx.userFactors(), dim, u, composedUser, 0);
            userTable = composedUser;
            userOffset = 0;
        }
    }

    /** The score of item i for the user set by {@link #user}. */
    float item(int i) {
        FeatureMatrix itf = ctx.itemFeatures();
        float[] items = ctx.itemFactors();
        float[] bias = ctx.itemBias();
        if (itf == null) {
            float s = Vectors.dot(userTable, userOffset, items, i * dim, dim);
            return bias == null ? s : s + bias[i];
        }
        float s = 0f;
        for (int k = itf.start(i), end = itf.end(i); k < end; k++) {
            int row = itf.paramRow(k);
            float part = Vectors.dot(userTable, userOffset, items, row * dim, dim);
            s += itf.weight(k) * (bias == null ? part : part + bias[row]);
        }
        return s;
    }
}
