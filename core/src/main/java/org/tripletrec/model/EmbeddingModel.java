package org.tripletrec.model;

import java.util.Objects;
import org.tripletrec.data.IdIndex;

/**
 * The trained recommender: user table U (users x dim), ONE item table V (items x dim) that served both the
 * positive and the negative item of every triplet, and optional item biases b. Score s(u, i) = U[u].V[i] + b[i].
 * Tables are flat row-major float arrays; the model does not copy them, and treats them as read-only.
 */
public final class EmbeddingModel implements Scorer {
    private final int dim;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float[] itemBias; // null when the model has none
    private final IdIndex users;
    private final IdIndex items;
    private final ModelInfo info;

    public EmbeddingModel(int dim, float[] userFactors, float[] itemFactors, float[] itemBias, IdIndex users,
                          IdIndex items, ModelInfo info) {
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
        return new EmbeddingModel(dim, userFactors, itemFactors, itemBias, users, items, newInfo);
    }

    /** True when every parameter is a finite number. */
    public boolean isFinite() {
        return Vectors.allFinite(userFactors) && Vectors.allFinite(itemFactors)
                && (itemBias == null || Vectors.allFinite(itemBias));
    }
}
