package org.tripletrec.app.serve;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.tripletrec.recommend.ItemIndex;

/** The JSON bodies the API answers with; field names are the documented ones (openapi.yaml). */
final class Views {
    private Views() {}

    /** A recommended or similar item; {@code because} only in fold-in answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String item, @JsonInclude(JsonInclude.Include.ALWAYS) String title, float score,
                List<Reason> because) {}

    /** A liked item close (cosine) to a recommendation: why it was recommended. */
    record Reason(String item, String title, float similarity) {}

    record UserRecommendations(String user, @JsonProperty("include_rated") boolean includeRated,
                               @JsonProperty("model_version") long modelVersion, List<Item> items) {}

    record FoldInRecommendations(List<String> liked, List<String> disliked,
                                 @JsonProperty("model_version") long modelVersion, List<Item> items) {}

    record Similar(String item, String title, @JsonProperty("model_version") long modelVersion, List<Item> items) {}

    /** A user a new item is for, and that user's score for it. */
    record AudienceUser(String user, float score) {}

    record Audience(@JsonProperty("liked_by") List<String> likedBy, @JsonProperty("disliked_by") List<String> dislikedBy,
                    List<String> features, @JsonProperty("model_version") long modelVersion, List<AudienceUser> users,
                    List<Item> similar) {}

    /** An item feature and the number of items that have it. */
    record Feature(String name, int items) {}

    record Features(@JsonProperty("model_version") long modelVersion, List<Feature> features) {}

    record Match(String item, String title) {}

    record Search(String query, List<Match> items) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Error(String error, int status, List<String> unknown) {}

    record ModelStatus(long version, String file, String sha256, @JsonProperty("loaded_at") String loadedAt,
                       @JsonProperty("load_seconds") double loadSeconds, @JsonProperty("trained_at") String trainedAt,
                       int users, int items, int dim, String loss, @JsonProperty("excludes_rated") boolean excludesRated,
                       @JsonProperty("rated_from") String ratedFrom, IndexStatus index) {

        static ModelStatus of(Snapshot s) {
            Snapshot.Meta m = s.meta;
            return new ModelStatus(m.version(), String.valueOf(m.file()), m.sha256(), m.loadedAt().toString(),
                    m.loadSeconds(), s.model.info().trainedAt().toString(), s.model.numUsers(), s.model.numItems(),
                    s.model.dim(), s.model.info().config().loss().label(), s.knowsRatings(),
                    s.ratedFrom().label(), IndexStatus.of(s.recommender.index().describe()));
        }
    }

    /** How the serving model is searched, and what its index costs. */
    record IndexStatus(String kind, String settings, long bytes, @JsonProperty("build_seconds") double buildSeconds,
                       @JsonProperty("from_file") boolean fromFile, @JsonProperty("exact_fallbacks") long exactFallbacks) {

        static IndexStatus of(ItemIndex.Description d) {
            return new IndexStatus(d.kind(), d.settings(), d.bytes(), d.buildSeconds(), d.loadedFromFile(),
                    d.exactFallbacks());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LastReload(String at, boolean ok, String error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, ModelStatus model, @JsonProperty("last_reload") LastReload lastReload) {}

    record Reloaded(String status, ModelStatus model) {}
}
