package org.tripletrec.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tripletrec.data.IdIndex;
import org.tripletrec.data.IntView;
import org.tripletrec.data.SideFeatures;

/**
 * How each user's (or each item's) representation is made of parameter rows, LightFM-style: an optional row of
 * its own (its "id" row) plus its features' rows, each with a weight. The vector of entity r is
 * {@code sum_k weight(k) * P[paramRow(k)]} over its entries {@code start(r) <= k < end(r)}, and its bias the
 * same sum over the parameter biases. Parameter rows are numbered id rows first ({@code 0 .. rows-1} when the
 * entities have id rows), then one row per feature of the vocabulary.
 *
 * <p>With normalisation (the default) the id row keeps weight 1 and the feature weights are divided by their
 * Euclidean length ({@link #normalisationScale}): an item with an id and two genres of weight 1 has weights 1,
 * 1/sqrt(2), 1/sqrt(2). Two reasons, against LightFM's rule of dividing every weight by the sum with the id
 * counting 1:
 * <ul>
 *   <li>the id row keeps its full weight. A row that enters with weight w takes steps w times smaller (Adagrad's
 *       steps do not grow with the gradient) and an L2 penalty 1/w^2 times stronger on what it contributes, so
 *       diluting the id row by the feature count pulls every entity towards its features' average and costs
 *       warm-start quality;</li>
 *   <li>the features are divided by their length, not their sum, so how many features an entity has still
 *       counts (a film filed under four genres weighs more than one under a single genre): for an item nobody
 *       rated yet, that count is part of what predicts its audience.</li>
 * </ul>
 * An entity whose id row is zero (one nobody rated) is thus composed exactly as a new item is
 * ({@link FeatureTables#composeNewItem}). Immutable.
 */
public final class FeatureMatrix {
    private final int rows;
    private final boolean ids;
    private final boolean normalized;
    private final IdIndex features;
    // The features of each entity as given (sorted by feature index), kept for the model file and for filters.
    private final int[] featStart, feat;
    private final float[] featWeight;
    // The composition: parameter rows and the weights actually applied.
    private final int[] start, paramRow;
    private final float[] weight;
    // The entities having each feature, built on first use (a benign race: every thread builds the same).
    private volatile Inverted inverted;

    /** Feature f's entities are {@code rows[start[f] .. start[f+1])}, ascending. */
    private record Inverted(int[] start, int[] rows) {}

