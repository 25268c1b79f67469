package org.tripletrec.app.serve;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of {@code POST /v1/items/audience}: {@code {"liked_by": [user ids], "disliked_by": [user ids],
 * "features": [item feature names], "k": 10}}; at least one of the three lists must hold something.
 */
record AudienceRequest(List<String> likedBy, List<String> dislikedBy, List<String> features, int k) {
    /** Most users a list may hold: the item's fit grows with them. */
    static final int MAX_IDS = 1000;
    private static final List<String> FIELDS = List.of("liked_by", "disliked_by", "features", "k");

    static AudienceRequest parse(ObjectMapper mapper, byte[] bytes) {
        JsonBody body = JsonBody.parse(mapper, bytes, "{\"features\": [\"genre:Comedy\"], \"liked_by\": [\"1\"], \"k\": 10}",
                FIELDS);
        List<String> likedBy = body.ids("liked_by", "user ids", MAX_IDS);
        List<String> dislikedBy = body.ids("disliked_by", "user ids", MAX_IDS);
        List<String> features = body.strings("features", "item feature names");
        if (likedBy.isEmpty() && dislikedBy.isEmpty() && features.isEmpty()) {
            throw ApiException.badRequest("liked_by, disliked_by and features are all empty: give at least one");
        }
        for (String id : likedBy) {
            if (dislikedBy.contains(id)) {
                throw ApiException.badRequest("user '" + Params.shorten(id) + "' is both in liked_by and disliked_by");
            }
        }
        return new AudienceRequest(likedBy, dislikedBy, features, body.k());
    }
}
