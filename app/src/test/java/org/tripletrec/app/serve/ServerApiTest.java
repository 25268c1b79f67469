package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tripletrec.app.serve.ServeFixture.Http;

/** Every endpoint and every documented error, against a real server on an ephemeral loopback port. */
class ServerApiTest {
    @TempDir
    static Path dir;
    static ServeFixture fixture;
    static ModelServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServeFixture();
        Path model = fixture.writeModel(dir.resolve("model.trm"), 1);
        server = ServeFixture.start(model, fixture.data(), null);
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // --- GET /v1/users/{id}/recommendations

    @Test
    void recommendsTopKForAKnownUserLeavingOutWhatItRated() throws Exception {
        HttpResponse<String> r = http.get("/v1/users/3/recommendations?k=5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = Http.json(r);
        assertThat(body.get("user").asText()).isEqualTo("3");
        assertThat(body.get("model_version").asLong()).isEqualTo(1);
        JsonNode items = body.get("items");
        assertThat(items).hasSize(5);
        Set<String> rated = fixture.ratedBy("3");
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode item : items) {
            assertThat(rated).doesNotContain(item.get("item").asText());
            assertThat(item.get("title").asText()).isEqualTo(fixture.titles.get(item.get("item").asText()));
            assertThat(item.get("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = item.get("score").asDouble();
        }
    }

    @Test
    void includeRatedLetsRatedItemsBack() throws Exception {
        JsonNode body = Http.json(http.get("/v1/users/3/recommendations?k=40&include_rated=true"));
        assertThat(body.get("include_rated").asBoolean()).isTrue();
        assertThat(body.get("items")).hasSize(ServeFixture.ITEMS);
        JsonNode defaultK = Http.json(http.get("/v1/users/3/recommendations"));
        assertThat(defaultK.get("items")).hasSize(10);
    }

    @Test
    void unknownUserIs404WithAJsonError() throws Exception {
        HttpResponse<String> r = http.get("/v1/users/nobody/recommendations");
        assertError(r, 404, "nobody");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "k=abc|k must be an integer from 1 to 100, got 'abc'",
            "k=0|k must be from 1 to 100, got 0",
            "k=-3|k must be from 1 to 100, got -3",
            "k=101|k must be from 1 to 100, got 101",
            "k=1.5|k must be an integer from 1 to 100, got '1.5'",
            "k=|k must be an integer from 1 to 100, got ''",
            "k=99999999999|k must be an integer from 1 to 100, got '99999999999'",
            "include_rated=maybe|include_rated must be true or false, got 'maybe'"})
    void badParametersAre400(String query, String message) throws Exception {
        assertError(http.get("/v1/users/3/recommendations?" + query), 400, message);
        if (query.startsWith("k=")) {
            assertError(http.get("/v1/items/101/similar?" + query), 400, message);
        }
    }

    @Test
    void kAtTheDocumentedMaximumIsAccepted() throws Exception {
        assertThat(http.get("/v1/users/3/recommendations?k=" + Params.MAX_K).statusCode()).isEqualTo(200);
    }

    // --- GET /v1/items/{id}/similar

    @Test
    void similarItemsAreCosineNeighboursWithoutTheItemItself() throws Exception {
        HttpResponse<String> r = http.get("/v1/items/101/similar?k=4");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(r);
        assertThat(body.get("item").asText()).isEqualTo("101");
        assertThat(body.get("title").asText()).isEqualTo(fixture.titles.get("101"));
        assertThat(body.get("items")).hasSize(4);
        for (JsonNode item : body.get("items")) {
            assertThat(item.get("item").asText()).isNotEqualTo("101");
            assertThat(item.get("score").asDouble()).isBetween(-1.0001, 1.0001);
        }
    }

    @Test
    void unknownItemIs404() throws Exception {
        assertError(http.get("/v1/items/999/similar"), 404, "999");
    }

    // --- POST /v1/recommendations (fold-in)

    @Test
    void foldInNeverReturnsALikedOrDislikedItemAndExplainsItself() throws Exception {
        String body = "{\"liked\": [\"102\", \"104\", 106], \"disliked\": [\"101\"], \"k\": 8}";
        HttpResponse<String> r = http.post("/v1/recommendations", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode json = Http.json(r);
        assertThat(json.get("liked")).extracting(JsonNode::asText).containsExactly("102", "104", "106");
        List<String> ids = ids(json);
        assertThat(ids).hasSize(8).doesNotContain("101", "102", "104", "106");
        boolean explained = false;
        for (JsonNode item : json.get("items")) {
            for (JsonNode reason : item.get("because")) {
                assertThat(reason.get("item").asText()).isIn("102", "104", "106");
                explained = true;
            }
        }
        assertThat(explained).isTrue();
        // users of the even group like even items: the fold-in should find the rest of that group
        assertThat(ids.stream().filter(id -> Integer.parseInt(id) % 2 == 0).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void foldInIsDeterministic() throws Exception {
        String body = "{\"liked\": [\"103\", \"105\"], \"disliked\": [\"110\"], \"k\": 10}";
        String first = http.post("/v1/recommendations", body).body();
        String reordered = http.post("/v1/recommendations", "{\"disliked\": [\"110\"], \"liked\": [\"103\", \"105\"], \"k\": 10}").body();
        assertThat(http.post("/v1/recommendations", body).body()).isEqualTo(first);
        assertThat(ids(ServeFixture.JSON.readTree(reordered))).isEqualTo(ids(ServeFixture.JSON.readTree(first)));
    }

    @Test
    void foldInWithOnlyDislikesWorks() throws Exception {
        JsonNode json = Http.json(http.post("/v1/recommendations", "{\"disliked\": [\"101\"]}"));
        assertThat(ids(json)).hasSize(10).doesNotContain("101");
    }

    @Test
    void foldInListsTheUnknownIds() throws Exception {
        HttpResponse<String> r = http.post("/v1/recommendations", "{\"liked\": [\"101\", \"nope\"], \"disliked\": [777]}");
        JsonNode json = assertError(r, 400, "nope");
        assertThat(json.get("error").asText()).contains("777");
        assertThat(json.get("unknown")).extracting(JsonNode::asText).containsExactly("nope", "777");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"liked\": [\"101\"|malformed JSON",
            "not json at all|malformed JSON",
            "|body must be a JSON object",
            "[1, 2]|body must be a JSON object",
            "{}|both empty",
            "{\"liked\": [], \"disliked\": []}|both empty",
            "{\"liked\": [\"101\"], \"disliked\": [\"101\"]}|both liked and disliked",
            "{\"liked\": \"101\"}|must be an array",
            "{\"liked\": [1.5]}|item ids",
            "{\"liked\": [{\"id\": 1}]}|item ids",
            "{\"likes\": [\"101\"]}|unknown field",
            "{\"liked\": [\"101\"], \"k\": \"ten\"}|k must be an integer",
            "{\"liked\": [\"101\"], \"k\": 2.5}|k must be an integer",
            "{\"liked\": [\"101\"], \"k\": 0}|k must be from 1",
            "{\"liked\": [\"101\"], \"k\": 101}|k must be from 1",
    })
    void badFoldInBodiesAre400(String body, String message) throws Exception {
        assertError(http.post("/v1/recommendations", body == null ? "" : body), 400, message);
    }

    @Test
    void tooManyIdsAre400() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int j = 0; j <= FoldInRequest.MAX_IDS; j++) {
            ids.add("\"x" + j + "\"");
        }
        assertError(http.post("/v1/recommendations", "{\"liked\": [" + String.join(",", ids) + "]}"), 400, "at most");
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        String big = "{\"liked\": [\"101\"], \"pad\": \"" + "x".repeat(Api.MAX_BODY) + "\"}";
        assertError(http.post("/v1/recommendations", big), 413, "1 MiB");
        // the same without a Content-Length (chunked): still refused, not read whole
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(http.base() + "/v1/recommendations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())));
        assertError(http.send(chunked), 413, "1 MiB");
    }

    // --- features on a model without any

    @Test
    void aModelWithoutItemFeaturesRefusesFeatureFiltersButTakesTheOthers() throws Exception {
        assertError(http.get("/v1/users/3/recommendations?feature=genre%3AComedy"), 400,
                "the model has no item features, so it cannot filter by genre:Comedy");
        assertError(http.post("/v1/recommendations", "{\"liked\": [\"101\"], \"feature\": [\"genre:Comedy\"]}"), 400,
                "the model has no item features");
        assertError(http.post("/v1/items/audience", "{\"liked_by\": [\"1\"], \"features\": [\"genre:Comedy\"]}"), 400,
                "the model has no item features, so it cannot place an item by genre:Comedy");
        assertThat(Http.json(http.get("/v1/features")).get("features")).isEmpty();
        List<String> all = ids(Http.json(http.get("/v1/users/3/recommendations?k=3")));
        assertThat(ids(Http.json(http.get("/v1/users/3/recommendations?k=2&exclude=" + all.get(0)))))
                .isEqualTo(all.subList(1, 3));
        JsonNode audience = Http.json(http.post("/v1/items/audience", "{\"liked_by\": [\"1\", \"3\"], \"k\": 3}"));
        assertThat(audience.get("users")).hasSize(3);
        assertThat(audience.get("similar")).hasSize(3);
    }

    // --- GET /v1/items

    @Test
    void searchFindsTitlesByWordIgnoringCase() throws Exception {
        HttpResponse<String> r = http.get("/v1/items?query=toy&limit=50");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode items = Http.json(r).get("items");
        assertThat(items).isNotEmpty();
        for (JsonNode item : items) {
            assertThat(item.get("title").asText().toLowerCase()).contains("toy");
        }
        assertThat(items.get(0).get("title").asText()).startsWith("Toy");
        assertThat(Http.json(http.get("/v1/items?query=toy&limit=2")).get("items")).hasSize(2);
        assertThat(Http.json(http.get("/v1/items?query=zzzz")).get("items")).isEmpty();
        assertThat(Http.json(http.get("/v1/items?query=105")).get("items").get(0).get("item").asText()).isEqualTo("105");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|query is required: a part of a title, e.g. ?query=toy",
            "?query=|query is required",
            "?query=%20|query is required",
            "?query=toy&limit=0|limit must be from 1 to 100, got 0",
            "?query=toy&limit=x|limit must be an integer from 1 to 100, got 'x'",
            "?query=toy&limit=1000|limit must be from 1 to 100, got 1000"})
    void badSearchesAre400(String query, String message) throws Exception {
        assertError(http.get("/v1/items" + (query == null ? "" : query)), 400, message);
    }

    @Test
    void aQueryLongerThanTheLimitIs400() throws Exception {
        assertError(http.get("/v1/items?query=" + "a".repeat(Api.MAX_QUERY + 1)), 400,
                "query is longer than " + Api.MAX_QUERY + " characters");
    }

    // --- health, metrics, openapi, page

    @Test
    void healthNamesTheServingModel() throws Exception {
        JsonNode body = Http.json(http.get("/health"));
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("model").get("version").asLong()).isEqualTo(1);
        assertThat(body.get("model").get("items").asInt()).isEqualTo(ServeFixture.ITEMS);
        assertThat(body.get("model").get("sha256").asText()).hasSize(64);
        assertThat(body.get("model").get("excludes_rated").asBoolean()).isTrue();
        assertThat(body.get("model").get("rated_from").asText()).isEqualTo("data");
    }

