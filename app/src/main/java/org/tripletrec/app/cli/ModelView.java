package org.tripletrec.app.cli;

import java.util.BitSet;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/**
 * A data set re-indexed through a model's id maps. The data set numbers its users and items in its own way; only
 * the model's {@link IdIndex} says which row of the model an id is. Users and items the model has never seen
 * cannot be scored: their ratings are dropped and counted.
 */
record ModelView(RatingLog train, RatingLog test, int unknownUsers, int unknownItems, long droppedRows) {

    static ModelView of(Dataset data, EmbeddingModel model) {
        int[] userMap = map(data.users(), model.users());
        int[] itemMap = map(data.items(), model.items());
        BitSet missingUsers = new BitSet();
        BitSet missingItems = new BitSet();
        long[] dropped = new long[1];
        RatingLog train = remap(data.train(), userMap, itemMap, missingUsers, missingItems, dropped);
        RatingLog test = remap(data.test(), userMap, itemMap, missingUsers, missingItems, dropped);
        return new ModelView(train, test, missingUsers.cardinality(), missingItems.cardinality(), dropped[0]);
    }

    /** For each data index, the model index of the same id, or -1. */
    private static int[] map(IdIndex from, IdIndex to) {
        int[] map = new int[from.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = to.indexOf(from.id(k));
        }
        return map;
    }

    private static RatingLog remap(RatingLog log, int[] userMap, int[] itemMap, BitSet missingUsers,
                                   BitSet missingItems, long[] dropped) {
        RatingLog.Builder b = new RatingLog.Builder(log.size());
        for (int k = 0; k < log.size(); k++) {
            int u = userMap[log.user(k)];
            int i = itemMap[log.item(k)];
            if (u < 0) {
                missingUsers.set(log.user(k));
            }
            if (i < 0) {
                missingItems.set(log.item(k));
            }
            if (u < 0 || i < 0) {
                dropped[0]++;
                continue;
            }
            b.add(u, i, log.rating(k), log.time(k));
        }
        return b.build();
    }
}
