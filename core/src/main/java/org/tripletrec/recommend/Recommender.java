package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Vectors;

/**
 * Top-k recommendations and similar items from a trained model, searched with an {@link ItemIndex}: exact by
 * default, or an approximate one for large catalogues. Thread-safe: it holds the model and the index, nothing
 * mutable. Build a new one when the model's tables change.
 */
public final class Recommender {
    private final EmbeddingModel model;
    private final ItemIndex index;

    /** Exact search: every item scored. */
    public Recommender(EmbeddingModel model) {
        this(model, new ExactIndex(model));
    }

    /** Search with {@code index}, which must have been built for this model. */
    public Recommender(EmbeddingModel model, ItemIndex index) {
        this.model = model;
        this.index = index;
    }

    public EmbeddingModel model() {
        return model;
    }

    public ItemIndex index() {
        return index;
    }

    /** The n best items for a known user among those the filter allows, best first. */
    public List<Scored> recommend(int user, int n, ItemFilter filter) {
        if (user < 0 || user >= model.numUsers()) {
            throw new IllegalArgumentException("no user with index " + user);
        }
        return index.recommend(model.userFactors(), user * model.dim(), user, n, filter);
    }

    /** The n best items for a user vector that is not in the model (a folded-in user, say). */
    public List<Scored> recommend(float[] userVector, int n, ItemFilter filter) {
        if (userVector.length != model.dim()) {
            throw new IllegalArgumentException("user vector has " + userVector.length + " dimensions, model " + model.dim());
        }
        return index.recommend(userVector, 0, -1, n, filter);
    }

    /** Recommendations for many users at once, on all cores; result j belongs to users[j]. */
    public List<List<Scored>> recommendAll(int[] users, int n, ItemFilter filter) {
        List<List<Scored>> out = new ArrayList<>(users.length);
        @SuppressWarnings("unchecked")
        List<Scored>[] results = new List[users.length];
        ForkJoinPool.commonPool().submit(() -> IntStream.range(0, users.length).parallel()
                .forEach(j -> results[j] = recommend(users[j], n, filter))).join();
        for (List<Scored> r : results) {
            out.add(r);
        }
        return out;
    }

    /** The cosine of two items' vectors, as {@link #similarItems} ranks them (0 when either vector is zero). */
    public float cosine(int a, int b) {
        int d = model.dim();
        float[] v = model.itemFactors();
        float denom = Vectors.norm(v, a * d, d) * Vectors.norm(v, b * d, d);
        return denom == 0f ? 0f : Vectors.orderedDot(v, a * d, v, b * d, d) / denom;
    }

    /** The n items with the most similar vectors (cosine), the item itself left out. */
    public List<Scored> similarItems(int item, int n) {
        return similarItems(item, n, ItemFilter.all());
    }

    /** The n items with the most similar vectors among those the filter allows (user -1), the item left out. */
    public List<Scored> similarItems(int item, int n, ItemFilter filter) {
        if (item < 0 || item >= model.numItems()) {
            throw new IllegalArgumentException("no item with index " + item);
        }
        return index.similar(item, n, filter);
    }
}
