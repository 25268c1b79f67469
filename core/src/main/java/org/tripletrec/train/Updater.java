package org.tripletrec.train;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;

/**
 * Incremental training: a saved model takes a batch of new ratings (and new features) without training from
 * scratch. New users and items join the catalogue ({@link CatalogueGrowth}: from their features when they have
 * any), training continues from the model's tables and, when the model carries it, its optimiser state, and
 * every epoch visits the new likes together with a replay sample of the old likes the model carries, so that it
 * learns the new data without forgetting the old. The samplers see every rating, old and new: a negative is never
 * an item the user rated, whenever they rated it.
 *
 * <p>The work grows with the new ratings and the replay sample, not with the old data, apart from reading the
 * model and indexing its rated items once.
 */
public final class Updater {
    /**
     * @param replay old likes visited per new like, each epoch (a sample drawn once per update)
     */
    public record Settings(double replay) {
        public Settings {
            if (!(replay >= 0) || Double.isInfinite(replay)) {
                throw new IllegalArgumentException("replay must be 0 or more, got " + replay);
            }
        }

        public static Settings defaults() {
            return new Settings(1.0);
        }
    }

    /**
     * What an update did.
     *
     * @param resumedOptimizer false when the model carried no optimiser state and the optimiser started afresh
     * @param replayed         old likes in the replay sample
     */
    public record Result(EmbeddingModel model, Interactions train, int addedUsers, int addedItems,
                         int newUserFeatures, int newItemFeatures, int newRatings, int newLikes, int replayed,
                         boolean resumedOptimizer, boolean hadRatedItems) {}

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
        if (config.dim() != old.dim()) {
            throw new IllegalArgumentException("--dim " + config.dim() + " differs from the model's dimension "
                    + old.dim() + "; an update keeps the model's dimension");
        }
        if (config.itemBias() != old.hasItemBias()) {
            throw new IllegalArgumentException("the model was trained " + (old.hasItemBias() ? "with" : "without")
                    + " item biases; an update cannot " + (old.hasItemBias() ? "drop" : "add") + " them");
        }
        SplittableRandom rng = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        CatalogueGrowth.Result grown = CatalogueGrowth.grow(old, unknown(users, old.users()),
                unknown(items, old.items()), userFeatures, itemFeatures, CatalogueGrowth.Init.TRAINABLE, rng);
        EmbeddingModel m = grown.model();
        RatingLog fresh = reindex(ratings, users, items, m.users(), m.items());
        RatedItems before = m.rated() != null ? m.rated() : RatedItems.empty(m.numUsers());
        RatedItems after = before.with(fresh, m.numUsers());
        Interactions train = Interactions.of(after.toLog(), config.policy(), m.numUsers(), m.numItems());
        BitSet isNew = newAnchors(train, fresh);
        int[] anchors = anchors(train, isNew, rng);
        int newLikes = isNew.cardinality();

        var f = m.features();
        TrainingInput.WarmStart start = new TrainingInput.WarmStart(
                f == null || f.users() == null ? m.userFactors() : f.userParams(),
                f == null || f.items() == null ? m.itemFactors() : f.itemParams(),
                f == null || f.items() == null ? m.itemBias() : f.itemParamBias(),
                resumable(m) ? m.optimizerState() : null);
        TrainingInput input = new TrainingInput(train, m.users(), m.items(),
                Fingerprint.of(after.toLog(), m.users(), m.items()), f == null ? null : f.users(),
                f == null ? null : f.items(), start, anchors);
        EmbeddingModel updated = new Trainer(config).fit(input, listener).withRated(after);
        return new Result(updated, train, grown.addedUsers(), grown.addedItems(), grown.newUserFeatures(),
                grown.newItemFeatures(), fresh.size(), newLikes, anchors.length - newLikes, start.state() != null,
                old.rated() != null);
    }

    /** The optimiser state can continue when it is the same optimiser's. */
    private boolean resumable(EmbeddingModel m) {
        return m.optimizerState() != null && m.optimizerState().kind() == config.optimizer();
    }

    private static List<String> unknown(IdIndex data, IdIndex model) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : data.ids()) {
            if (model.indexOf(id) < 0) {
                out.add(id);
            }
        }
        return new ArrayList<>(out);
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

    /** The anchors (likes of {@code train}) that come from the new ratings. */
    private static BitSet newAnchors(Interactions train, RatingLog fresh) {
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

    /** The new anchors, and a uniform sample (without replacement) of the old ones, replay x as many. */
    private int[] anchors(Interactions train, BitSet isNew, SplittableRandom rng) {
        int news = isNew.cardinality();
        int olds = train.anchorCount() - news;
        int replay = (int) Math.min(olds, Math.round(settings.replay() * news));
        int[] out = new int[news + replay];
        int n = 0;
        for (int a = isNew.nextSetBit(0); a >= 0; a = isNew.nextSetBit(a + 1)) {
            out[n++] = a;
        }
        if (replay > 0) {
            BitSet taken = new BitSet(train.anchorCount());
            taken.or(isNew);
            while (n < out.length) {
                int a = rng.nextInt(train.anchorCount());
                if (!taken.get(a)) {
                    taken.set(a);
                    out[n++] = a;
                }
            }
        }
        return out;
    }
}
