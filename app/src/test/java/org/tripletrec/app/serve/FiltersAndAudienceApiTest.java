package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tripletrec.app.serve.ServerApiTest.assertError;
import static org.tripletrec.app.serve.ServerApiTest.ids;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tripletrec.app.serve.ServeFixture.Http;

/**
 * Request filters on both recommendation endpoints, the item feature list and {@code POST /v1/items/audience},
 * against a server of the fixture's model trained with item features (genre:Comedy and genre:Drama for the two
 * taste groups, genre:Western for four Dramas, decade:1990s for all) and carrying its rated items, with titles
 * and no ratings. Each filtered list must be the unfiltered list with the filter applied, in the same order.
 */
class FiltersAndAudienceApiTest {
    @TempDir
    static Path dir;
    static ServeFixture fixture;
    static ModelServer server;
    static Http http;
    static Set<String> comedy, drama, western;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServeFixture();
        Path model = fixture.writeModelWithFeatures(dir.resolve("features.trm"), 1);
        server = ServeFixture.start(model, ServingData.titlesOnly(fixture.titles), null);
        http = new Http(server);
        comedy = fixture.itemsWith("genre:Comedy");
        drama = fixture.itemsWith("genre:Drama");
        western = fixture.itemsWith("genre:Western");
        assertThat(western).containsExactlyInAnyOrder("104", "114", "124", "134");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> user(String user, String query) throws Exception {
        HttpResponse r = new HttpResponse(http.get("/v1/users/" + user + "/recommendations?" + query));
        return r.ids();
    }

    /** A 200 answer's item ids. */
    private record HttpResponse(java.net.http.HttpResponse<String> raw) {
        List<String> ids() throws Exception {
            assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
            return ServerApiTest.ids(Http.json(raw));
        }
    }

