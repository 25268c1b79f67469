package org.tripletrec.model;

import java.util.Objects;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatedItems;
import org.tripletrec.train.OptimizerState;

/**
 * The trained recommender: user table U (users x dim), ONE item table V (items x dim) that served both the
 * positive and the negative item of every triplet, and optional item biases b. Score s(u, i) = U[u].V[i] + b[i].
 * Tables are flat row-major float arrays; the model does not copy them, and treats them as read-only.
 *
 * <p>Beside the tables a model may carry: its side features ({@link FeatureTables}: then the user and item
 * tables are the vectors composed from them), every user's rated items with their ratings ({@link RatedItems}),
 * and the optimiser's state at the end of training ({@link OptimizerState}). Each is null when absent.
 */
public final class EmbeddingModel implements Scorer {
    private final int dim;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] itemBias; // null when the model has none
    private final IdIndex users;
    private final IdIndex items;
    private final ModelInfo info;
    private final FeatureTables features;
    private final RatedItems rated;
    private final OptimizerState optimizerState;

    public EmbeddingModel(int dim, float[] userFactors, float[] itemFactors, float[] itemBias, IdIndex users,
                          IdIndex items, ModelInfo info) {
        this(dim, userFactors, itemFactors, itemBias, users, items, info, null, null, null);
    }

    private EmbeddingModel(int dim, float[] userFactors, float[] itemFactors, float[] itemBias, IdIndex users,
                           IdIndex items, ModelInfo info, FeatureTables features, RatedItems rated,
                           OptimizerState optimizerState) {
        this.features = features;
        this.rated = rated;
        this.optimizerState = optimizerState;
        this.dim = dim;
        this.userFactors = Objects.requireNonNull(userFactors);
        this.itemFactors = Objects.requireNonNull(itemFactors);
        this.itemBias = itemBias;
        this.users = Objects.requireNonNull(users);
        this.items = Objects.requireNonNull(items);
        this.info = info;
        if (userFactors.length != (long) users.size() * dim || itemFactors.length != (long) items.size() * dim) {
            throw new IllegalArgumentException("table sizes do not match " + users.size() + " users, "
                    + items.size() + " items, dim " + dim);
        }
        if (itemBias != null && itemBias.length != items.size()) {
            throw new IllegalArgumentException("item bias has " + itemBias.length + " entries for " + items.size() + " items");
        }
        if (features != null) {
            features.check(dim, itemBias != null);
            if (features.users() != null && features.users().numRows() != users.size()
                    || features.items() != null && features.items().numRows() != items.size()) {
                throw new IllegalArgumentException("feature rows do not match the model's users and items");
            }
        }
        if (rated != null && rated.numUsers() != users.size()) {
            throw new IllegalArgumentException("rated items of " + rated.numUsers() + " users for " + users.size() + " users");
        }
    }

    /** The side features, or null for a model of ids only. */
    public FeatureTables features() { return features; }

    /** Every user's rated items, or null when the model does not carry them. */
    public RatedItems rated() { return rated; }

    /** The optimiser's state at the end of training, or null when the model does not carry it. */
    public OptimizerState optimizerState() { return optimizerState; }

    public EmbeddingModel withFeatures(FeatureTables newFeatures) {
        return new EmbeddingModel(dim, userFactors, itemFactors, itemBias, users, items, info, newFeatures, rated,
                optimizerState);
    }

    public EmbeddingModel withRated(RatedItems newRated) {
        return new EmbeddingModel(dim, userFactors, itemFactors, itemBias, users, items, info, features, newRated,
                optimizerState);
    }

    public EmbeddingModel withOptimizerState(OptimizerState state) {
        return new EmbeddingModel(dim, userFactors, itemFactors, itemBias, users, items, info, features, rated, state);
    }

    public int dim() { return dim; }
    @Override public int numUsers() { return users.size(); }
    @Override public int numItems() { return items.size(); }
    public IdIndex users() { return users; }
    public IdIndex items() { return items; }
    public ModelInfo info() { return info; }
    public boolean hasItemBias() { return itemBias != null; }

    /** The raw tables, shared and not copied: read them, do not write them. */
    public float[] userFactors() { return userFactors; }
    public float[] itemFactors() { return itemFactors; }
    public float[] itemBias() { return itemBias; }

    public float[] userVector(int u) {
        float[] v = new float[dim];
        System.arraycopy(userFactors, u * dim, v, 0, dim);
        return v;
    }

    public float[] itemVector(int i) {
        float[] v = new float[dim];
        System.arraycopy(itemFactors, i * dim, v, 0, dim);
        return v;
    }

    public float bias(int i) {
        return itemBias == null ? 0f : itemBias[i];
    }

    public float score(int u, int i) {
        return Vectors.orderedDot(userFactors, u * dim, itemFactors, i * dim, dim) + bias(i);
    }

    @Override
    public void scoreAll(int u, float[] out) {
        scoreAll(userFactors, u * dim, out);
    }

    /** Scores every item for an arbitrary user vector (a folded-in user, say). */
    public void scoreAll(float[] userVector, int offset, float[] out) {
        int n = numItems();
        for (int i = 0; i < n; i++) {
            out[i] = Vectors.orderedDot(userVector, offset, itemFactors, i * dim, dim) + bias(i);
        }
    }

    /**
     * The same scores, from an {@link ItemMatrix} copy of the item table: for many users while the tables hold
     * still (an evaluation). Plain Java kernel: an evaluation is mostly over before the Vector API one is compiled.
     */
    @Override
    public Scorer snapshot() {
        ItemMatrix matrix = new ItemMatrix(this, false);
        return new Scorer() {
            @Override public int numUsers() { return EmbeddingModel.this.numUsers(); }
            @Override public int numItems() { return matrix.numItems(); }
            @Override public void scoreAll(int u, float[] out) { matrix.scoreAll(userFactors, u * dim, out); }
        };
    }

    public EmbeddingModel withInfo(ModelInfo newInfo) {
        return new EmbeddingModel(dim, userFactors, itemFactors, itemBias, users, items, newInfo, features, rated,
                optimizerState);
    }

    /** True when every parameter is a finite number. */
    public boolean isFinite() {
        return Vectors.allFinite(userFactors) && Vectors.allFinite(itemFactors)
                && (itemBias == null || Vectors.allFinite(itemBias));
    }
}
