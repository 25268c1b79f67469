package org.tripletrec.app.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.recommend.Audience;
import org.tripletrec.recommend.FoldInQuery;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.RequestFilter;
import org.tripletrec.recommend.Scored;
import org.tripletrec.recommend.UnknownIdsException;

/** The handlers of the HTTP API. Each takes the current snapshot once and answers from it alone. */
final class Api {
    /** Largest request body accepted (1 MiB); above it the answer is 413. */
    static final int MAX_BODY = 1 << 20;
    static final int MAX_QUERY = 200;
    private static final int REASONS = 3;

    private final ModelHolder holder;
    private final ObjectMapper mapper;

    Api(ModelHolder holder, ObjectMapper mapper) {
        this.holder = holder;
        this.mapper = mapper;
    }

    void userRecommendations(Context ctx) throws IOException {
        Snapshot s = holder.current();
        String id = ctx.pathParam("id");
        int k = Params.count("k", ctx.queryParam("k"), Params.DEFAULT_K, Params.MAX_K);
        boolean includeRated = Params.flag("include_rated", ctx.queryParam("include_rated"));
        RequestFilter requested = FilterParams.fromQuery(ctx);
        int u = s.model.users().indexOf(id);
        if (u < 0) {
            throw ApiException.notFound("no user '" + Params.shorten(id) + "' in the model");
        }
        ItemFilter filter = FilterParams.resolve(requested, s);
        List<Views.Item> items = new ArrayList<>(k);
        for (Scored sc : s.recommend(u, k, includeRated, filter)) {
            items.add(new Views.Item(s.itemId(sc.item()), s.title(sc.item()), sc.score(), null));
        }
        json(ctx, new Views.UserRecommendations(id, includeRated, s.meta.version(), items));
    }

    void similar(Context ctx) throws IOException {
        Snapshot s = holder.current();
        String id = ctx.pathParam("id");
        int k = Params.count("k", ctx.queryParam("k"), Params.DEFAULT_K, Params.MAX_K);
        int item = s.model.items().indexOf(id);
        if (item < 0) {
            throw ApiException.notFound("no item '" + Params.shorten(id) + "' in the model");
        }
        List<Views.Item> items = new ArrayList<>(k);
        for (Scored sc : s.recommender.similarItems(item, k)) {
            items.add(new Views.Item(s.itemId(sc.item()), s.title(sc.item()), sc.score(), null));
        }
        json(ctx, new Views.Similar(id, s.title(item), s.meta.version(), items));
    }

    void foldIn(Context ctx) throws IOException {
        FoldInRequest req = FoldInRequest.parse(mapper, body(ctx));
        Snapshot s = holder.current();
        FoldInQuery query;
        try {
            query = FoldInQuery.resolve(s.model.items(), req.liked(), req.disliked());
        } catch (UnknownIdsException e) {
            throw unknown(e);
        }
        ItemFilter filter = FilterParams.resolve(req.filter(), s);
        List<Views.Item> items = new ArrayList<>(req.k());
        for (Scored sc : query.recommend(s.foldIn, s.recommender, req.k(), filter)) {
            items.add(new Views.Item(s.itemId(sc.item()), s.title(sc.item()), sc.score(),
                    reasons(s, sc.item(), query.liked())));
        }
        json(ctx, new Views.FoldInRecommendations(req.liked(), req.disliked(), s.meta.version(), items));
    }

