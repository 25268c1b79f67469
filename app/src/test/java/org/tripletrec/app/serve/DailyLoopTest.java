package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.SyntheticRatings;
import org.tripletrec.app.serve.ServeFixture.Http;

/**
 * The daily loop as README shows it: train, serve with no data on the machine, update the served file in place,
 * and the server swaps the updated model in by itself; the new users are then served, their rated items (carried
 * by the model, old and new) left out.
 */
class DailyLoopTest {
    @TempDir
    Path dir;

    @Test
    void theServerPicksUpAnUpdateWrittenOverItsModel() throws Exception {
        SyntheticRatings all = SyntheticRatings.write(dir.resolve("all.tsv"));
        List<String> lines = Files.readAllLines(all.file);
        Path day1 = dir.resolve("day1.tsv"), day2 = dir.resolve("day2.tsv");
        Files.write(day1, lines.stream().filter(l -> user(l) <= 50 && item(l) <= 135).collect(Collectors.toList()));
        Files.write(day2, lines.stream().filter(l -> user(l) > 50 || item(l) > 135).collect(Collectors.toList()));
        Path model = dir.resolve("model.trm");
        Cli.Result trained = Cli.run("train", "--ratings", day1.toString(), "--split", "none", "--dim", "8",
                "--epochs", "10", "--model-out", model.toString());
        assertThat(trained.exitCode()).as(trained.toString()).isZero();

        try (ModelServer server = ServeFixture.start(model, ServingData.none(), Duration.ofMillis(50))) {
            Http http = new Http(server);
            assertThat(http.get("/v1/users/55/recommendations").statusCode()).as("a user of day 2").isEqualTo(404);

            Cli.Result updated = Cli.run("update", "--model", model.toString(), "--ratings", day2.toString(),
                    "--model-out", model.toString());
            assertThat(updated.exitCode()).as(updated.toString()).isZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (health(http).path("model").path("version").asLong() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            JsonNode health = health(http);
            assertThat(health.get("model").get("version").asLong()).as(health.toString()).isEqualTo(2);
            assertThat(health.get("model").get("users").asInt()).isEqualTo(60);
            assertThat(health.get("last_reload").get("ok").asBoolean()).isTrue();

            JsonNode list = Http.json(http.get("/v1/users/55/recommendations?k=40"));
            assertThat(list.get("model_version").asLong()).isEqualTo(2);
            Set<String> recommended = new HashSet<>();
            list.get("items").forEach(i -> recommended.add(i.get("item").asText()));
            assertThat(recommended).as("everything user 55 did not rate, and nothing it rated")
                    .hasSize(SyntheticRatings.ITEMS - all.rated.get("55").size())
                    .doesNotContainAnyElementsOf(all.rated.get("55"));
            JsonNode old = Http.json(http.get("/v1/users/7/recommendations?k=40"));
            old.get("items").forEach(i -> assertThat(all.rated.get("7")).doesNotContain(i.get("item").asText()));
        }
    }

    private static JsonNode health(Http http) throws Exception {
        return Http.json(http.get("/health"));
    }

    private static int user(String line) {
        return Integer.parseInt(line.split("\t")[0]);
    }

    private static int item(String line) {
        return Integer.parseInt(line.split("\t")[1]);
    }
}
