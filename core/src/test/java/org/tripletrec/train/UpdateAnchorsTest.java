package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.sampling.SplitMix;

class UpdateAnchorsTest {
    /**
     * Ten users each rate item 0 a 5 (a like), item 1 a 3 and item 2 a 1 (a dislike); the ratings of users 8 and 9
     * are new.
     */
    private static RatingLog ratings(boolean onlyNew) {
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = onlyNew ? 8 : 0; u < 10; u++) {
            b.add(u, 0, 5, 0);
            b.add(u, 1, 3, 0);
            b.add(u, 2, 1, 0);
        }
        return b.build();
    }

    private static final Interactions TRAIN = Interactions.of(ratings(false), new FeedbackPolicy(5, 2), 10, 3);
    private static final RatingLog FRESH = ratings(true);

    private static UpdateAnchors anchors(double replay) {
        BitSet newLikes = Updater.newAnchors(TRAIN, FRESH);
        return new UpdateAnchors(new ReplaySchedule(TRAIN, newLikes,
                Math.round((1 + replay) * newLikes.cardinality())), FRESH, replay);
    }

    @Test
    void theLikesChannelsVisitTheLikesScheduleUnchanged() {
        BitSet newLikes = Updater.newAnchors(TRAIN, FRESH);
        assertThat(newLikes.cardinality()).isEqualTo(2);
        ReplaySchedule likes = new ReplaySchedule(TRAIN, newLikes, 2);
        UpdateAnchors update = anchors(0);
        assertThat(update.perEpoch()).isEqualTo(likes.perEpoch());
        SplitMix a = new SplitMix(7), b = new SplitMix(7);
        for (int epoch = 1; epoch <= 5; epoch++) {
            assertThat(update.anchors(epoch, a)).containsExactly(likes.anchors(epoch, b));
        }
    }

    @Test
    void theExposureChannelVisitsEveryNewRatingWithOneMoreReplay() {
        Interactions rated = Channels.everyRatingLiked(TRAIN);
        // six new ratings, of which two are likes; with no replay (1 + 0 + 1) x 6 = 12 of the 30 ratings an epoch,
        // four of each item's ten, its two new ones first
        AnchorSchedule exposure = anchors(0).everyRating(rated);
        assertThat(exposure.perEpoch()).isEqualTo(12.0);
        BitSet isNew = Updater.newAnchors(rated, FRESH);
        assertThat(isNew.cardinality()).isEqualTo(6);
        SplitMix rng = new SplitMix(3);
        for (int epoch = 1; epoch <= 10; epoch++) {
            int[] visited = exposure.anchors(epoch, rng);
            int[] perItem = new int[3];
            BitSet seen = new BitSet();
            for (int a : visited) {
                perItem[rated.anchorItem(a)]++;
                seen.set(a);
            }
            assertThat(perItem).containsExactly(4, 4, 4);
            BitSet missed = (BitSet) isNew.clone();
            missed.andNot(seen);
            assertThat(missed.isEmpty()).as("every new rating, the 3s and 1s too, every epoch").isTrue();
        }
        // the likes' replay adds to it: (1 + 1 + 1) x 6
        assertThat(anchors(1).everyRating(rated).perEpoch()).isEqualTo(18.0);
    }
}