    @Test
    void metricsCountRequestsErrorsAndLatencyPerEndpoint() throws Exception {
        http.get("/v1/users/3/recommendations");
        http.get("/v1/users/nobody/recommendations");
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = r.body();
        String labels = "endpoint=\"/v1/users/{id}/recommendations\",method=\"GET\"";
        assertThat(text).contains("tripletrec_http_requests_total{" + labels + ",status=\"200\"}")
                .contains("tripletrec_http_requests_total{" + labels + ",status=\"404\"}")
                .contains("tripletrec_http_errors_total{" + labels + ",kind=\"client\"}")
                .contains("tripletrec_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0005\"}")
                .contains("tripletrec_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"}")
                .contains("tripletrec_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"}")
                .contains("tripletrec_http_request_duration_seconds_count{" + labels + "}")
                .contains("tripletrec_model_version 1")
                .contains("tripletrec_model_load_seconds ")
                .contains("tripletrec_model_info{version=\"1\"");
        assertThat(text).doesNotContain("/v1/users/3/"); // labels are templates, not raw paths
    }

    @Test
    void theOpenApiDocumentAndThePageAreServed() throws Exception {
        HttpResponse<String> spec = http.get("/openapi.yaml");
        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).startsWith("openapi: 3").contains("/v1/recommendations").contains("maximum: 100");
        assertThat(http.get("/v1/openapi.yaml").statusCode()).isEqualTo(200);
        for (String route : ModelServer.ROUTES) {
            if (!route.equals("/v1/openapi.yaml")) {
                assertThat(spec.body()).as("documented: " + route).contains("\n  " + route + ":\n");
            }
        }
        HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>tripletrec</title>");
        assertThat(http.get("/app.js").body()).contains("v1/recommendations");
        assertThat(http.get("/style.css").statusCode()).isEqualTo(200);
    }

    // --- wrong method, unknown path

    @ParameterizedTest
    @CsvSource({"DELETE,/v1/recommendations", "GET,/v1/recommendations", "PUT,/v1/users/3/recommendations",
            "POST,/v1/items/101/similar", "POST,/health", "DELETE,/metrics", "GET,/admin/reload", "POST,/v1/items",
            "GET,/v1/items/audience", "POST,/v1/features"})
    void wrongMethodIs405(String method, String path) throws Exception {
        assertError(http.method(method, path), 405, method + " is not allowed on " + path);
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertError(http.get("/v2/nothing"), 404, "not found");
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() throws Exception {
        String badUri = raw("GET /v1/users/%ZZ/recommendations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400").contains("application/json").contains("\"status\":400")
                .doesNotContain("<h1>");
        String bigHeader = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader).startsWith("HTTP/1.1 431").contains("application/json").doesNotContain("<h1>");
    }

    /** One request on a plain socket, for what java.net.http refuses to send. */
    private static String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void adminReloadFromLoopbackSwapsInTheSameFileAsANewVersion() throws Exception {
        // a server of its own: the shared one must stay at version 1 whatever order the tests run in
        Path model = fixture.writeModel(dir.resolve("reloaded.trm"), 1);
        try (ModelServer own = ServeFixture.start(model, fixture.data(), null)) {
            Http client = new Http(own);
            HttpResponse<String> r = client.post("/admin/reload", "");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Http.json(r).get("model").get("version").asLong()).isEqualTo(2);
            assertThat(Http.json(client.get("/health")).get("model").get("version").asLong()).isEqualTo(2);
        }
        assertThat(Http.json(http.get("/health")).get("model").get("version").asLong()).isEqualTo(1);
    }

    /** The JSON error shape, the status, a message naming the problem, and nothing that looks like a stack. */
    static JsonNode assertError(HttpResponse<String> r, int status, String messagePart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = Http.json(r);
        assertThat(json.get("error").asText()).containsIgnoringCase(messagePart);
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
        return json;
    }

    static List<String> ids(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("items").forEach(n -> out.add(n.get("item").asText()));
        assertThat(new HashSet<>(out)).hasSameSizeAs(out);
        return out;
    }
}
