package org.tripletrec.train;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.recommend.ItemFoldIn;

/**
 * Incremental training: a saved model takes a batch of new ratings (and new features) without training from
 * scratch. New users and items join the catalogue ({@link CatalogueGrowth}: from their features when they have
 * any), training continues from the model's tables and, when the model carries it, its optimiser state, and
 * each epoch visits as many likes as there are new ones (more with a replay), shared among the items in proportion
 * to their likes, new likes first ({@link ReplaySchedule}): the model learns the new data without forgetting the
 * old, and without ranking the items with many new likes above where a full retrain would. The samplers see every
 * rating, old and new: a negative is never an item the user rated, whenever they rated it.
 *
 * <p>The work grows with the new ratings, not with the old data, apart from reading the model and indexing the
 * ratings it carries once.
 */
public final class Updater {
    /**
     * @param replay each epoch visits (1 + replay) times as many likes as there are new ones, old and new, shared
     *               among the items in proportion to their likes ({@link ReplaySchedule})
     * @param foldIn start each new user from a fold-in of their ratings of known items, and then each new item
     *               from a fold-in of the users who rated it ({@link ItemFoldIn}), before training: new rows
     *               then need a few epochs, not a full training's worth
     * @param shrink before training, every user and item row is multiplied by {@code shrink} and every bias by its
     *               square (1: left as they are): every score shrinks by the same factor, so the model ranks as
     *               before, but its pairs sit closer to the margin, and the update's triplets move it again. A
     *               model trained further from a trained model's tables generalises worse than one trained from
     *               scratch (Ash and Adams, "On Warm-Starting Neural Network Training", 2020, whose remedy this
     *               is: shrink and perturb, without the perturbation)
     */
    public record Settings(double replay, boolean foldIn, double shrink) {
        public Settings {
            if (!(replay >= 0) || Double.isInfinite(replay)) {
                throw new IllegalArgumentException("replay must be 0 or more, got " + replay);
            }
            if (!(shrink > 0 && shrink <= 1)) {
                throw new IllegalArgumentException("shrink must be in (0, 1], got " + shrink);
            }
        }

        public static Settings defaults() {
            return new Settings(0.0, true, 0.7);
        }
    }

    /** Epochs an update trains by default. */
    public static final int DEFAULT_EPOCHS = 12;

    /**
     * The configuration an update of a model trained with {@code model} starts from, before any override: the
     * model's own, but {@value #DEFAULT_EPOCHS} epochs, and with Adagrad twice the main model's learning rate,
     * unless its channels share that rate. Adagrad's steps only shrink as its accumulators grow, and an update
     * resumes them where the training left them: at the model's own rate the rows the new ratings touch hardly
     * move. The channel presets ({@code balanced}, {@code cautious}) train every channel at one rate, several times
     * the single model's, and on a validation split (docs/CATALOGUE.md) twice that overshot, the update falling
     * behind a full retrain; a model whose channels have a rate of their own (the default preset) doubles its main
     * model's, the single model's, and keeps the channels' (on the same split that brought the update level with
     * a retrain).
     */
    public static TrainerConfig defaults(TrainerConfig model) {
        TrainerConfig.Builder b = model.toBuilder().epochs(DEFAULT_EPOCHS);
        boolean sharedRate = model.hasChannels() && Float.isNaN(model.channelLearningRate());
        if (model.optimizer() == OptimizerKind.ADAGRAD && !sharedRate) {
            b.learningRate(2 * model.learningRate());
        }
        return b.build();
    }

    /**
     * What an update did.
     *
     * @param likesPerEpoch    likes an epoch visited, old and new (on average: the draw is random)
     * @param newPerEpoch      new likes among them
     * @param resumedOptimizer false when the model carried no optimiser state and the optimiser started afresh
     */
    public record Result(EmbeddingModel model, Interactions train, int addedUsers, int addedItems,
                         int newUserFeatures, int newItemFeatures, int newRatings, int newLikes, long likesPerEpoch,
                         long newPerEpoch, boolean resumedOptimizer, boolean hadRatedItems) {}

    private final TrainerConfig config;
    private final Settings settings;

