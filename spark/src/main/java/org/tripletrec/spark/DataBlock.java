package org.tripletrec.spark;

import java.io.Serializable;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

/**
 * The ratings of one cell (user block r, item block c) of the blocked matrix, in block-local row indices, and
 * (built once, cached with the block) core's {@link Interactions} view of them: the samplers of core then draw
 * negatives among the items of this item block exactly as they would among all items.
 */
final class DataBlock implements Serializable {
    private static final long serialVersionUID = 2L;
    final int userBlock, itemBlock, numUsers, numItems;
    final int[] users, items;
    final float[] ratings;
    final long[] times;
    private transient Interactions view;

    DataBlock(int userBlock, int itemBlock, int numUsers, int numItems, int[] users, int[] items, float[] ratings,
              long[] times) {
        this.userBlock = userBlock;
        this.itemBlock = itemBlock;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.times = times;
    }

    int size() {
        return users.length;
    }

    synchronized Interactions interactions(FeedbackPolicy policy) {
        if (view == null || !view.policy().equals(policy)) {
            RatingLog.Builder b = new RatingLog.Builder(users.length);
            for (int k = 0; k < users.length; k++) {
                b.add(users[k], items[k], ratings[k], times[k]);
            }
            view = Interactions.of(b.build(), policy, numUsers, numItems);
        }
        return view;
    }
}
