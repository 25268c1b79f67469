package org.tripletrec.model;

/**
 * A read-only copy of a model's item table in dimension-major order, for scoring every item against one vector
 * at a time (serving, evaluation, similar items): {@code dim} passes of a multiply-add over contiguous item
 * columns, which the Vector API kernel runs a vector of items a step (16 with AVX-512). Each score is summed in dimension order, as
 * {@link Vectors#orderedDot} does, so both kernels and {@link EmbeddingModel#score} give the same floats.
 *
 * <p>It copies the table when built: build a new one after the model's tables change (training, say).
 */
public final class ItemMatrix {
    private static final ScoreKernel PLAIN = new ScoreKernel();
    private static final ScoreKernel FASTEST =
            Simd.choose(ScoreKernel.class, "org.tripletrec.model.SimdScoreKernel", PLAIN);

    private final ScoreKernel kernel;
    private final int dim;
    private final int numItems;
    private final float[] columns; // columns[j * numItems + i] = V[i][j]
    private final float[] bias;    // null when the model has none

    /** For scoring many times in a long-lived process (serving): the Vector API kernel when it is enabled. */
    public ItemMatrix(EmbeddingModel model) {
        this(model.dim(), model.itemFactors(), model.itemBias(), true);
    }

    /**
     * With {@code vectorApi} false, always the plain Java kernel: for work done once per process, such as one
     * evaluation, which mostly runs before HotSpot has compiled the Vector API kernel, and until then that kernel
     * is many times slower than plain Java (every vector operation allocates). Same floats either way.
     */
    public ItemMatrix(EmbeddingModel model, boolean vectorApi) {
        this(model.dim(), model.itemFactors(), model.itemBias(), vectorApi);
    }

    public ItemMatrix(int dim, float[] itemFactors, float[] itemBias, boolean vectorApi) {
        this.kernel = vectorApi ? FASTEST : PLAIN;
        if (dim < 1 || itemFactors.length % dim != 0) {
            throw new IllegalArgumentException("item table of " + itemFactors.length + " floats is not items x " + dim);
        }
        this.dim = dim;
        this.numItems = itemFactors.length / dim;
        if (itemBias != null && itemBias.length != numItems) {
            throw new IllegalArgumentException("item bias has " + itemBias.length + " entries for " + numItems + " items");
        }
        columns = new float[itemFactors.length];
        for (int i = 0; i < numItems; i++) {
            for (int j = 0; j < dim; j++) {
                columns[j * numItems + i] = itemFactors[i * dim + j];
            }
        }
        bias = itemBias == null ? null : itemBias.clone();
    }

    public int dim() { return dim; }
    public int numItems() { return numItems; }

    /** out[i] = x[off..off+dim) . V[i], for every item i. */
    public void dotAll(float[] x, int off, float[] out) {
        kernel.dotAll(x, off, dim, columns, numItems, out);
    }

    /** out[i] = x[off..off+dim) . V[i] + b[i]: every item's score for user vector x. */
    public void scoreAll(float[] x, int off, float[] out) {
        dotAll(x, off, out);
        if (bias != null) {
            for (int i = 0; i < numItems; i++) {
                out[i] += bias[i];
            }
        }
    }
}