    public Updater(TrainerConfig config, Settings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * Updates {@code old} with {@code ratings}, whose indices are into {@code users} and {@code items} (the new
     * data's own id maps, as a loader builds them).
     *
     * @throws IllegalArgumentException when the config does not fit the model (another dimension, say) or
     *                                  features are given for a side the model has none on
     */
    public Result update(EmbeddingModel old, RatingLog ratings, IdIndex users, IdIndex items,
                         SideFeatures userFeatures, SideFeatures itemFeatures, TrainingListener listener) {
        return train(prepare(old, ratings, users, items, userFeatures, itemFeatures), listener);
    }

    /**
     * An update ready to train: the interactions it trains on (every rating the model carries plus the new ones),
     * so that a caller can evaluate each epoch against them, and the training input over the grown catalogue. It
     * holds nothing of the old model but the grown tables the training starts from: once the caller lets go of the
     * old model, its memory is free for the training.
     */
    public record Prepared(Interactions train, RatedItems rated, TrainingInput input, int addedUsers, int addedItems,
                           int newUserFeatures, int newItemFeatures, int newRatings, int newLikes, long likesPerEpoch,
                           long newPerEpoch, boolean hadRatedItems) {}

    /**
     * The first half of {@link #update}: grows the catalogue and lays out the training input. The old model's
     * tables are copied as the catalogue grows, and its rated items merged with the new ratings: past that, this
     * holds no reference to {@code oldModel}, so that a caller that hands it over (keeps no reference of its own)
     * frees the old model's memory, its rated items above all, while the new ones are indexed.
     */
    public Prepared prepare(EmbeddingModel oldModel, RatingLog ratings, IdIndex users, IdIndex items,
                            SideFeatures userFeatures, SideFeatures itemFeatures) {
        if (config.modelDim() != oldModel.dim()) {
            throw new IllegalArgumentException("--dim " + config.dim()
                    + (config.hasChannels() ? " (" + config.modelDim() + " with the channels)" : "")
                    + " differs from the model's dimension " + oldModel.dim() + "; an update keeps the model's"
                    + " dimension and channels");
        }
        if (config.itemBias() != oldModel.hasItemBias()) {
            throw new IllegalArgumentException("the model was trained " + (oldModel.hasItemBias() ? "with" : "without")
                    + " item biases; an update cannot " + (oldModel.hasItemBias() ? "drop" : "add") + " them");
        }
        int oldUsers = oldModel.numUsers(), oldItems = oldModel.numItems();
        boolean hadRated = oldModel.rated() != null;
        String fingerprint = oldModel.info() == null ? "" : oldModel.info().dataFingerprint();
        SplittableRandom rng = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        CatalogueGrowth.Result grown = CatalogueGrowth.grow(oldModel,
                CatalogueGrowth.unknown(users, oldModel.users()), CatalogueGrowth.unknown(items, oldModel.items()),
                userFeatures, itemFeatures, CatalogueGrowth.Init.TRAINABLE, rng);
        oldModel = null; // see above: the grown copy is all that is needed from here on
        EmbeddingModel m = grown.model().withRated(null);
        RatedItems before = hadRated ? grown.model().rated() : RatedItems.empty(m.numUsers());
        int addedUsers = grown.addedUsers(), addedItems = grown.addedItems();
        int newUserFeatures = grown.newUserFeatures(), newItemFeatures = grown.newItemFeatures();
        grown = null; // it holds the old ratings too
        RatingLog fresh = reindex(ratings, users, items, m.users(), m.items());
        RatedItems after = before.with(fresh, m.numUsers());
        before = null; // the old ratings' arrays are garbage once merged
        Interactions train = Interactions.of(after, config.policy(), m.numItems());
        if (settings.foldIn()) {
            foldInNewRows(oldUsers, oldItems, m, train);
        }
        shrink(m, (float) settings.shrink());
        BitSet isNew = newAnchors(train, fresh);
        int news = isNew.cardinality();
        ReplaySchedule schedule = new ReplaySchedule(train, isNew, Math.round((1 + settings.replay()) * news));
        var f = m.features();
        TrainingInput.WarmStart start = new TrainingInput.WarmStart(
                f == null || f.users() == null ? m.userFactors() : f.userParams(),
                f == null || f.items() == null ? m.itemFactors() : f.itemParams(),
                f == null || f.items() == null ? m.itemBias() : f.itemParamBias(),
                resumable(m) ? m.optimizerState() : null);
        // the exposure channel's positives are every rating, not the likes: it takes a schedule of its own
        AnchorSchedule anchors = config.exposureWeight() > 0
                ? new UpdateAnchors(schedule, fresh, settings.replay()) : schedule;
        TrainingInput input = new TrainingInput(train, m.users(), m.items(),
                Fingerprint.extend(fingerprint, ratings, users, items, after.total()), f == null ? null : f.users(),
                f == null ? null : f.items(), start, anchors);
        return new Prepared(train, after, input, addedUsers, addedItems, newUserFeatures, newItemFeatures,
                fresh.size(), news, Math.round(schedule.perEpoch()), Math.round(schedule.newPerEpoch()), hadRated);
    }

    /** The second half of {@link #update}: trains the prepared input. */
    public Result train(Prepared p, TrainingListener listener) {
        EmbeddingModel updated = new Trainer(config).fit(p.input(), listener).withRated(p.rated());
        return new Result(updated, p.train(), p.addedUsers(), p.addedItems(), p.newUserFeatures(),
                p.newItemFeatures(), p.newRatings(), p.newLikes(), p.likesPerEpoch(), p.newPerEpoch(),
                p.input().start().state() != null, p.hadRatedItems());
    }

    /**
     * Sets the rows of the users and items the old model did not know to fold-ins: users from their likes and
     * dislikes of items the old model knew, then items from the users who liked and disliked them. A new item
     * takes the fold-in's vector but keeps its prior bias (its features', else zero): the fold-in ranks the item
     * above other items for those who liked it and below for those who disliked it, but nothing in it pushes the
     * item down for the many users who never rated it, so its bias comes out too high, and the item ranks too
     * high for everyone until training has pushed it back down.
     */
    private static void foldInNewRows(int oldUsers, int oldItems, EmbeddingModel m, Interactions train) {
        CatalogueGrowth.foldInUsers(m, train, oldUsers, oldItems);
        if (m.numItems() == oldItems) {
            return;
        }
        int[][] likedBy = raters(train, m.numItems(), oldItems, true);
        int[][] dislikedBy = raters(train, m.numItems(), oldItems, false);
        ItemFoldIn items = new ItemFoldIn(m);
        FeatureMatrix itf = m.features() == null ? null : m.features().items();
        for (int i = oldItems; i < m.numItems(); i++) {
            int k = i - oldItems;
            if (likedBy[k].length + dislikedBy[k].length == 0 || itf != null && !itf.hasIds()) {
                continue;
            }
            float[] prior = itf == null ? null : m.itemVector(i);
            float priorBias = m.bias(i);
            ItemFoldIn.Fitted f = items.fit(likedBy[k], dislikedBy[k], prior, priorBias, i);
            CatalogueGrowth.setRow(m, false, i, f.vector(), priorBias);
        }
    }

    /** Per new item (index from {@code first}), the users who liked it ({@code likes}) or disliked it. */
    private static int[][] raters(Interactions train, int items, int first, boolean likes) {
        List<List<Integer>> by = new ArrayList<>();
        for (int i = first; i < items; i++) {
            by.add(new ArrayList<>());
        }
        for (int u = 0; u < train.numUsers(); u++) {
            var row = likes ? train.positives(u) : train.negatives(u);
            for (int j = 0; j < row.size(); j++) {
                int i = row.get(j);
                if (i >= first) {
                    by.get(i - first).add(u);
                }
            }
        }
        int[][] out = new int[by.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = by.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /**
     * Multiplies the parameter rows by {@code s} and the biases by s squared, in place (the grown model's own
     * tables): each composed vector scales by s, each score by s squared.
     */
    private static void shrink(EmbeddingModel m, float s) {
        if (s == 1f) {
            return;
        }
        var f = m.features();
        scale(f == null || f.users() == null ? m.userFactors() : f.userParams(), s);
        scale(f == null || f.items() == null ? m.itemFactors() : f.itemParams(), s);
        scale(f == null || f.items() == null ? m.itemBias() : f.itemParamBias(), s * s);
        if (f != null) { // the composed tables follow (the trainer composes them again anyway)
            if (f.users() != null) {
                scale(m.userFactors(), s);
            }
            if (f.items() != null) {
                scale(m.itemFactors(), s);
                scale(m.itemBias(), s * s);
            }
        }
    }

    private static void scale(float[] table, float s) {
        if (table != null) {
            for (int k = 0; k < table.length; k++) {
                table[k] *= s;
            }
        }
    }

    /** The optimiser state can continue when it is the same optimiser's. */
    private boolean resumable(EmbeddingModel m) {
        return m.optimizerState() != null && m.optimizerState().kind() == config.optimizer();
    }

    private static RatingLog reindex(RatingLog log, IdIndex users, IdIndex items, IdIndex modelUsers,
                                     IdIndex modelItems) {
        int[] um = new int[users.size()];
        for (int k = 0; k < um.length; k++) {
            um[k] = modelUsers.indexOf(users.id(k));
        }
        int[] im = new int[items.size()];
        for (int k = 0; k < im.length; k++) {
            im[k] = modelItems.indexOf(items.id(k));
        }
        RatingLog.Builder b = new RatingLog.Builder(log.size());
        for (int k = 0; k < log.size(); k++) {
            b.add(um[log.user(k)], im[log.item(k)], log.rating(k), log.time(k));
        }
        return b.build();
    }

    /**
     * The anchors (likes of {@code train}) that come from the new ratings; of the every-rating view
     * ({@link Channels#everyRatingLiked}), every new rating.
     */
    static BitSet newAnchors(Interactions train, RatingLog fresh) {
        BitSet isNew = new BitSet(train.anchorCount());
        for (int k = 0; k < fresh.size(); k++) {
            int u = fresh.user(k);
            var likes = train.positives(u);
            int j = java.util.Arrays.binarySearch(likes.array(), likes.from(), likes.to(), fresh.item(k));
            if (j >= 0) {
                isNew.set(j); // positives are the flat anchor list: a view's index is the anchor
            }
        }
        return isNew;
    }
}
