package org.tripletrec.spark;

import java.io.Serializable;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatingLog;

/**
 * The ratings of one input partition as columns, with the partition's own ids: {@code user[k]} indexes
 * {@code userIds}, in the order the ids first appear in the partition. Ids become the catalogue's indices later,
 * once all partitions are read ({@link SparkInput#index}).
 */
record RatingChunk(int partition, String[] userIds, String[] itemIds, int[] user, int[] item, float[] rating,
                   long[] time) implements Serializable {

    static RatingChunk of(int partition, RatingLog log, IdIndex users, IdIndex items) {
        int n = log.size();
        int[] u = new int[n], i = new int[n];
        float[] r = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            u[k] = log.user(k);
            i[k] = log.item(k);
            r[k] = log.rating(k);
            t[k] = log.time(k);
        }
        return new RatingChunk(partition, users.ids().toArray(new String[0]), items.ids().toArray(new String[0]), u, i,
                r, t);
    }

    int size() {
        return user.length;
    }

    /** Where rating k stands in the whole input: partitions in input order, then rows in file order. */
    long position(int k) {
        return ((long) partition << 32) | k;
    }
}
