package org.tripletrec.train;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.FeatureMatrix;

/**
 * A data set ready for hybrid training: its catalogue grown by the ids that only the feature files know (an item
 * nobody rated yet is still recommended, from its features), and the feature matrices over that catalogue.
 * {@code userFeatures} / {@code itemFeatures} are null for a side without features.
 *
 * @param featureOnlyUsers users known only from the user feature file (added to the catalogue)
 * @param featureOnlyItems items known only from the item feature file (added to the catalogue)
 */
public record Catalogue(Dataset data, FeatureMatrix userFeatures, FeatureMatrix itemFeatures, int featureOnlyUsers,
                        int featureOnlyItems) {

    /** A catalogue without features: the data set as it is. */
    public static Catalogue of(Dataset data) {
        return new Catalogue(data, null, null, 0, 0);
    }

    /**
     * Grows the data set's catalogue by the feature files' ids and builds the matrices with the config's id and
     * normalisation settings. Empty features leave that side without features.
     */
    public static Catalogue of(Dataset data, SideFeatures users, SideFeatures items, TrainerConfig config) {
        if (users.isEmpty() && items.isEmpty()) {
            requireIds(config, null, null);
            return of(data);
        }
        IdIndex userIds = grow(data.users(), users);
        IdIndex itemIds = grow(data.items(), items);
        Dataset grown = data.withCatalogue(userIds, itemIds);
        FeatureMatrix uf = users.isEmpty() ? null
                : FeatureMatrix.build(userIds, users, config.userIds(), config.featureNormalization(), new IdIndex()).matrix();
        FeatureMatrix itf = items.isEmpty() ? null
                : FeatureMatrix.build(itemIds, items, config.itemIds(), config.featureNormalization(), new IdIndex()).matrix();
        requireIds(config, uf, itf);
        return new Catalogue(grown, uf, itf, userIds.size() - data.users().size(),
                itemIds.size() - data.items().size());
    }

    private static void requireIds(TrainerConfig config, FeatureMatrix uf, FeatureMatrix itf) {
        if (uf == null && !config.userIds()) {
            throw new IllegalArgumentException("users without ids need user features (--user-features)");
        }
        if (itf == null && !config.itemIds()) {
            throw new IllegalArgumentException("items without ids need item features (--item-features)");
        }
    }

    private static IdIndex grow(IdIndex ids, SideFeatures features) {
        IdIndex grown = IdIndex.of(ids.ids());
        for (String id : features.ids()) {
            grown.add(id);
        }
        return grown;
    }

    public boolean hasFeatures() {
        return userFeatures != null || itemFeatures != null;
    }
}
