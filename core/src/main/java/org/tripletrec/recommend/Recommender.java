package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ItemMatrix;
import org.tripletrec.model.Vectors;

/**
 * Top-k recommendations and similar items from a trained model. Thread-safe: it holds the model, an
 * {@link ItemMatrix} copy of its item table and the item norms, nothing mutable. Build a new one when the
 * model's tables change.
 */
public final class Recommender {
    private final EmbeddingModel model;
    private final ItemMatrix matrix;
    private final float[] itemNorms;

    public Recommender(EmbeddingModel model) {
        this.model = model;
        this.matrix = new ItemMatrix(model);
        int d = model.dim();
        itemNorms = new float[model.numItems()];
        for (int i = 0; i < itemNorms.length; i++) {
            itemNorms[i] = Vectors.norm(model.itemFactors(), i * d, d);
        }
    }

    public EmbeddingModel model() {
        return model;
    }

    /** The n best items for a known user among those the filter allows, best first. */
    public List<Scored> recommend(int user, int n, ItemFilter filter) {
        if (user < 0 || user >= model.numUsers()) {
            throw new IllegalArgumentException("no user with index " + user);
        }
        return recommend(model.userFactors(), user * model.dim(), user, n, filter);
    }

    /** The n best items for a user vector that is not in the model (a folded-in user, say). */
    public List<Scored> recommend(float[] userVector, int n, ItemFilter filter) {
        if (userVector.length != model.dim()) {
            throw new IllegalArgumentException("user vector has " + userVector.length + " dimensions, model " + model.dim());
        }
        return recommend(userVector, 0, -1, n, filter);
    }

    private List<Scored> recommend(float[] vectors, int offset, int user, int n, ItemFilter filter) {
        float[] scores = new float[model.numItems()];
        matrix.scoreAll(vectors, offset, scores);
        TopK top = new TopK(Math.min(n, scores.length));
        for (int i = 0; i < scores.length; i++) {
            // the filter (a search of the user's rated items, say) only for items that would make the list
            if (top.accepts(i, scores[i]) && filter.allows(user, i)) {
                top.offer(i, scores[i]);
            }
        }
        return top.toList();
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
        float denom = itemNorms[a] * itemNorms[b];
        int d = model.dim();
        return denom == 0f ? 0f : Vectors.orderedDot(model.itemFactors(), a * d, model.itemFactors(), b * d, d) / denom;
    }

    /** The n items with the most similar vectors (cosine), the item itself left out. */
    public List<Scored> similarItems(int item, int n) {
        if (item < 0 || item >= model.numItems()) {
            throw new IllegalArgumentException("no item with index " + item);
        }
        float[] dots = new float[model.numItems()];
        matrix.dotAll(model.itemFactors(), item * model.dim(), dots);
        float norm = itemNorms[item];
        TopK top = new TopK(Math.min(n, model.numItems()));
        for (int i = 0; i < dots.length; i++) {
            if (i == item) {
                continue;
            }
            float denom = norm * itemNorms[i];
            top.offer(i, denom == 0f ? 0f : dots[i] / denom);
        }
        return top.toList();
    }
}
