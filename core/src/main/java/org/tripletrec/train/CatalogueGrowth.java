package org.tripletrec.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.IntView;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.recommend.FoldIn;

/**
 * Grows a trained model's catalogue: new users and items join at the end of the id maps, new features at the end
 * of the vocabularies, and existing rows keep their numbers and values. What the new rows start from:
 * <ul>
 *   <li>a new user or item with features: its own row at zero, so its vector is its features' (a new film is
 *       recommended from its genres at once);</li>
 *   <li>one without features: a random row, as training starts one ({@link Init#TRAINABLE}), or zero when the
 *       model will not be trained ({@link Init#FROZEN});</li>
 *   <li>a new feature: a random row to be trained, or zero when frozen (it then adds nothing).</li>
 * </ul>
 * The optimiser state follows the rows (new rows start fresh), and the rated items grow to the new users.
 */
public final class CatalogueGrowth {
    /** How new parameter rows start. */
    public enum Init { TRAINABLE, FROZEN }

    /**
     * @param model           the grown model (composed tables, features, rated items and optimiser state)
     * @param userRows        old parameter row -> new parameter row, users (identity without user features)
     * @param itemRows        the same for items
     * @param newUserFeatures features that were not in the model's user vocabulary
     * @param newItemFeatures the same for items
     */
    public record Result(EmbeddingModel model, int[] userRows, int[] itemRows, int addedUsers, int addedItems,
                         int newUserFeatures, int newItemFeatures) {}

    private CatalogueGrowth() {}

    /**
     * The model with {@code users} and {@code items} added (ids it already knows are skipped) and the given
     * features merged into its own (an id in both keeps the union, the new weights winning).
     *
     * @throws IllegalArgumentException when features are given for a side the model has no features on
     */
    public static Result grow(EmbeddingModel m, List<String> users, List<String> items, SideFeatures userFeatures,
                              SideFeatures itemFeatures, Init init, SplittableRandom rng) {
        FeatureTables f = m.features();
        if (!userFeatures.isEmpty() && (f == null || f.users() == null)) {
            throw new IllegalArgumentException("user features were given, but the model was trained without user"
                    + " features; train a new model with --user-features");
        }
        if (!itemFeatures.isEmpty() && (f == null || f.items() == null)) {
            throw new IllegalArgumentException("item features were given, but the model was trained without item"
                    + " features; train a new model with --item-features");
        }
        float scale = m.info() == null ? 0.05f : m.info().config().initScale();
        int dim = m.dim();
        Side u = grow(m.users(), users, userFeatures, f == null ? null : f.users(),
                f == null || f.users() == null ? m.userFactors() : f.userParams(), null, dim, init, scale, rng);
        Side it = grow(m.items(), items, itemFeatures, f == null ? null : f.items(),
                f == null || f.items() == null ? m.itemFactors() : f.itemParams(),
                f == null || f.items() == null ? m.itemBias() : f.itemParamBias(), dim, init, scale, rng);

        EmbeddingModel grown = new EmbeddingModel(dim, u.composed, it.composed, it.composedBias, u.ids, it.ids,
                m.info());
        if (f != null) {
            grown = grown.withFeatures(new FeatureTables(u.matrix, it.matrix, u.matrix == null ? null : u.params,
                    it.matrix == null ? null : it.params, it.matrix == null ? null : it.paramBias));
        }
        if (m.rated() != null) {
            grown = grown.withRated(m.rated().withUsers(u.ids.size()));
        }
        if (m.optimizerState() != null) {
            grown = grown.withOptimizerState(m.optimizerState().remap(u.rowMap, u.rows(dim), it.rowMap,
                    it.rows(dim), dim));
        }
        return new Result(grown, u.rowMap, it.rowMap, u.ids.size() - m.users().size(),
                it.ids.size() - m.items().size(), u.newFeatures, it.newFeatures);
    }

    /**
     * Sets the row of each user from {@code firstNew} on (users a grown model did not know) to a fold-in of their
     * likes and dislikes in {@code train} of the first {@code knownItems} items (those the model knew), in place;
     * a user without such ratings keeps the row they have. {@code train} is in the grown model's numbering.
     *
     * @return how many users were folded in
     */
    public static int foldInUsers(EmbeddingModel grown, Interactions train, int firstNew, int knownItems) {
        FoldIn fold = new FoldIn(grown);
        int folded = 0;
        for (int u = firstNew; u < grown.numUsers(); u++) {
            int[] liked = below(train.positives(u), knownItems);
            int[] disliked = below(train.negatives(u), knownItems);
            if (liked.length + disliked.length > 0) {
                setRow(grown, true, u, fold.userVector(liked, disliked), 0f);
                folded++;
            }
        }
        return folded;
    }