    /**
     * {@code POST /v1/items/audience}: the users a new item is for and the items most like it, from who liked and
     * disliked it and its features. Stateless: the model is not changed.
     */
    void audience(Context ctx) throws IOException {
        AudienceRequest req = AudienceRequest.parse(mapper, body(ctx));
        Snapshot s = holder.current();
        Audience.Query query;
        try {
            query = Audience.Query.resolve(s.model, req.likedBy(), req.dislikedBy(), req.features());
        } catch (UnknownIdsException e) {
            throw unknown(e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Audience.Result result = s.audience().find(query, req.k());
        List<Views.AudienceUser> users = new ArrayList<>(result.users().size());
        for (Scored sc : result.users()) {
            users.add(new Views.AudienceUser(s.model.users().id(sc.item()), sc.score()));
        }
        List<Views.Item> similar = new ArrayList<>(result.similar().size());
        for (Scored sc : result.similar()) {
            similar.add(new Views.Item(s.itemId(sc.item()), s.title(sc.item()), sc.score(), null));
        }
        json(ctx, new Views.Audience(req.likedBy(), req.dislikedBy(), req.features(), s.meta.version(), users, similar));
    }

    /** {@code GET /v1/features}: the model's item features and how many items have each, by name. */
    void features(Context ctx) throws IOException {
        Snapshot s = holder.current();
        String prefix = ctx.queryParam("prefix");
        List<Views.Feature> out = new ArrayList<>();
        FeatureMatrix items = s.model.features() == null ? null : s.model.features().items();
        if (items != null) {
            for (int f = 0; f < items.numFeatures(); f++) {
                String name = items.features().id(f);
                if (prefix == null || name.startsWith(prefix)) {
                    out.add(new Views.Feature(name, items.rowsWith(f)));
                }
            }
        }
        out.sort(Comparator.comparing(Views.Feature::name));
        json(ctx, new Views.Features(s.meta.version(), out));
    }

    /** Ids the model does not know, as a 400 that lists them (the first 20; the message says how many more). */
    static ApiException unknown(UnknownIdsException e) {
        List<String> unknown = e.ids();
        List<String> shown = unknown.stream().map(Params::shorten).limit(20).toList();
        return new ApiException(400, "unknown " + e.kind() + ": " + String.join(", ", shown)
                + (unknown.size() > shown.size() ? " and " + (unknown.size() - shown.size()) + " more" : ""), shown);
    }

    /** The liked items closest to a recommendation (cosine of item vectors): why it is on the list. */
    private static List<Views.Reason> reasons(Snapshot s, int item, int[] liked) {
        List<Views.Reason> out = new ArrayList<>(liked.length);
        for (int p : liked) {
            float sim = s.cosine(item, p);
            if (sim > 0f) {
                out.add(new Views.Reason(s.itemId(p), s.title(p), sim));
            }
        }
        out.sort(Comparator.comparingDouble(Views.Reason::similarity).reversed());
        return out.size() > REASONS ? new ArrayList<>(out.subList(0, REASONS)) : out;
    }

    void search(Context ctx) throws IOException {
        Snapshot s = holder.current();
        String query = ctx.queryParam("query");
        if (query == null || query.isBlank()) {
            throw ApiException.badRequest("query is required: a part of a title, e.g. ?query=toy");
        }
        if (query.length() > MAX_QUERY) {
            throw ApiException.badRequest("query is longer than " + MAX_QUERY + " characters");
        }
        int limit = Params.count("limit", ctx.queryParam("limit"), 20, Params.MAX_K);
        List<Views.Match> items = new ArrayList<>();
        for (int i : s.search.find(query, limit)) {
            items.add(new Views.Match(s.itemId(i), s.title(i)));
        }
        json(ctx, new Views.Search(query, items));
    }

    void health(Context ctx) throws IOException {
        Snapshot s = holder.current();
        ModelHolder.LastReload last = holder.lastReload();
        Views.LastReload lastView = last == null ? null : new Views.LastReload(last.at().toString(), last.ok(), last.error());
        json(ctx, new Views.Health("ok", Views.ModelStatus.of(s), lastView));
    }

    /** Loopback only: anyone who can reach the port must not be able to make the server re-read files. */
    void reload(Context ctx) throws IOException {
        if (!fromLoopback(ctx)) {
            throw new ApiException(403, "reload is allowed from this machine (loopback) only");
        }
        try {
            Snapshot next = holder.reload();
            json(ctx, new Views.Reloaded("reloaded", Views.ModelStatus.of(next)));
        } catch (ModelHolder.ReloadException e) {
            throw new ApiException(422, "reload refused, still serving version " + holder.current().meta.version()
                    + ": " + e.getMessage());
        }
    }

    private static boolean fromLoopback(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The request body, refused with 413 past {@link #MAX_BODY} whether or not a Content-Length says so. */
    static byte[] body(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the request body is larger than 1 MiB");
    }

    void json(Context ctx, Object value) throws IOException {
        ctx.contentType("application/json").result(mapper.writeValueAsBytes(value));
    }
}
