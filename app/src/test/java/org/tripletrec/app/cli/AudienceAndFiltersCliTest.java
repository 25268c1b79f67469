package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tripletrec.app.Cli;
import org.tripletrec.app.serve.ModelServer;
import org.tripletrec.app.serve.ServeFixture;
import org.tripletrec.app.serve.ServingData;

/**
 * {@code tripletrec audience} and the request filters of {@code tripletrec recommend}, on the fixture's model
 * trained with item features (genre:Comedy, genre:Drama, genre:Western, decade:1990s) and carrying its rated
 * items: the command line answers as the HTTP API does.
 */
class AudienceAndFiltersCliTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    static Path dir;
    static Path model;
    static Path plain;
    static Path titles;
    static Path noData;

    @BeforeAll
    static void models() throws Exception {
        model = FIXTURE.writeModelWithFeatures(dir.resolve("features.trm"), 1);
        plain = FIXTURE.writeModel(dir.resolve("plain.trm"), 1);
        titles = FIXTURE.writeTitles(dir.resolve("u.item"));
        noData = Files.createDirectory(dir.resolve("no-data"));
    }

    private static Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", noData.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return ServeFixture.JSON.readTree(r.out());
    }

    private static List<String> items(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("item").asText()));
        return out;
    }

    @Test
    void audienceAnswersAsTheApiDoes() throws Exception {
        JsonNode cli = json(run("audience", "--model", model.toString(), "--liked-by", "1,3,5", "--disliked-by", "2",
                "--features", "genre:Comedy", "-k", "6", "--json", "--titles", titles.toString()));
        try (ModelServer server = ServeFixture.start(model, ServingData.titlesOnly(FIXTURE.titles), null)) {
            JsonNode api = ServeFixture.Http.json(new ServeFixture.Http(server).post("/v1/items/audience",
                    "{\"liked_by\": [\"1\", \"3\", \"5\"], \"disliked_by\": [\"2\"], \"features\": [\"genre:Comedy\"],"
                            + " \"k\": 6}"));
            assertThat(cli.get("users")).hasSize(6);
            for (int j = 0; j < 6; j++) {
                assertThat(cli.get("users").get(j).get("user")).isEqualTo(api.get("users").get(j).get("user"));
                assertThat(cli.get("users").get(j).get("score").floatValue())
                        .isEqualTo(api.get("users").get(j).get("score").floatValue());
                assertThat(cli.get("similar").get(j).get("item")).isEqualTo(api.get("similar").get(j).get("item"));
                assertThat(cli.get("similar").get(j).get("title")).isEqualTo(api.get("similar").get(j).get("title"));
            }
        }
        Cli.Result table = run("audience", "--model", model.toString(), "--features", "genre:Western", "-k", "3");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("users most likely to like the new item", "rank  user", "existing items most like it",
                "similarity");
        assertThat(table.out().lines().filter(l -> l.matches("\\s+[123]  .*"))).hasSize(6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--liked-by 1,nobody --disliked-by ghost|unknown user ids: nobody, ghost",
            "--liked-by 1 --features genre:Nope,genre:Drama|unknown item features: genre:Nope",
            "--liked-by 1 --disliked-by 1|user '1' both liked and disliked the item",
            "-k 3|no user who liked or disliked the item and no feature of it: give at least one",
            "--liked-by 1 -k 0|-k must be 1 or more, got 0"})
    void badAudienceRequestsAreOneLineAndExitTwo(String args, String message) {
        List<String> cmd = new ArrayList<>(List.of("audience", "--model", model.toString()));
        cmd.addAll(List.of(args.split(" ")));
        Cli.Result r = run(cmd.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("tripletrec: " + message).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void featuresOfAModelWithoutThemAreRefused() {
        Cli.Result audience = run("audience", "--model", plain.toString(), "--features", "genre:Comedy");
        assertThat(audience.exitCode()).isEqualTo(2);
        assertThat(audience.err()).contains("the model has no item features, so it cannot place an item by genre:Comedy");
        Cli.Result recommend = run("recommend", "--model", plain.toString(), "--like", "102", "--feature", "genre:Comedy");
        assertThat(recommend.exitCode()).isEqualTo(2);
        assertThat(recommend.err()).contains("the model has no item features, so it cannot filter by genre:Comedy");
    }

    @Test
    void recommendFiltersNarrowTheListAsTheyDoInTheApi() throws Exception {
        List<String> all = items(json(run("recommend", "--model", model.toString(), "--user", "7", "-k", "40", "--json")));
        Set<String> rated = FIXTURE.ratedBy("7");
        assertThat(all).hasSize(ServeFixture.ITEMS - rated.size());
        Set<String> western = FIXTURE.itemsWith("genre:Western");
        Set<String> comedy = FIXTURE.itemsWith("genre:Comedy");

        assertThat(items(json(run("recommend", "--model", model.toString(), "--user", "7", "-k", "5", "--json",
                "--exclude", all.get(0) + ",nope")))).isEqualTo(all.subList(1, 6));
        assertThat(items(json(run("recommend", "--model", model.toString(), "--user", "7", "--json",
                "--candidates", all.get(4) + "," + all.get(2))))).containsExactly(all.get(2), all.get(4));
        assertThat(items(json(run("recommend", "--model", model.toString(), "--user", "7", "-k", "40", "--json",
                "--feature", "genre:Drama", "--feature", "genre:Western", "--feature-match", "all"))))
                .isEqualTo(all.stream().filter(western::contains).toList());
        assertThat(items(json(run("recommend", "--model", model.toString(), "--user", "7", "-k", "40", "--json",
                "--feature", "genre:Comedy", "--feature", "genre:Western"))))
                .isEqualTo(all.stream().filter(id -> comedy.contains(id) || western.contains(id)).toList());

        // a new user: the same list as the API's with the same filters
        JsonNode liked = json(run("recommend", "--model", model.toString(), "--like", "102,104", "--dislike", "101",
                "-k", "5", "--json", "--feature", "genre:Comedy", "--exclude", "106"));
        try (ModelServer server = ServeFixture.start(model, ServingData.titlesOnly(FIXTURE.titles), null)) {
            JsonNode api = ServeFixture.Http.json(new ServeFixture.Http(server).post("/v1/recommendations",
                    "{\"liked\": [\"102\", \"104\"], \"disliked\": [\"101\"], \"k\": 5, \"feature\": [\"genre:Comedy\"],"
                            + " \"exclude\": [\"106\"]}"));
            assertThat(items(liked)).isEqualTo(items(api.get("items"))).hasSize(5).allMatch(comedy::contains)
                    .doesNotContain("106", "102", "104");
        }

        Path out = dir.resolve("westerns.csv");
        Cli.Result batch = run("recommend", "--model", model.toString(), "--all", "--out", out.toString(), "-k", "3",
                "--feature", "genre:Western");
        assertThat(batch.exitCode()).as(batch.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.size()).isGreaterThan(ServeFixture.USERS); // most users have a Western left to see
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 5);
            assertThat(western).contains(f[2]);
            assertThat(FIXTURE.ratedBy(f[0])).doesNotContain(f[2]);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--feature-match all|--feature-match goes with --feature",
            "--feature genre:Comedy --feature-match most|--feature-match must be any or all, got 'most'",
            "--feature genre:Nope --feature decade:1990s --feature x|unknown item features: genre:Nope, x"})
    void badFiltersAreOneLineAndExitTwo(String args, String message) {
        List<String> cmd = new ArrayList<>(List.of("recommend", "--model", model.toString(), "--user", "7"));
        cmd.addAll(List.of(args.split(" ")));
        Cli.Result r = run(cmd.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("tripletrec: " + message);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
