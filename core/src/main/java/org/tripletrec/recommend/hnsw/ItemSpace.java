package org.tripletrec.recommend.hnsw;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Simd;
import org.tripletrec.model.Vectors;

/**
 * The geometry a graph is built in, read straight from the model's row-major item table (no copy): how similar
 * two items are while the graph is built, and how a query scores an item while it is searched. Lucene's
 * searcher keeps a score only when it is higher, and its heaps want scores of one sign, so every similarity
 * goes through a monotone map onto positive floats; final lists are scored again exactly.
 */
abstract class ItemSpace implements RandomVectorScorerSupplier {
    static final DotKernel DOT = Simd.choose(DotKernel.class, "org.tripletrec.recommend.hnsw.SimdDotKernel",
            new DotKernel());

    final float[] table;
    final int dim;
    final int numItems;

    ItemSpace(EmbeddingModel model) {
        table = model.itemFactors();
        dim = model.dim();
        numItems = model.numItems();
    }

    /** How alike items a and b are in this space (higher is closer). */
    abstract float similarity(int a, int b);

    @Override
    public RandomVectorScorer scorer(int ord) {
        return new Scorer() {
            @Override
            public float score(int node) {
                return positive(similarity(ord, node));
            }
        };
    }

    @Override
    public RandomVectorScorerSupplier copy() {
        return this; // stateless: every scorer reads the shared, read-only table
    }

    /** An order-preserving map of every float onto (0, +inf), Lucene's for maximum inner product. */
    static float positive(float x) {
        return x < 0f ? 1f / (1f - x) : x + 1f;
    }

    abstract class Scorer implements RandomVectorScorer {
        @Override
        public int maxOrd() {
            return numItems;
        }
    }

    /**
     * Maximum inner product with the item bias, natively (the similarity of Lucene's MAXIMUM_INNER_PRODUCT, and
     * of ip-NSW, Morozov and Babenko 2018): item i is the point (V[i], b[i]), a user u the query (u, 1), whose inner
     * product with an item is its score u . V[i] + b[i]; the graph links items by that same inner product. The
     * standard reduction to a search among points of equal norm (Bachrach et al. 2014), which adds a dimension
     * that lifts every item to the largest norm, was measured too and recalled far less at every efSearch on a
     * trained model (docs/PERFORMANCE.md).
     */
    static final class InnerProduct extends ItemSpace {
        private final float[] bias;

        InnerProduct(EmbeddingModel model) {
            super(model);
            bias = model.itemBias() == null ? new float[numItems] : model.itemBias();
        }

        @Override
        float similarity(int a, int b) {
            return DOT.dot(table, a * dim, table, b * dim, dim) + bias[a] * bias[b];
        }

        /** Scores items for the user vector at {@code vectors[offset..]}: u . V[i] + b[i], as search wants it. */
        RandomVectorScorer query(float[] vectors, int offset) {
            return new Scorer() {
                @Override
                public float score(int node) {
                    return positive(DOT.dot(vectors, offset, table, node * dim, dim) + bias[node]);
                }
            };
        }
    }

    /** Cosine of item vectors, for similar items: inner products scaled by each vector's inverse norm. */
    static final class Cosine extends ItemSpace {
        private final float[] inverseNorm; // 0 for a zero vector, whose cosine with anything is 0

        Cosine(EmbeddingModel model) {
            super(model);
            inverseNorm = new float[numItems];
            for (int i = 0; i < numItems; i++) {
                float norm = Vectors.norm(table, i * dim, dim);
                inverseNorm[i] = norm == 0f ? 0f : 1f / norm;
            }
        }

        @Override
        float similarity(int a, int b) {
            return DOT.dot(table, a * dim, table, b * dim, dim) * inverseNorm[a] * inverseNorm[b];
        }

        RandomVectorScorer query(int item) {
            return scorer(item);
        }
    }
}
