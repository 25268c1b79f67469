package org.tripletrec.app.serve;

import java.util.Arrays;

import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/** Each model user's rated items, in the model's own numbering, from training ratings kept by raw id. */
final class RatedItems {
    private RatedItems() {}

    /**
     * Row u holds the sorted model item indices user u rated, or null when none; ids the model lacks are dropped
     * (the data and the model may come from different runs).
     */
    static int[][] byUser(EmbeddingModel model, ServingData data) {
        RatingLog log = data.train();
        int[] userMap = new int[data.users().size()];
        for (int u = 0; u < userMap.length; u++) {
            userMap[u] = model.users().indexOf(data.users().id(u));
        }
        int[] itemMap = new int[data.items().size()];
        for (int i = 0; i < itemMap.length; i++) {
            itemMap[i] = model.items().indexOf(data.items().id(i));
        }
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
}
