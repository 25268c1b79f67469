package org.tripletrec.train;

import java.util.BitSet;

import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.sampling.SplitMix;

/**
 * An update's anchors for a config with an exposure channel ({@link Channels}): the likes' schedule for the main
 * and preference channels, and a schedule of its own for the exposure channel, over its every-rating view.
 *
 * <p>Why the exposure channel needs its own: its positives are every rating, and most new ratings are not likes.
 * Mapped from the likes' schedule, it would visit only the new likes' pairs, and never learn that a new user rated
 * their 3s and 4s, nor which items the old users went on to rate: the exposure part of the joined score, which
 * carries most of its full_auc, would hardly move. Its own schedule visits the new ratings as the likes' schedule
 * visits the new likes ({@link ReplaySchedule}: shared among the items in proportion to their ratings, new ones
 * first), with {@link #EXPOSURE_REPLAY} more replay than the likes get: on a validation split (the living-data
 * split of the protocol's own training ratings, docs/CATALOGUE.md) the exposure channel fell behind a full retrain
 * without it, and the main and preference channels gained nothing from one.
 */
final class UpdateAnchors implements AnchorSchedule {
    /** How much more replay the exposure channel's schedule has than the likes' one (see above). */
    static final double EXPOSURE_REPLAY = 1.0;

    private final ReplaySchedule likes;
    private final RatingLog fresh;
    private final double replay;

    /**
     * @param likes  the likes' schedule, of the update's interactions
     * @param fresh  the new ratings, in the update's numbering
     * @param replay the likes' schedule's replay ({@link Updater.Settings#replay()})
     */
    UpdateAnchors(ReplaySchedule likes, RatingLog fresh, double replay) {
        this.likes = likes;
        this.fresh = fresh;
        this.replay = replay;
    }

    @Override
    public int[] anchors(int epoch, SplitMix rng) {
        return likes.anchors(epoch, rng);
    }

    @Override
    public double perEpoch() {
        return likes.perEpoch();
    }

    /**
     * The exposure channel's schedule over {@code rated}, the every-rating view of the update's interactions
     * ({@link Channels#everyRatingLiked}): each epoch visits (1 + replay + {@value #EXPOSURE_REPLAY}) times as many
     * ratings as there are new ones.
     */
    AnchorSchedule everyRating(Interactions rated) {
        BitSet isNew = Updater.newAnchors(rated, fresh);
        return new ReplaySchedule(rated, isNew, Math.round((1 + replay + EXPOSURE_REPLAY) * isNew.cardinality()));
    }
}