    /** The first k of {@code all} that {@code keep} allows. */
    private static List<String> expected(List<String> all, Predicate<String> keep, int k) {
        return all.stream().filter(keep).limit(k).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- GET /v1/users/{id}/recommendations

    @Test
    void eachFilterIsTheUnfilteredListWithItApplied() throws Exception {
        List<String> all = user("7", "k=100");
        Set<String> rated = fixture.ratedBy("7");
        assertThat(all).isNotEmpty().doesNotContainAnyElementsOf(rated);

        List<String> excluded = List.of(all.get(0), all.get(2));
        assertThat(user("7", "k=5&exclude=" + all.get(0) + "," + all.get(2) + ",nope"))
                .isEqualTo(expected(all, id -> !excluded.contains(id), 5));
        // repeated parameters add up
        assertThat(user("7", "k=5&exclude=" + all.get(0) + "&exclude=" + all.get(2)))
                .isEqualTo(expected(all, id -> !excluded.contains(id), 5));

        List<String> candidates = List.of(all.get(5), all.get(1), all.get(9));
        assertThat(user("7", "k=10&candidates=" + String.join(",", candidates) + ",nope"))
                .containsExactly(all.get(1), all.get(5), all.get(9));

        assertThat(user("7", "k=10&feature=" + enc("genre:Comedy"))).isEqualTo(expected(all, comedy::contains, 10));
        assertThat(user("7", "k=10&feature=" + enc("genre:Western") + "&feature=" + enc("genre:Comedy")))
                .isEqualTo(expected(all, id -> western.contains(id) || comedy.contains(id), 10));
        assertThat(user("7", "k=10&feature=" + enc("genre:Western") + "&feature=" + enc("genre:Drama")
                + "&feature_match=all")).isEqualTo(expected(all, western::contains, 10));
        assertThat(user("7", "k=10&feature=" + enc("genre:Western") + "&feature=" + enc("genre:Comedy")
                + "&feature_match=ALL")).isEmpty();
    }

    @Test
    void filtersCombineAndAFilterThatRemovesNearlyEverythingLeavesWhatItAllows() throws Exception {
        List<String> all = user("8", "k=100&include_rated=true");
        assertThat(all).hasSize(ServeFixture.ITEMS);
        assertThat(user("8", "k=10&include_rated=true&feature=" + enc("genre:Western") + "&exclude=104,114,124"))
                .containsExactly("134");
        List<String> someCandidates = all.subList(0, 20);
        assertThat(user("8", "k=10&include_rated=true&candidates=" + String.join(",", someCandidates)
                + "&feature=" + enc("genre:Drama") + "&exclude=" + all.get(1)))
                .isEqualTo(expected(someCandidates, id -> drama.contains(id) && !id.equals(all.get(1)), 10));
        // and beside the rated items, which are still left out
        List<String> notRated = user("8", "k=100");
        assertThat(user("8", "k=100&feature=" + enc("genre:Comedy")))
                .isEqualTo(expected(notRated, comedy::contains, 100));
        // an empty candidate list asks for nothing
        assertThat(user("8", "candidates=")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "feature=genre%3ANope|unknown item features: genre:Nope",
            "feature=genre%3ANope&feature=genre%3AComedy&feature=x|unknown item features: genre:Nope, x",
            "feature=genre%3AComedy&feature_match=some|feature_match must be any or all, got 'some'",
            "feature_match=all|feature_match goes with feature"})
    void badFiltersAre400(String query, String message) throws Exception {
        JsonNode error = assertError(http.get("/v1/users/7/recommendations?" + query), 400, message);
        if (message.startsWith("unknown")) {
            assertThat(error.get("unknown")).isNotEmpty();
        }
    }

    // --- POST /v1/recommendations

    @Test
    void foldInTakesTheSameFiltersAsJsonFields() throws Exception {
        String taste = "\"liked\": [\"102\", \"104\"], \"disliked\": [\"101\"]";
        List<String> all = ids(Http.json(http.post("/v1/recommendations", "{" + taste + ", \"k\": 100}")));
        assertThat(all).hasSize(ServeFixture.ITEMS - 3);
        assertThat(ids(Http.json(http.post("/v1/recommendations", "{" + taste + ", \"k\": 5, \"exclude\": [\""
                + all.get(0) + "\", 999]}")))).isEqualTo(all.subList(1, 6));
        assertThat(ids(Http.json(http.post("/v1/recommendations", "{" + taste + ", \"k\": 5, \"candidates\": [\""
                + all.get(3) + "\", \"" + all.get(1) + "\", \"102\"]}")))).containsExactly(all.get(1), all.get(3));
        assertThat(ids(Http.json(http.post("/v1/recommendations", "{" + taste
                + ", \"k\": 10, \"feature\": [\"genre:Drama\", \"genre:Western\"], \"feature_match\": \"all\"}"))))
                .isEqualTo(expected(all, western::contains, 10)).doesNotContain("104");
        assertThat(ids(Http.json(http.post("/v1/recommendations", "{" + taste
                + ", \"k\": 10, \"feature\": [\"genre:Comedy\"], \"candidates\": []}")))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"feature\": \"genre:Comedy\"|feature must be an array of item feature names",
            "\"feature\": [1]|feature must hold item feature names (strings), found 1",
            "\"feature\": [\"genre:Comedy\"], \"feature_match\": 1|feature_match must be a string, got 1",
            "\"feature\": [\"genre:Comedy\"], \"feature_match\": \"most\"|feature_match must be any or all",
            "\"feature_match\": \"all\"|feature_match goes with feature",
            "\"candidates\": \"101\"|candidates must be an array of item ids",
            "\"exclude\": [true]|exclude must hold item ids (strings or integers), found true",
            "\"feature\": [\"genre:Nope\"]|unknown item features: genre:Nope",
            "\"features\": [\"genre:Comedy\"]|unknown field 'features' (expected liked, disliked, k, exclude,"
                    + " candidates, feature, feature_match)"})
    void badFoldInFiltersAre400(String fields, String message) throws Exception {
        assertError(http.post("/v1/recommendations", "{\"liked\": [\"102\"], " + fields + "}"), 400, message);
    }

    // --- GET /v1/features

    @Test
    void featuresListsTheItemVocabularyWithItemCounts() throws Exception {
        JsonNode all = Http.json(http.get("/v1/features"));
        assertThat(all.get("features").toString()).isEqualTo("[{\"name\":\"decade:1990s\",\"items\":40},"
                + "{\"name\":\"genre:Comedy\",\"items\":20},{\"name\":\"genre:Drama\",\"items\":20},"
                + "{\"name\":\"genre:Western\",\"items\":4}]");
        JsonNode genres = Http.json(http.get("/v1/features?prefix=genre:"));
        assertThat(genres.get("features")).extracting(n -> n.get("name").asText())
                .containsExactly("genre:Comedy", "genre:Drama", "genre:Western");
    }

    // --- POST /v1/items/audience

    @Test
    void anItemLikedByOneTasteGroupIsForThatGroup() throws Exception {
        // raw user ids 1, 3, 5 are one taste group (they like the Comedies), 2 the other
        String body = "{\"liked_by\": [\"1\", 3, \"5\"], \"disliked_by\": [\"2\"], \"k\": 8}";
        java.net.http.HttpResponse<String> r = http.post("/v1/items/audience", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = Http.json(r);
        assertThat(json.get("liked_by")).extracting(JsonNode::asText).containsExactly("1", "3", "5");
        JsonNode users = json.get("users");
        assertThat(users).hasSize(8);
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode u : users) {
            int id = Integer.parseInt(u.get("user").asText());
            assertThat(id % 2).as("user %d", id).isEqualTo(1);
            assertThat(id).isNotIn(1, 3, 5);
            assertThat(u.get("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = u.get("score").asDouble();
        }
        JsonNode similar = json.get("similar");
        assertThat(similar).hasSize(8);
        for (JsonNode item : similar) {
            assertThat(comedy).contains(item.get("item").asText());
            assertThat(item.get("title").asText()).isEqualTo(fixture.titles.get(item.get("item").asText()));
        }
        assertThat(http.post("/v1/items/audience", body).body()).isEqualTo(r.body());
    }

    @Test
    void anItemFromItsFeaturesAloneIsNearItsGenre() throws Exception {
        JsonNode json = Http.json(http.post("/v1/items/audience",
                "{\"features\": [\"genre:Drama\", \"genre:Western\"], \"k\": 4}"));
        assertThat(json.get("users")).hasSize(4);
        Set<String> similar = new HashSet<>();
        json.get("similar").forEach(n -> similar.add(n.get("item").asText()));
        assertThat(similar).hasSize(4).isSubsetOf(drama);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|liked_by, disliked_by and features are all empty: give at least one",
            "{\"liked_by\": [], \"features\": []}|all empty",
            "{\"liked_by\": [\"1\", \"nobody\"], \"disliked_by\": [\"ghost\"]}|unknown user ids: nobody, ghost",
            "{\"liked_by\": [\"1\"], \"features\": [\"genre:Nope\"]}|unknown item features: genre:Nope",
            "{\"liked_by\": [\"1\"], \"disliked_by\": [1]}|user '1' is both in liked_by and disliked_by",
            "{\"liked_by\": \"1\"}|liked_by must be an array of user ids",
            "{\"features\": [2]}|features must hold item feature names (strings)",
            "{\"liked_by\": [\"1\"], \"k\": 0}|k must be from 1 to 100",
            "{\"liked\": [\"1\"]}|unknown field 'liked' (expected liked_by, disliked_by, features, k)",
            "[1]|the body must be a JSON object",
            "{\"liked_by\": [|malformed JSON"})
    void badAudienceRequestsAre400(String body, String message) throws Exception {
        JsonNode error = assertError(http.post("/v1/items/audience", body), 400, message);
        if (message.startsWith("unknown user") || message.startsWith("unknown item")) {
            assertThat(error.get("unknown")).isNotEmpty();
        }
    }
}