    /**
     * @param featStart  entity r's features are {@code feat[featStart[r] .. featStart[r+1])}, sorted, with
     *                   {@code featWeight} the weights as given (positive)
     */
    public FeatureMatrix(int rows, boolean ids, boolean normalized, IdIndex features, int[] featStart, int[] feat,
                         float[] featWeight) {
        if (featStart.length != rows + 1 || feat.length != featWeight.length || featStart[rows] != feat.length) {
            throw new IllegalArgumentException("feature rows do not match " + rows + " entities");
        }
        this.rows = rows;
        this.ids = ids;
        this.normalized = normalized;
        this.features = features;
        this.featStart = featStart;
        this.feat = feat;
        this.featWeight = featWeight;
        int idRows = ids ? rows : 0;
        start = new int[rows + 1];
        paramRow = new int[idRows + feat.length];
        weight = new float[paramRow.length];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = k;
            for (int j = featStart[r]; j < featStart[r + 1]; j++) {
                int f = feat[j];
                if (f < 0 || f >= features.size() || (j > featStart[r] && feat[j - 1] >= f)) {
                    throw new IllegalArgumentException("feature indices of row " + r + " are not sorted and in range");
                }
            }
            float scale = normalized ? normalisationScale(featWeight, featStart[r], featStart[r + 1]) : 1f;
            if (ids) {
                paramRow[k] = r;
                weight[k++] = 1f;
            }
            for (int j = featStart[r]; j < featStart[r + 1]; j++) {
                paramRow[k] = idRows + feat[j];
                weight[k++] = featWeight[j] * scale;
            }
        }
        start[rows] = k;
    }

    /**
     * The factor normalisation applies to the feature weights {@code weights[from .. to)} of one entity: one over
     * their Euclidean length (1 when there are none).
     */
    public static float normalisationScale(float[] weights, int from, int to) {
        double squares = 0;
        for (int j = from; j < to; j++) {
            squares += (double) weights[j] * weights[j];
        }
        return squares > 0 ? (float) (1 / Math.sqrt(squares)) : 1f;
    }

    /** What {@link #build} made, and what it could not place. */
    public record Built(FeatureMatrix matrix, int unknownIds) {}

    /**
     * The matrix of a catalogue from features by raw id. Ids of {@code features} that are not in {@code entities}
     * are counted in {@link Built#unknownIds()} and left out (add them to the catalogue first to keep them).
     * Feature names already in {@code vocabulary} keep their index (a model's vocabulary grows, it is never
     * renumbered); new ones are added to it, in first-seen order.
     */
    public static Built build(IdIndex entities, SideFeatures features, boolean ids, boolean normalized,
                              IdIndex vocabulary) {
        int n = entities.size();
        for (String f : features.vocabulary()) {
            vocabulary.add(f);
        }
        int unknown = 0;
        for (String id : features.ids()) {
            if (entities.indexOf(id) < 0) {
                unknown++;
            }
        }
        int[] featStart = new int[n + 1];
        List<int[]> perRowFeat = new ArrayList<>(n);
        List<float[]> perRowWeight = new ArrayList<>(n);
        int total = 0;
        for (int r = 0; r < n; r++) {
            Map<String, Float> row = features.of(entities.id(r));
            int[] fs = new int[row.size()];
            float[] ws = new float[row.size()];
            Integer[] order = new Integer[row.size()];
            int j = 0;
            for (var e : row.entrySet()) {
                fs[j] = vocabulary.indexOf(e.getKey());
                ws[j] = e.getValue();
                order[j] = j;
                j++;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(fs[a], fs[b]));
            int[] sf = new int[fs.length];
            float[] sw = new float[fs.length];
            for (int q = 0; q < fs.length; q++) {
                sf[q] = fs[order[q]];
                sw[q] = ws[order[q]];
            }
            perRowFeat.add(sf);
            perRowWeight.add(sw);
            featStart[r] = total;
            total += sf.length;
        }
        featStart[n] = total;
        int[] feat = new int[total];
        float[] weight = new float[total];
        for (int r = 0; r < n; r++) {
            System.arraycopy(perRowFeat.get(r), 0, feat, featStart[r], perRowFeat.get(r).length);
            System.arraycopy(perRowWeight.get(r), 0, weight, featStart[r], perRowWeight.get(r).length);
        }
        return new Built(new FeatureMatrix(n, ids, normalized, vocabulary, featStart, feat, weight), unknown);
    }

    /** The features of this matrix by raw id of {@code entities} (its rows), for merging with new ones. */
    public SideFeatures toSideFeatures(IdIndex entities, String source) {
        SideFeatures.Builder b = new SideFeatures.Builder(source);
        for (int r = 0; r < rows; r++) {
            for (int j = featStart[r]; j < featStart[r + 1]; j++) {
                b.put(entities.id(r), features.id(feat[j]), featWeight[j]);
            }
        }
        return b.build();
    }

    public int numRows() { return rows; }
    public boolean hasIds() { return ids; }
    public boolean normalized() { return normalized; }
    public IdIndex features() { return features; }
    public int numFeatures() { return features.size(); }

    /** Parameter rows: one per entity when it has id rows, then one per feature. */
    public int numParams() { return (ids ? rows : 0) + features.size(); }

    /** The parameter row of feature f. */
    public int featureParam(int f) { return (ids ? rows : 0) + f; }

    // The composition, for the training loop: entries start(r) .. end(r) - 1, the id row first when there is one.
    public int start(int r) { return start[r]; }
    /** The first entry of entity r's features: its entries without its id row are featureStart(r) .. end(r) - 1. */
    public int featureStart(int r) { return ids ? start[r] + 1 : start[r]; }
    public int end(int r) { return start[r + 1]; }
    public int paramRow(int k) { return paramRow[k]; }
    public float weight(int k) { return weight[k]; }

    /** Number of features of entity r (its id row not counted). */
    public int featureCount(int r) { return featStart[r + 1] - featStart[r]; }

    /** The j-th feature (vocabulary index) of entity r and its weight as given. */
    public int feature(int r, int j) { return feat[featStart[r] + j]; }
    public float featureWeight(int r, int j) { return featWeight[featStart[r] + j]; }

    /**
     * How many entities have feature f (0 for a feature beyond the vocabulary): what a filter on that feature can
     * let through at most. Counted over the whole matrix on the first call (with {@link #rowsHaving}), then kept.
     */
    public int rowsWith(int f) {
        Inverted inv = inverted();
        return f >= 0 && f + 1 < inv.start.length ? inv.start[f + 1] - inv.start[f] : 0;
    }

    /** The entities that have feature f, ascending (empty for a feature beyond the vocabulary). */
    public IntView rowsHaving(int f) {
        Inverted inv = inverted();
        return f >= 0 && f + 1 < inv.start.length ? new IntView(inv.rows, inv.start[f], inv.start[f + 1])
                : new IntView(inv.rows, 0, 0);
    }

    private Inverted inverted() {
        Inverted inv = inverted;
        if (inv == null) {
            int n = features.size();
            int[] start = new int[n + 1];
            for (int x : feat) {
                start[x + 1]++;
            }
            for (int f = 0; f < n; f++) {
                start[f + 1] += start[f];
            }
            int[] next = Arrays.copyOf(start, n);
            int[] rowsOf = new int[feat.length];
            for (int r = 0; r < rows; r++) {
                for (int j = featStart[r]; j < featStart[r + 1]; j++) {
                    rowsOf[next[feat[j]]++] = r;
                }
            }
            inv = new Inverted(start, rowsOf);
            inverted = inv;
        }
        return inv;
    }

    public boolean hasFeature(int r, int f) {
        return Arrays.binarySearch(feat, featStart[r], featStart[r + 1], f) >= 0;
    }

    /** The raw arrays, for the model file: row starts, feature indices, weights as given. Not copies. */
    public int[] featureStarts() { return featStart; }
    public int[] featureIndices() { return feat; }
    public float[] featureWeights() { return featWeight; }

    /** out[outOff ..] = the vector of entity r from parameter table {@code params}, summed in entry order. */
    public void compose(float[] params, int dim, int r, float[] out, int outOff) {
        Arrays.fill(out, outOff, outOff + dim, 0f);
        for (int k = start[r]; k < start[r + 1]; k++) {
            Vectors.axpy(weight[k], params, paramRow[k] * dim, out, outOff, dim);
        }
    }

    /** The bias of entity r from per-parameter biases. */
    public float composeBias(float[] paramBias, int r) {
        float b = 0f;
        for (int k = start[r]; k < start[r + 1]; k++) {
            b += weight[k] * paramBias[paramRow[k]];
        }
        return b;
    }

    /** Every entity's vector, rows x dim, into {@code out}. */
    public void composeAll(float[] params, int dim, float[] out) {
        for (int r = 0; r < rows; r++) {
            compose(params, dim, r, out, r * dim);
        }
    }

    /** Every entity's bias into {@code out}. */
    public void composeAllBiases(float[] paramBias, float[] out) {
        for (int r = 0; r < rows; r++) {
            out[r] = composeBias(paramBias, r);
        }
    }
}
