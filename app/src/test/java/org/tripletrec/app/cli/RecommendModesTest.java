package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.serve.ModelServer;
import org.tripletrec.app.serve.ServeFixture;

/** {@code tripletrec recommend --like/--dislike} and {@code --all --out}: the CLI forms of the server's answers. */
class RecommendModesTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    Path dir;

    private Path ratingsFile() throws Exception {
        return FIXTURE.writeRatings(dir.resolve("ratings.tsv"));
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

    @Test
    void includeRatedWithLikesIsRefusedNotIgnored() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Cli.Result r = Cli.run("recommend", "--model", model.toString(), "--like", "102", "--include-rated",
                "--ratings", ratingsFile().toString(), "--split", "none");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tripletrec: --include-rated is for --user and --all: a new user's"
                + " liked and disliked items are never recommended back");
    }

    @Test
    void similarAndRecommendWithoutDataTakeTitlesFromTheTitlesFileAlone() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Path titles = FIXTURE.writeTitles(dir.resolve("u.item"));
        Path noData = Files.createDirectory(dir.resolve("empty"));
        for (String[] args : new String[][] {
                {"similar", "--item", "102"},
                {"recommend", "--like", "102"},
                {"recommend", "--user", "1", "--include-rated"}}) {
            List<String> cmd = new java.util.ArrayList<>(List.of(args));
            cmd.addAll(List.of("--model", model.toString(), "--titles", titles.toString(), "--data-dir",
                    noData.toString(), "--json", "-k", "3"));
            Cli.Result r = Cli.run(cmd.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode list = ServeFixture.JSON.readTree(r.out());
            assertThat(list).hasSize(3);
            for (JsonNode row : list) {
                assertThat(row.get("title").asText()).isEqualTo(FIXTURE.titles.get(row.get("item").asText()));
            }
        }
    }

    @Test
    void titlesAreRefusedByCommandsThatShowNoItems() {
        for (String command : List.of("train", "evaluate --model m.trm", "bench")) {
            Cli.Result r = Cli.run((command + " --titles u.item").split(" "));
            assertThat(r.exitCode()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).contains("Unknown options: '--titles', 'u.item'");
        }
    }
}
