package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.serve.ModelServer;
import org.tripletrec.app.serve.ServeFixture;

/** {@code tripletrec serve} from the command line: data and titles options, start-up errors, stopping. */
class ServeCommandTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    Path dir;

    @Test
    void servesWithRatingsAndTitlesFromFilesUntilInterrupted() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("model.trm"), 1);
        Path ratings = FIXTURE.writeRatings(dir.resolve("ratings.tsv"));
        Path titles = FIXTURE.writeTitles(dir.resolve("u.item"));

        try (ServeInProcess serving = new ServeInProcess("serve", "--model", model.toString(), "--port", "0",
                "--watch", "0", "--ratings", ratings.toString(), "--split", "none", "--titles", titles.toString())) {
            String base = serving.base();

            HttpClient client = HttpClient.newHttpClient();
            JsonNode health = ServeFixture.JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.get("model").get("excludes_rated").asBoolean()).isTrue();
            assertThat(health.get("model").get("rated_from").asText()).isEqualTo("data");
            JsonNode recs = ServeFixture.JSON.readTree(client.send(HttpRequest.newBuilder(
                    URI.create(base + "/v1/users/5/recommendations?k=10")).build(), HttpResponse.BodyHandlers.ofString()).body());
            Set<String> rated = FIXTURE.ratedBy("5");
            assertThat(recs.get("items")).hasSize(10);
            for (JsonNode item : recs.get("items")) {
                assertThat(rated).doesNotContain(item.get("item").asText());
                assertThat(item.get("title").asText()).isEqualTo(FIXTURE.titles.get(item.get("item").asText()));
            }

            assertThat(serving.stop()).isZero();
        }
    }

    @Test
    void aBadModelFileIsAOneLineUsageError() throws Exception {
        Path bad = dir.resolve("bad.trm");
        Files.writeString(bad, "not a model");
        Cli.Result r = Cli.run("serve", "--model", bad.toString(), "--port", "0", "--ratings", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a tripletrec model file").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void helpListsTheOptions() {
        Cli.Result r = Cli.run("serve", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--model", "--host", "--port", "--titles", "--watch", "127.0.0.1", "8080");
    }
}
