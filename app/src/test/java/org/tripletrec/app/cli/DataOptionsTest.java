package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;

/** The file layout options, titles and sampled evaluation, on a file that is nothing like MovieLens. */
class DataOptionsTest {

    @TempDir
    Path dir;

    @Test
    void namedColumnsCustomSeparatorTitlesAndSampledEvaluation() throws IOException {
        Path ratings = dir.resolve("stars.txt");
        List<String> lines = new ArrayList<>(List.of("stars;who;what;when"));
        for (int u = 1; u <= 40; u++) {
            for (int i = 1; i <= 15; i++) {
                if ((u + i) % 3 != 0) {
                    int stars = (u % 2 == i % 2) ? 5 : 1;
                    lines.add(stars + ";user" + u + ";film" + i + ";" + (u * 100 + i));
                }
            }
        }
        Files.write(ratings, lines);
        Path titles = dir.resolve("movies.csv");
        Files.writeString(titles, "movieId,title,genres\nfilm1,\"One, The Film\",Drama\n");
        Path metrics = dir.resolve("m.json");
        Path model = dir.resolve("m.bin");

        String[] layout = {"--ratings", ratings.toString(), "--sep", "semicolon", "--header", "--user-col", "who",
                "--item-col", "what", "--rating-col", "1", "--time-col", "when", "--split", "last:2"};
        List<String> train = new ArrayList<>(List.of("train", "--epochs", "2", "--dim", "4", "--threads", "1",
                "--eval-users", "10", "--metrics-out", metrics.toString(), "--model-out", model.toString()));
        train.addAll(List.of(layout));
        Cli.Result r = Cli.run(train.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("40 users, 15 items");
        JsonNode root = new ObjectMapper().readTree(metrics.toFile());
        assertThat(root.at("/final/users").asInt()).isEqualTo(10);
        assertThat(root.at("/data/split").asText()).isEqualTo("last:2");

        List<String> recommend = new ArrayList<>(List.of("recommend", "--model", model.toString(), "--user", "user2",
                "-k", "15", "--titles", titles.toString()));
        recommend.addAll(List.of(layout));
        Cli.Result rec = Cli.run(recommend.toArray(String[]::new));
        assertThat(rec.exitCode()).as(rec.toString()).isZero();
        // user2 did not rate film1 ((2 + 1) % 3 == 0), so it is a candidate and shows its title
        assertThat(rec.out()).contains("One, The Film");
    }

    @Test
    void implicitFileWithoutRatingColumn() throws IOException {
        Path clicks = dir.resolve("clicks.csv");
        List<String> lines = new ArrayList<>();
        for (int u = 1; u <= 30; u++) {
            for (int i = 1; i <= 12; i++) {
                if (u % 2 == i % 2) {
                    lines.add(u + "," + i);
                }
            }
        }
        Files.write(clicks, lines);
        Cli.Result r = Cli.run("train", "--ratings", clicks.toString(), "--header=false", "--rating-col", "none",
                "--time-col", "none", "--positive-threshold", "1", "--negative-threshold", "0", "--epochs", "1",
                "--dim", "4", "--split", "holdout:0.25");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("30 users, 12 items");
    }
}
