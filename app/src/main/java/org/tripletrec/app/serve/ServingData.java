package org.tripletrec.app.serve;

import java.util.Map;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatingLog;

/**
 * What the server knows besides the model, given when it starts: the training ratings (so that a user's rated items can be left out
 * of its recommendations) and item titles. Kept by raw id, because a reloaded model may number its users and
 * items differently; {@link Snapshot} maps them onto each model it serves.
 *
 * @param train  training ratings, indices into {@code users} and {@code items}; null when none were given
 * @param titles raw item id to title; may be empty
 */
public record ServingData(RatingLog train, IdIndex users, IdIndex items, Map<String, String> titles) {

    public ServingData {
        titles = Map.copyOf(titles);
    }

    public static ServingData none() {
        return new ServingData(null, null, null, Map.of());
    }

    public static ServingData titlesOnly(Map<String, String> titles) {
        return new ServingData(null, null, null, titles);
    }

    public static ServingData of(Dataset dataset, Map<String, String> titles) {
        return new ServingData(dataset.train(), dataset.users(), dataset.items(), titles);
    }

    public boolean hasRatings() {
        return train != null;
    }
}
