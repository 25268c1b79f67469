package org.tripletrec.app.serve;

import java.util.ArrayList;
import java.util.List;

import io.javalin.http.Context;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.RequestFilter;
import org.tripletrec.recommend.UnknownIdsException;

/**
 * The request filters, as query parameters of {@code GET /v1/users/{id}/recommendations} and as fields of a JSON
 * body: {@code exclude} and {@code candidates} (item ids; comma-separated in a query), {@code feature} (item
 * feature names; repeat the parameter for more) and {@code feature_match} ({@code any} or {@code all}).
 */
final class FilterParams {
    static final List<String> FIELDS = List.of("exclude", "candidates", "feature", "feature_match");
    /** Most ids an exclude or candidate list may hold in a body. */
    static final int MAX_IDS = 10_000;

    private FilterParams() {}

    static RequestFilter fromQuery(Context ctx) {
        List<String> candidates = ctx.queryParams("candidates");
        return filter(commaSeparated(ctx.queryParams("exclude")),
                candidates.isEmpty() ? null : commaSeparated(candidates),
                ctx.queryParams("feature"), ctx.queryParam("feature_match"));
    }

    static RequestFilter fromJson(JsonBody body) {
        return filter(body.ids("exclude", "item ids", MAX_IDS),
                body.has("candidates") ? body.ids("candidates", "item ids", MAX_IDS) : null,
                body.strings("feature", "item feature names"), body.string("feature_match"));
    }

    /** The filter over the snapshot's model; an unknown feature is a 400 that lists it. */
    static ItemFilter resolve(RequestFilter filter, Snapshot s) {
        try {
            return filter.resolve(s.model);
        } catch (UnknownIdsException e) {
            throw Api.unknown(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static RequestFilter filter(List<String> exclude, List<String> candidates, List<String> features,
                                        String match) {
        if (match != null && features.isEmpty()) {
            throw ApiException.badRequest("feature_match goes with feature: name the features to match");
        }
        RequestFilter.Match m;
        try {
            m = match == null ? RequestFilter.Match.ANY : RequestFilter.Match.parse(match);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("feature_match must be any or all, got '" + Params.shorten(match) + "'");
        }
        return RequestFilter.none().withExclude(exclude).withCandidates(candidates).withFeatures(features, m);
    }

    private static List<String> commaSeparated(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String id : v.split(",", -1)) {
                out.add(id);
            }
        }
        return out;
    }
}
