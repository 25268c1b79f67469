package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;

/** {@code tripletrec recommend --like/--dislike} and {@code --all --out}: the CLI forms of the server's answers. */
class RecommendModesTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    Path dir;

    private Path ratingsFile() throws Exception {
        Path ratings = dir.resolve("ratings.tsv");
        List<String> lines = new java.util.ArrayList<>();
        for (int k = 0; k < FIXTURE.ratings.size(); k++) {
            lines.add(FIXTURE.users.id(FIXTURE.ratings.user(k)) + "\t" + FIXTURE.items.id(FIXTURE.ratings.item(k)) + "\t"
                    + (int) FIXTURE.ratings.rating(k) + "\t" + FIXTURE.ratings.time(k));
        }
        Files.write(ratings, lines);
        return ratings;
    }

    @Test
    void likeAndDislikeGiveTheServersList() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--like", "102,104", "--dislike", "101", "-k", "5",
                "--json", "--ratings", ratingsFile().toString(), "--split", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode cli = ServeFixture.JSON.readTree(r.out());
        try (ModelServer server = ServeFixture.start(model, FIXTURE.data(), null)) {
            JsonNode api = ServeFixture.Http.json(new ServeFixture.Http(server).post("/v1/recommendations",
                    "{\"liked\": [\"102\", \"104\"], \"disliked\": [\"101\"], \"k\": 5}"));
            for (int j = 0; j < 5; j++) {
                assertThat(cli.get(j).get("item").asText()).isEqualTo(api.get("items").get(j).get("item").asText());
            }
        }
    }

    @Test
    void unknownLikesAreAUsageError() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--like", "102,nope", "--ratings",
                ratingsFile().toString(), "--split", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown item ids: nope");
    }

    @Test
    void allWritesEveryUserToTheFile() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Path out = dir.resolve("out").resolve("recs.csv");
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--all", "--out", out.toString(), "-k", "4",
                "--ratings", ratingsFile().toString(), "--split", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + 4 * ServeFixture.USERS);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 5);
            assertThat(FIXTURE.ratedBy(f[0])).doesNotContain(f[2]);
        }
        assertThat(Cli.run("recommend", "--model", model.toString(), "--all").exitCode()).isEqualTo(2);
        assertThat(Cli.run("recommend", "--model", model.toString()).err()).contains("--user");
    }
}
