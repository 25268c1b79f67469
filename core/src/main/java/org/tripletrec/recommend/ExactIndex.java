package org.tripletrec.recommend;

import java.util.List;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ItemMatrix;
import org.tripletrec.model.Vectors;

/**
 * Scores every item: the reference every other index is measured against, and the default below
 * {@link org.tripletrec.recommend.hnsw.IndexSpec#AUTO_HNSW_ITEMS} items. It holds an {@link ItemMatrix} copy of the
 * item table and the item norms.
 */
public final class ExactIndex implements ItemIndex {
    /**
     * A filter that lets through at most 1/SPARSE_SHARE of the catalogue, and can list those items, has them
     * scored alone: a plain dot product per listed item instead of the vectorised scan of every item, which
     * does a vector of items per step.
     */
    static final int SPARSE_SHARE = 8;

    private final EmbeddingModel model;
    private final ItemMatrix matrix;
    private final float[] itemNorms;
    private final double buildSeconds;

    public ExactIndex(EmbeddingModel model) {
        long start = System.nanoTime();
        this.model = model;
        this.matrix = new ItemMatrix(model);
        int d = model.dim();
        itemNorms = new float[model.numItems()];
        for (int i = 0; i < itemNorms.length; i++) {
            itemNorms[i] = Vectors.norm(model.itemFactors(), i * d, d);
        }
        buildSeconds = (System.nanoTime() - start) / 1e9;
    }

    @Override
    public List<Scored> recommend(float[] vectors, int offset, int user, int n, ItemFilter filter) {
        int[] listed = filter.allowsAtMost() <= model.numItems() / SPARSE_SHARE ? filter.allowedItems() : null;
        if (listed != null) {
            return recommendAmong(listed, vectors, offset, user, n, filter);
        }
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

    /**
     * Scores only the listed items, one dot product each in dimension order: the floats {@link ItemMatrix} gives
     * them, so the list is the one a scan of the whole catalogue would give.
     */
    private List<Scored> recommendAmong(int[] items, float[] vectors, int offset, int user, int n, ItemFilter filter) {
        int d = model.dim();
        float[] v = model.itemFactors();
        TopK top = new TopK(Math.min(n, items.length));
        for (int i : items) {
            float dot = Vectors.orderedDot(vectors, offset, v, i * d, d);
            float score = model.hasItemBias() ? dot + model.itemBias()[i] : dot;
            if (top.accepts(i, score) && filter.allows(user, i)) {
                top.offer(i, score);
            }
        }
        return top.toList();
    }

    @Override
    public List<Scored> similar(int item, int n, ItemFilter filter) {
        float[] dots = new float[model.numItems()];
        matrix.dotAll(model.itemFactors(), item * model.dim(), dots);
        float norm = itemNorms[item];
        TopK top = new TopK(Math.min(n, model.numItems()));
        for (int i = 0; i < dots.length; i++) {
            if (i == item) {
                continue;
            }
            float denom = norm * itemNorms[i];
            float cosine = denom == 0f ? 0f : dots[i] / denom;
            if (top.accepts(i, cosine) && filter.allows(-1, i)) {
                top.offer(i, cosine);
            }
        }
        return top.toList();
    }

    /** The cosine of two items' vectors, as {@link #similar} ranks them (0 when either vector is zero). */
    public float cosine(int a, int b) {
        float denom = itemNorms[a] * itemNorms[b];
        int d = model.dim();
        return denom == 0f ? 0f : Vectors.orderedDot(model.itemFactors(), a * d, model.itemFactors(), b * d, d) / denom;
    }

    @Override
    public Description describe() {
        long bytes = 4L * model.numItems() * model.dim() + 4L * model.numItems() * (model.hasItemBias() ? 2 : 1);
        return new Description("exact", "", bytes, buildSeconds, false, 0);
    }
}
