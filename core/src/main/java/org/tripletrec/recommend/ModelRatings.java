package org.tripletrec.recommend;

import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/**
 * A data set's ratings as the items each user of a model rated, in the model's own numbering, so that they can
 * be left out of its recommendations. Matched by raw id, because the data and the model may come from different
 * runs: users and items the model lacks are dropped, and a repeated pair keeps its latest rating.
 */
public final class ModelRatings {
    private ModelRatings() {}

    /** @param log ratings whose user and item indices point into {@code users} and {@code items} */
    public static RatedItems of(EmbeddingModel model, RatingLog log, IdIndex users, IdIndex items) {
        int[] userMap = map(users, model.users());
        int[] itemMap = map(items, model.items());
        RatingLog.Builder b = new RatingLog.Builder();
        for (int k = 0; k < log.size(); k++) {
            int u = userMap[log.user(k)];
            int i = itemMap[log.item(k)];
            if (u >= 0 && i >= 0) {
                b.add(u, i, log.rating(k), log.time(k));
            }
        }
        return RatedItems.empty(model.numUsers()).with(b.build(), model.numUsers());
    }

    /**
     * The model's own rated items (when it carries them) with a data set's ratings added, a pair in both taking
     * the data's rating: what to leave out when the user names data beside a model that knows its ratings (the
     * data may hold ratings newer than the model). The data's alone for a model without rated items.
     */
    public static RatedItems modelAndData(EmbeddingModel model, RatingLog log, IdIndex users, IdIndex items) {
        RatedItems fromData = of(model, log, users, items);
        return model.rated() == null ? fromData : model.rated().with(fromData.toLog(), model.numUsers());
    }

    private static int[] map(IdIndex from, IdIndex to) {
        int[] out = new int[from.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = to.indexOf(from.id(j));
        }
        return out;
    }
}
