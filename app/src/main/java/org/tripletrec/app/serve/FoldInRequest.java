package org.tripletrec.app.serve;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.tripletrec.recommend.RequestFilter;

/**
 * The body of {@code POST /v1/recommendations}: {@code {"liked": [ids], "disliked": [ids], "k": 10}} and the
 * request filters ({@code exclude}, {@code candidates}, {@code feature}, {@code feature_match}, see
 * {@link FilterParams}). Ids may be JSON strings or integers (MovieLens ids are numbers).
 */
record FoldInRequest(List<String> liked, List<String> disliked, int k, RequestFilter filter) {
    /** Most ids a list may hold: fold-in cost grows with them, and no person rates more by hand. */
    static final int MAX_IDS = 1000;
    private static final List<String> FIELDS = List.of("liked", "disliked", "k", "exclude", "candidates", "feature",
            "feature_match");

    static FoldInRequest parse(ObjectMapper mapper, byte[] bytes) {
        JsonBody body = JsonBody.parse(mapper, bytes, "{\"liked\": [\"1\"], \"disliked\": [], \"k\": 10}", FIELDS);
        List<String> liked = body.ids("liked", "item ids", MAX_IDS);
        List<String> disliked = body.ids("disliked", "item ids", MAX_IDS);
        if (liked.isEmpty() && disliked.isEmpty()) {
            throw ApiException.badRequest("liked and disliked are both empty: give at least one item");
        }
        for (String id : liked) {
            if (disliked.contains(id)) {
                throw ApiException.badRequest("item '" + Params.shorten(id) + "' is both liked and disliked");
            }
        }
        return new FoldInRequest(liked, disliked, body.k(), FilterParams.fromJson(body));
    }
}
