package org.tripletrec.app.serve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of {@code POST /v1/recommendations}: {@code {"liked": [ids], "disliked": [ids], "k": 10}}. Ids may be
 * JSON strings or integers (MovieLens ids are numbers). Every way the body can be wrong is a 400 naming the
 * problem; unknown fields are refused too, so that a typo ("likes") is not silently a request with no likes.
 */
record FoldInRequest(List<String> liked, List<String> disliked, int k) {
    /** Most ids a list may hold: fold-in cost grows with them, and no person rates more by hand. */
    static final int MAX_IDS = 1000;

    static FoldInRequest parse(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object like {\"liked\": [\"1\"], \"disliked\": [], \"k\": 10}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("liked") && !name.equals("disliked") && !name.equals("k")) {
                throw ApiException.badRequest("unknown field '" + Params.shorten(name) + "' (expected liked, disliked, k)");
            }
        }
        List<String> liked = ids(root, "liked");
        List<String> disliked = ids(root, "disliked");
        if (liked.isEmpty() && disliked.isEmpty()) {
            throw ApiException.badRequest("liked and disliked are both empty: give at least one item");
        }
        for (String id : liked) {
            if (disliked.contains(id)) {
                throw ApiException.badRequest("item '" + Params.shorten(id) + "' is both liked and disliked");
            }
        }
        int k = Params.DEFAULT_K;
        JsonNode kNode = root.get("k");
        if (kNode != null && !kNode.isNull()) {
            if (!kNode.isIntegralNumber() || !kNode.canConvertToLong()) {
                throw ApiException.badRequest("k must be an integer from 1 to " + Params.MAX_K + ", got " + Params.shorten(kNode.toString()));
            }
            k = Params.inRange("k", kNode.longValue(), Params.MAX_K);
        }
        return new FoldInRequest(liked, disliked, k);
    }

    /** The ids of one list, repeats dropped, order kept; absent or null means empty. */
    private static List<String> ids(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be an array of item ids");
        }
        if (node.size() > MAX_IDS) {
            throw ApiException.badRequest(field + " holds " + node.size() + " ids, at most " + MAX_IDS + " are allowed");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode e : node) {
            if (e.isTextual()) {
                ids.add(e.textValue().strip());
            } else if (e.isIntegralNumber()) {
                ids.add(e.bigIntegerValue().toString());
            } else {
                throw ApiException.badRequest(field + " must hold item ids (strings or integers), found "
                        + Params.shorten(e.toString()));
            }
        }
        return new ArrayList<>(ids);
    }
}
