package org.tripletrec.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.tripletrec.data.Dedup;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.RowSort;
import org.tripletrec.data.TrainTest;

/**
 * All the ratings of user block r, ready to train: one {@link DataBlock} per item block (the train ratings of
 * the cell), and the block's test ratings (global indices), if the split made any.
 *
 * <p>Built where all of a user's ratings meet (after the blocking shuffle), by core's own rules, in core's order:
 * the rows are put back in input order, repeated (user, item) pairs collapse to the latest ({@link Dedup}), and
 * the split is core's ({@link SplitRule}). The cells therefore do not depend on how the input was partitioned or
 * in which order the shuffle delivered it.
 */
record BlockRow(int userBlock, DataBlock[] cells, Ratings test, int duplicates) implements Serializable {

    /** Ratings as global indices, in columns. */
    record Ratings(int[] users, int[] items, float[] ratings, long[] times) implements Serializable {
        int size() {
            return users.length;
        }
    }

    /** Bit of a row's position that marks a row read from a test file (positions are otherwise below 2^62). */
    static final long TEST_FILE = 1L << 62;

    static BlockRow build(int r, Iterator<RatingRow> rows, Blocking userBlocking, Blocking itemBlocking,
                          SplitRule split) {
        Columns in = new Columns();
        while (rows.hasNext()) {
            RatingRow row = rows.next();
            if (row.user() < 0) {
                continue; // a filler
            }
            if (userBlocking.block(row.user()) != r) {
                throw new IllegalStateException("rating of user " + row.user() + " in the partition of user block " + r);
            }
            in.add(userBlocking.local(row.user()), row.item(), row.rating(), row.time(), row.position());
        }
        int[] order = new int[in.n];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        long[] position = in.p;
        RowSort.byKey(order, 0, order.length, k -> position[k]);
        RatingLog.Builder trainRows = new RatingLog.Builder(), testRows = new RatingLog.Builder();
        for (int k : order) {
            boolean fromTest = split.fromTestFile() && (in.p[k] & TEST_FILE) != 0;
            (fromTest ? testRows : trainRows).add(in.u[k], in.i[k], in.r[k], in.t[k]);
        }
        Dedup.Result train = Dedup.keepLatest(trainRows.build());
        Dedup.Result testFile = Dedup.keepLatest(testRows.build());
        TrainTest parts = split.split(train.log(), userBlocking, r);
        RatingLog test = split.fromTestFile() ? testFile.log() : parts.test();
        return new BlockRow(r, cells(r, parts.train(), userBlocking, itemBlocking), global(r, test, userBlocking),
                train.removed() + testFile.removed());
    }

    /** The train ratings by item block, in block-local indices. */
    private static DataBlock[] cells(int r, RatingLog train, Blocking userBlocking, Blocking itemBlocking) {
        int blocks = itemBlocking.blocks();
        Columns[] cols = new Columns[blocks];
        for (int c = 0; c < blocks; c++) {
            cols[c] = new Columns();
        }
        for (int k = 0; k < train.size(); k++) {
            int item = train.item(k);
            cols[itemBlocking.block(item)].add(train.user(k), itemBlocking.local(item), train.rating(k), train.time(k), 0);
        }
        DataBlock[] cells = new DataBlock[blocks];
        for (int c = 0; c < blocks; c++) {
            Columns k = cols[c];
            cells[c] = new DataBlock(r, c, userBlocking.blockSize(r), itemBlocking.blockSize(c),
                    Arrays.copyOf(k.u, k.n), Arrays.copyOf(k.i, k.n), Arrays.copyOf(k.r, k.n), Arrays.copyOf(k.t, k.n));
        }
        return cells;
    }

    private static Ratings global(int r, RatingLog log, Blocking userBlocking) {
        int n = log.size();
        int[] u = new int[n], i = new int[n];
        float[] v = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = userBlocking.global(r, log.user(k));
            i[k] = log.item(k);
            v[k] = log.rating(k);
            t[k] = log.time(k);
        }
        return new Ratings(u, i, v, t);
    }

    /** Number of train ratings in all cells. */
    long trainSize() {
        long n = 0;
        for (DataBlock c : cells) {
            n += c.size();
        }
        return n;
    }

    /** Growable columns. */
    private static final class Columns {
        int[] u = new int[16], i = new int[16];
        float[] r = new float[16];
        long[] t = new long[16], p = new long[16];
        int n;

        void add(int user, int item, float rating, long time, long position) {
            if (n == u.length) {
                int cap = Math.addExact(n, n >> 1) + 16;
                u = Arrays.copyOf(u, cap);
                i = Arrays.copyOf(i, cap);
                r = Arrays.copyOf(r, cap);
                t = Arrays.copyOf(t, cap);
                p = Arrays.copyOf(p, cap);
            }
            u[n] = user;
            i[n] = item;
            r[n] = rating;
            t[n] = time;
            p[n] = position;
            n++;
        }
    }
}
