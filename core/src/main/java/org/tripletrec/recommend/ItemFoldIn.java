package org.tripletrec.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Vectors;
import org.tripletrec.train.Loss;
import org.tripletrec.train.TrainerConfig;

/**
 * A vector (and bias) for an item the model has never trained, fitted from the users who liked and disliked it,
 * with the user and item tables frozen: the mirror of {@link FoldIn}. The model's own loss ranks the new item
 * above other items for the users who liked it (each pair weighted, as WARP weights it, by the log of the
 * estimated rank of the new item) and below other items for those who disliked it; a ridge pulls the vector
 * towards a prior: the item's features' composed vector when it has features, else zero.
 *
 * <p>Each pass draws a fresh pool of other items from a generator seeded by the input and takes one gradient
 * step, so the same input always gives the same vector and the cost does not grow with the catalogue.
 * Immutable and thread-safe.
 */
public final class ItemFoldIn {
    private final EmbeddingModel model;
    private final FoldIn.Settings settings;
    private final Loss loss;
    private final float margin;

    public ItemFoldIn(EmbeddingModel model) {
        this(model, FoldIn.Settings.defaults());
    }

    public ItemFoldIn(EmbeddingModel model, FoldIn.Settings settings) {
        this.model = model;
        this.settings = settings;
        TrainerConfig config = model.info() == null ? null : model.info().config();
        this.loss = config == null ? Loss.MARGIN : config.loss();
        this.margin = config == null ? 1f : config.margin();
    }

    /** The fitted item: {@code vector} of the model's dimension and {@code bias} (0 for a model without biases). */
    public record Fitted(float[] vector, float bias) {}

    /**
     * @param likedBy    user indices who liked the item (repeats ignored)
     * @param dislikedBy user indices who disliked it; a user may not be in both
     * @param prior      the vector to shrink towards (the item's features' composition), or null for zero
     * @param priorBias  the bias to shrink towards
     * @param exclude    item index that is this same item in the model (skipped in the pool), or -1
     */
    public Fitted fit(int[] likedBy, int[] dislikedBy, float[] prior, float priorBias, int exclude) {
        int[] pos = distinctSorted(likedBy);
        int[] neg = distinctSorted(dislikedBy);
        for (int u : neg) {
            if (Arrays.binarySearch(pos, u) >= 0) {
                throw new IllegalArgumentException("user index " + u + " both liked and disliked the item");
            }
        }
        int dim = model.dim();
        float[] v = prior == null ? new float[dim] : prior.clone();
        float[] p = prior == null ? new float[dim] : prior;
        float b = priorBias;
        int others = model.numItems() - (exclude >= 0 ? 1 : 0);
        if (pos.length + neg.length == 0 || others <= 0) {
            return new Fitted(v, model.hasItemBias() ? b : 0f);
        }
        SplittableRandom rng = new SplittableRandom(seed(pos, neg));
        int[] pool = new int[Math.min(settings.poolSize(), others)];
        float[] grad = new float[dim];
        for (int t = 1; t <= settings.passes(); t++) {
            drawPool(rng, pool, exclude);
            for (int k = 0; k < dim; k++) {
                grad[k] = settings.ridge() * (v[k] - p[k]);
            }
            float gb = dislikeGradient(neg, pool, v, b, grad, likeGradient(pos, pool, v, b, grad));
            float step = settings.learningRate() / (float) Math.sqrt(t);
            Vectors.axpy(-step, grad, 0, v, 0, dim);
            if (model.hasItemBias()) {
                b -= step * (gb + settings.ridge() * (b - priorBias));
            }
        }
        return new Fitted(v, model.hasItemBias() ? b : 0f);
    }

    /** A fresh pool of other items for one pass; the item itself ({@code exclude}) is never in it. */
    private void drawPool(SplittableRandom rng, int[] pool, int exclude) {
        for (int j = 0; j < pool.length; j++) {
            int i;
            do {
                i = rng.nextInt(model.numItems());
            } while (i == exclude);
            pool[j] = i;
        }
    }

    /**
     * Adds to {@code grad} the likers' pull (each weighted by the log of the item's estimated rank among the pool,
     * as WARP weights a pair) and returns the bias gradient.
     */
    private float likeGradient(int[] pos, int[] pool, float[] v, float b, float[] grad) {
        if (pos.length == 0) {
            return 0f;
        }
        int dim = model.dim();
        float[] uv = model.userFactors();
        float[] iv = model.itemFactors();
        int poolSize = pool.length;
        float likeScale = 1f / pos.length;
        float gb = 0f;
        for (int u : pos) {
            float su = Vectors.dot(uv, u * dim, v, 0, dim) + b;
            int violators = 0;
            float sum = 0f;
            for (int j = 0; j < poolSize; j++) {
                float x = su - (Vectors.dot(uv, u * dim, iv, pool[j] * dim, dim) + model.bias(pool[j]));
                violators += x < margin ? 1 : 0;
                sum += slope(x);
            }
            double rank = 1.0 + (double) violators * (model.numItems() - 1) / poolSize;
            float c = likeScale * (float) Math.log(1.0 + rank) / poolSize * sum;
            Vectors.axpy(c, uv, u * dim, grad, 0, dim);
            gb += c;
        }
        return gb;
    }

    /**
     * Adds to {@code grad} the dislikers' push below the pool and returns {@code gb} plus the bias gradient (summed
     * on from the likers' part, in the same order as always, so the floats do not change).
     */
    private float dislikeGradient(int[] neg, int[] pool, float[] v, float b, float[] grad, float gb) {
        if (neg.length == 0) {
            return gb;
        }
        int dim = model.dim();
        float[] uv = model.userFactors();
        float[] iv = model.itemFactors();
        int poolSize = pool.length;
        float scale = settings.dislikeWeight() / ((float) neg.length * poolSize);
        for (int u : neg) {
            float su = Vectors.dot(uv, u * dim, v, 0, dim) + b;
            float sum = 0f;
            for (int j = 0; j < poolSize; j++) {
                float sj = Vectors.dot(uv, u * dim, iv, pool[j] * dim, dim) + model.bias(pool[j]);
                sum += slope(sj - su);
            }
            float c = -scale * sum;
            Vectors.axpy(c, uv, u * dim, grad, 0, dim);
            gb += c;
        }
        return gb;
    }

    private float slope(float x) {
        if (loss == Loss.MARGIN) {
            return x < margin ? -1f : 0f;
        }
        return (float) loss.derivative(x, margin);
    }

    private int[] distinctSorted(int[] users) {
        int[] sorted = users.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int u : sorted) {
            if (u < 0 || u >= model.numUsers()) {
                throw new IllegalArgumentException("no user with index " + u);
            }
            if (n == 0 || sorted[n - 1] != u) {
                sorted[n++] = u;
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private static long seed(int[] pos, int[] neg) {
        long h = 0x632BE59BD9B4E019L;
        for (int u : pos) {
            h = (h ^ u) * 0xBF58476D1CE4E5B9L;
        }
        h = (h ^ 0xFFL) * 0x94D049BB133111EBL;
        for (int u : neg) {
            h = (h ^ u) * 0xBF58476D1CE4E5B9L;
        }
        return h ^ (h >>> 31);
    }
}