    private static int[] below(IntView row, int bound) {
        int n = 0;
        int[] out = new int[row.size()];
        for (int j = 0; j < row.size(); j++) {
            if (row.get(j) < bound) {
                out[n++] = row.get(j);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Makes entity r's composed vector (and bias) equal {@code vector} by setting its own row: the row itself
     * without features, else the difference from its features' part divided by the own row's weight.
     */
    static void setRow(EmbeddingModel m, boolean user, int r, float[] vector, float bias) {
        int dim = m.dim();
        var f = m.features();
        FeatureMatrix fm = f == null ? null : user ? f.users() : f.items();
        float[] composed = user ? m.userFactors() : m.itemFactors();
        float[] composedBias = user ? null : m.itemBias();
        if (fm == null) {
            System.arraycopy(vector, 0, composed, r * dim, dim);
            if (composedBias != null) {
                composedBias[r] = bias;
            }
            return;
        }
        if (!fm.hasIds()) {
            return;
        }
        float[] params = user ? f.userParams() : f.itemParams();
        float[] paramBias = user ? null : f.itemParamBias();
        int own = fm.start(r); // the own row is an entity's first entry
        float w = fm.weight(own);
        float[] current = new float[dim];
        fm.compose(params, dim, r, current, 0);
        for (int j = 0; j < dim; j++) {
            params[r * dim + j] += (vector[j] - current[j]) / w;
        }
        fm.compose(params, dim, r, composed, r * dim);
        if (paramBias != null) {
            paramBias[r] += (bias - fm.composeBias(paramBias, r)) / w;
            composedBias[r] = fm.composeBias(paramBias, r);
        }
    }

    /** The ids of {@code data} that {@code known} does not have, in the data's order: what to grow by. */
    public static List<String> unknown(IdIndex data, IdIndex known) {
        List<String> out = new ArrayList<>();
        for (String id : data.ids()) {
            if (known.indexOf(id) < 0) {
                out.add(id);
            }
        }
        return out;
    }

    /** One side (users or items) after growing. */
    private record Side(IdIndex ids, FeatureMatrix matrix, float[] params, float[] paramBias, float[] composed,
                        float[] composedBias, int[] rowMap, int newFeatures) {
        int rows(int dim) {
            return params.length / dim;
        }
    }

    private static Side grow(IdIndex old, List<String> add, SideFeatures extra, FeatureMatrix matrix, float[] params,
                             float[] paramBias, int dim, Init init, float scale, SplittableRandom rng) {
        IdIndex ids = IdIndex.of(old.ids());
        for (String id : add) {
            ids.add(id);
        }
        for (String id : extra.ids()) {
            ids.add(id);
        }
        int oldRows = params.length / dim;
        if (matrix == null) {
            float[] p = Arrays.copyOf(params, ids.size() * dim);
            if (init == Init.TRAINABLE) {
                fillRandom(p, oldRows * dim, p.length, scale, rng);
            }
            float[] b = paramBias == null ? null : Arrays.copyOf(paramBias, ids.size());
            return new Side(ids, null, p, b, p, b, identity(oldRows), 0);
        }
        IdIndex vocabulary = IdIndex.of(matrix.features().ids());
        SideFeatures merged = matrix.toSideFeatures(old, "model").merge(extra);
        FeatureMatrix grown = FeatureMatrix.build(ids, merged, matrix.hasIds(), matrix.normalized(), vocabulary).matrix();
        int oldIdRows = matrix.hasIds() ? old.size() : 0;
        int newIdRows = grown.hasIds() ? ids.size() : 0;
        int[] rowMap = new int[oldRows];
        for (int r = 0; r < oldRows; r++) {
            rowMap[r] = r < oldIdRows ? r : newIdRows + (r - oldIdRows);
        }
        float[] p = new float[grown.numParams() * dim];
        float[] b = paramBias == null ? null : new float[grown.numParams()];
        for (int r = 0; r < oldRows; r++) {
            System.arraycopy(params, r * dim, p, rowMap[r] * dim, dim);
            if (b != null) {
                b[rowMap[r]] = paramBias[r];
            }
        }
        if (init == Init.TRAINABLE) {
            for (int e = old.size(); e < ids.size() && grown.hasIds(); e++) {
                if (grown.featureCount(e) == 0) {
                    fillRandom(p, e * dim, (e + 1) * dim, scale, rng);
                }
            }
            int firstNewFeature = newIdRows + matrix.numFeatures();
            fillRandom(p, firstNewFeature * dim, p.length, scale, rng);
        }
        float[] composed = new float[ids.size() * dim];
        grown.composeAll(p, dim, composed);
        float[] composedBias = null;
        if (b != null) {
            composedBias = new float[ids.size()];
            grown.composeAllBiases(b, composedBias);
        }
        return new Side(ids, grown, p, b, composed, composedBias, rowMap,
                grown.numFeatures() - matrix.numFeatures());
    }

    private static void fillRandom(float[] t, int from, int to, float scale, SplittableRandom rng) {
        for (int k = from; k < to; k++) {
            t[k] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        return a;
    }
}
