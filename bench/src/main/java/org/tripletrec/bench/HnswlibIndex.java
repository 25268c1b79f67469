package org.tripletrec.bench;

import java.util.ArrayList;
import java.util.List;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Vectors;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.Scored;
import org.tripletrec.recommend.TopK;

/**
 * hnswlib-java (com.github.jelmerk:hnswlib-core) behind tripletrec's ItemIndex, for the library comparison only:
 * items as (V[i], b[i]) under its inner-product distance, queries (u, 1), candidates scored again exactly as
 * tripletrec's own HNSW index does. Unfiltered searches only (the library has no filter).
 */
final class HnswlibIndex implements ItemIndex {
    record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    private final EmbeddingModel model;
    private final HnswIndex<Integer, float[], Row, Float> index;
    private final int ef;
    private final double buildSeconds;

    private HnswlibIndex(EmbeddingModel model, HnswIndex<Integer, float[], Row, Float> index, int ef,
                         double buildSeconds) {
        this.model = model;
        this.index = index;
        this.ef = ef;
        this.buildSeconds = buildSeconds;
    }

    static HnswlibIndex build(EmbeddingModel model, int m, int efConstruction, int threads) throws InterruptedException {
        long start = System.nanoTime();
        int d = model.dim();
        List<Row> rows = new ArrayList<>(model.numItems());
        for (int i = 0; i < model.numItems(); i++) {
            float[] v = new float[d + 1];
            System.arraycopy(model.itemFactors(), i * d, v, 0, d);
            v[d] = model.bias(i);
            rows.add(new Row(i, v));
        }
        HnswIndex<Integer, float[], Row, Float> index = HnswIndex
                .newBuilder(d + 1, DistanceFunctions.FLOAT_INNER_PRODUCT, model.numItems())
                .withM(m).withEfConstruction(efConstruction).withEf(efConstruction).build();
        index.addAll(rows, threads, (done, max) -> {}, 100_000);
        return new HnswlibIndex(model, index, efConstruction, (System.nanoTime() - start) / 1e9);
    }

    HnswlibIndex withEf(int newEf) {
        return new HnswlibIndex(model, index, newEf, buildSeconds);
    }

    double buildSeconds() {
        return buildSeconds;
    }

    @Override
    public List<Scored> recommend(float[] vectors, int offset, int user, int n, ItemFilter filter) {
        int d = model.dim();
        float[] query = new float[d + 1];
        System.arraycopy(vectors, offset, query, 0, d);
        query[d] = 1f;
        index.setEf(Math.max(n, ef)); // shared, but every search of one comparison uses the same ef
        List<SearchResult<Row, Float>> found = index.findNearest(query, Math.max(n, ef));
        TopK top = new TopK(Math.min(n, found.size()));
        for (SearchResult<Row, Float> r : found) {
            int i = r.item().id();
            if (filter.allows(user, i)) {
                top.offer(i, Vectors.orderedDot(vectors, offset, model.itemFactors(), i * d, d) + model.bias(i));
            }
        }
        return top.toList();
    }

    @Override
    public List<Scored> similar(int item, int n, ItemFilter filter) {
        throw new UnsupportedOperationException("the comparison measures recommendations only");
    }

    @Override
    public Description describe() {
        return new Description("hnswlib", "", -1, buildSeconds, false, 0);
    }
}
