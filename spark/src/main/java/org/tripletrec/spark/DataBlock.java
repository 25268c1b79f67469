package org.tripletrec.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

/**
 * The ratings of one cell (user block r, item block c) of the blocked matrix, in block-local row indices, and
 * (built once, cached with the block) core's {@link Interactions} view of them: the samplers of core then draw
 * negatives among the items of this item block exactly as they would among all items.
 */
final class DataBlock implements Serializable {
    private static final long serialVersionUID = 1L;
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

    /** All the cells of user block {@code r}: one {@link DataBlock} per item block. */
    record Row(int userBlock, DataBlock[] cells) implements Serializable {
        /** Builds the row from the ratings of user block r (fillers are ignored). */
        static Row build(int r, Iterator<RatingRow> rows, Blocking userBlocking, Blocking itemBlocking) {
            int blocks = itemBlocking.blocks();
            List<Cols> cols = new ArrayList<>();
            for (int c = 0; c < blocks; c++) {
                cols.add(new Cols());
            }
            while (rows.hasNext()) {
                RatingRow row = rows.next();
                if (row.user() < 0) {
                    continue;
                }
                if (userBlocking.block(row.user()) != r) {
                    throw new IllegalStateException("rating of user " + row.user() + " in the partition of user block " + r);
                }
                cols.get(itemBlocking.block(row.item())).add(userBlocking.local(row.user()),
                        itemBlocking.local(row.item()), row.rating(), row.time());
            }
            DataBlock[] cells = new DataBlock[blocks];
            for (int c = 0; c < blocks; c++) {
                Cols k = cols.get(c);
                cells[c] = new DataBlock(r, c, userBlocking.blockSize(r), itemBlocking.blockSize(c),
                        java.util.Arrays.copyOf(k.u, k.n), java.util.Arrays.copyOf(k.i, k.n),
                        java.util.Arrays.copyOf(k.r, k.n), java.util.Arrays.copyOf(k.t, k.n));
            }
            return new Row(r, cells);
        }
    }

    private static final class Cols {
        int[] u = new int[16], i = new int[16];
        float[] r = new float[16];
        long[] t = new long[16];
        int n;

        void add(int user, int item, float rating, long time) {
            if (n == u.length) {
                int cap = Math.addExact(n, n >> 1) + 16;
                u = java.util.Arrays.copyOf(u, cap);
                i = java.util.Arrays.copyOf(i, cap);
                r = java.util.Arrays.copyOf(r, cap);
                t = java.util.Arrays.copyOf(t, cap);
            }
            u[n] = user;
            i[n] = item;
            r[n] = rating;
            t[n] = time;
            n++;
        }
    }
}
