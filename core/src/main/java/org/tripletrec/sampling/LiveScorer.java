package org.tripletrec.sampling;

import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Vectors;

/**
 * Scores items for one user at a time from the live tables of a {@link SamplingContext}: {@link #user} fixes
 * the user (composing its vector from its feature rows when users have features), then {@link #item} scores
 * one item (summing over the item's feature rows when items have features). Without features it reads the rows
 * directly, with the same floats as before features existed. Holds scratch space: one per thread, and the
 * {@link #user} call starts each draw (a draw's scores may be cached until the next call).
 */
final class LiveScorer {
    private final SamplingContext ctx;
    private final int dim;
    private final float[] composedUser;
    private float[] userTable;
    private int userOffset;
    // With item features: each feature row's part of a score (its dot with the user, plus its bias) for the
    // current user, computed on first use; valid while featureStamp[f] == stamp. The tables do not change while
    // one draw lasts, and a draw's candidates share a few features, so each feature's dot is taken once a draw
    // instead of once a candidate: the same floats, fewer dot products.
    private final float[] featurePart;
    private final int[] featureStamp;
    private int stamp;

    LiveScorer(SamplingContext ctx) {
        this.ctx = ctx;
        this.dim = ctx.dim();
        this.composedUser = ctx.userFeatures() == null ? null : new float[dim];
        FeatureMatrix itf = ctx.itemFeatures();
        this.featurePart = itf == null ? null : new float[itf.numFeatures()];
        this.featureStamp = itf == null ? null : new int[itf.numFeatures()];
    }

    void user(int u) {
        if (featureStamp != null && ++stamp == 0) { // wrapped around: forget every cached part
            java.util.Arrays.fill(featureStamp, 0);
            stamp = 1;
        }
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
        int firstFeatureRow = itf.featureParam(0);
        for (int k = itf.start(i), end = itf.end(i); k < end; k++) {
            int row = itf.paramRow(k);
            int f = row - firstFeatureRow; // negative for the item's own row
            float part;
            if (f >= 0 && featureStamp[f] == stamp) {
                part = featurePart[f];
            } else {
                part = Vectors.dot(userTable, userOffset, items, row * dim, dim);
                part = bias == null ? part : part + bias[row];
                if (f >= 0) {
                    featurePart[f] = part;
                    featureStamp[f] = stamp;
                }
            }
            s += itf.weight(k) * part;
        }
        return s;
    }
}
