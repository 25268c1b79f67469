package org.tripletrec.recommend;

import java.util.Arrays;

import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/**
 * The items each user of a model rated in some training ratings, in the model's own numbering. The ratings are
 * matched by raw id, because the data and the model may come from different runs: ids the model lacks are
 * dropped.
 */
public final class RatedItems {
    private final EmbeddingModel model;
    private final RatingLog log;
    private final int[] userMap; // data user -> model user, -1 when the model lacks it
    private final int[] itemMap; // data item -> model item, -1 when the model lacks it

    /**
     * @param log   ratings whose user and item indices point into {@code users} and {@code items}
     */
    public RatedItems(EmbeddingModel model, RatingLog log, IdIndex users, IdIndex items) {
        this.model = model;
        this.log = log;
        userMap = new int[users.size()];
        for (int u = 0; u < userMap.length; u++) {
            userMap[u] = model.users().indexOf(users.id(u));
        }
        itemMap = new int[items.size()];
        for (int i = 0; i < itemMap.length; i++) {
            itemMap[i] = model.items().indexOf(items.id(i));
        }
    }

    /** Row u holds the sorted model item indices model user u rated, or null when none. */
    public int[][] byUser() {
        int[] counts = new int[model.numUsers()];
        for (int k = 0; k < log.size(); k++) {
            int u = userMap[log.user(k)];
            if (u >= 0 && itemMap[log.item(k)] >= 0) {
                counts[u]++;
            }
        }
        int[][] rows = new int[model.numUsers()][];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = counts[u] == 0 ? null : new int[counts[u]];
        }
        Arrays.fill(counts, 0);
        for (int k = 0; k < log.size(); k++) {
            int u = userMap[log.user(k)];
            int i = itemMap[log.item(k)];
            if (u >= 0 && i >= 0) {
                rows[u][counts[u]++] = i;
            }
        }
        for (int[] row : rows) {
            if (row != null) {
                Arrays.sort(row);
            }
        }
        return rows;
    }

    /** The sorted model item indices one model user rated; empty when none. */
    public int[] ofUser(int modelUser) {
        int[] rated = new int[16];
        int n = 0;
        for (int k = 0; k < log.size(); k++) {
            int i = itemMap[log.item(k)];
            if (userMap[log.user(k)] == modelUser && i >= 0) {
                if (n == rated.length) {
                    rated = Arrays.copyOf(rated, n * 2);
                }
                rated[n++] = i;
            }
        }
        int[] out = Arrays.copyOf(rated, n);
        Arrays.sort(out);
        return out;
    }
}
