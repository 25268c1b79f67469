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
 * A JSON request body read strictly: an object of known fields, each of the documented type. Every way it can be
 * wrong is a 400 naming the problem; unknown fields are refused too, so that a typo ("likes") is not silently a
 * request without it.
 */
final class JsonBody {
    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * @param example a valid body, for the message when this one is not an object
     * @param fields  the fields the body may have
     */
    static JsonBody parse(ObjectMapper mapper, byte[] body, String example, List<String> fields) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object like " + example);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field '" + Params.shorten(name) + "' (expected "
                        + String.join(", ", fields) + ")");
            }
        }
        return new JsonBody(root);
    }

    /** True when the field is there and not null. */
    boolean has(String field) {
        JsonNode node = root.get(field);
        return node != null && !node.isNull();
    }

    /**
     * The ids of one list (JSON strings or integers: MovieLens ids are numbers), blanks stripped, repeats dropped,
     * order kept; absent or null means empty.
     *
     * @param what what the ids are, for messages ("item ids")
     * @param max  most ids the list may hold
     */
    List<String> ids(String field, String what, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be an array of " + what);
        }
        if (node.size() > max) {
            throw ApiException.badRequest(field + " holds " + node.size() + " ids, at most " + max + " are allowed");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode e : node) {
            if (e.isTextual()) {
                ids.add(e.textValue().strip());
            } else if (e.isIntegralNumber()) {
                ids.add(e.bigIntegerValue().toString());
            } else {
                throw ApiException.badRequest(field + " must hold " + what + " (strings or integers), found "
                        + Params.shorten(e.toString()));
            }
        }
        return new ArrayList<>(ids);
    }

    /** An array of strings (feature names), repeats dropped; absent or null means empty. */
    List<String> strings(String field, String what) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be an array of " + what);
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) {
                throw ApiException.badRequest(field + " must hold " + what + " (strings), found "
                        + Params.shorten(e.toString()));
            }
            out.add(e.textValue().strip());
        }
        return new ArrayList<>(out);
    }

    /** A string field, or null when absent. */
    String string(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, got " + Params.shorten(node.toString()));
        }
        return node.textValue();
    }

    /** The {@code k} field, an integer from 1 to {@link Params#MAX_K}; {@link Params#DEFAULT_K} when absent. */
    int k() {
        JsonNode kNode = root.get("k");
        if (kNode == null || kNode.isNull()) {
            return Params.DEFAULT_K;
        }
        if (!kNode.isIntegralNumber() || !kNode.canConvertToLong()) {
            throw ApiException.badRequest("k must be an integer from 1 to " + Params.MAX_K + ", got "
                    + Params.shorten(kNode.toString()));
        }
        return Params.inRange("k", kNode.longValue(), Params.MAX_K);
    }
}
