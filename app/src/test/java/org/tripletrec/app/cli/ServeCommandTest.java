package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.serve.ModelServer;
import org.tripletrec.app.serve.ServeFixture;
import org.tripletrec.app.Main;
import picocli.CommandLine;

/** {@code tripletrec serve} from the command line: data and titles options, start-up errors, stopping. */
class ServeCommandTest {
    private static final ServeFixture FIXTURE = new ServeFixture();
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void servesWithRatingsAndTitlesFromFilesUntilInterrupted() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("model.trm"), 1);
        Path ratings = dir.resolve("ratings.tsv");
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < FIXTURE.ratings.size(); k++) {
            lines.add(FIXTURE.users.id(FIXTURE.ratings.user(k)) + "\t" + FIXTURE.items.id(FIXTURE.ratings.item(k)) + "\t"
                    + (int) FIXTURE.ratings.rating(k) + "\t" + FIXTURE.ratings.time(k));
        }
        Files.write(ratings, lines);
        Path titles = dir.resolve("u.item");
        List<String> titleLines = new ArrayList<>();
        FIXTURE.titles.forEach((id, t) -> titleLines.add(id + "|" + t + "|01-Jan-1995||"));
        Files.write(titles, titleLines);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int[] exit = {-1};
        Thread serving = new Thread(() -> exit[0] = cl.execute("serve", "--model", model.toString(), "--port", "0",
                "--watch", "0", "--ratings", ratings.toString(), "--split", "none", "--titles", titles.toString()));
        serving.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Matcher m = URL.matcher("");
        while (!(m = URL.matcher(out.toString())).find() && serving.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(m.find(0)).as("stdout: " + out + "\nstderr: " + err).isTrue();
        String base = "http://127.0.0.1:" + m.group(1);

        HttpClient client = HttpClient.newHttpClient();
        JsonNode health = ServeFixture.JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.get("model").get("excludes_rated").asBoolean()).isTrue();
        JsonNode recs = ServeFixture.JSON.readTree(client.send(HttpRequest.newBuilder(
                URI.create(base + "/v1/users/5/recommendations?k=10")).build(), HttpResponse.BodyHandlers.ofString()).body());
        Set<String> rated = FIXTURE.ratedBy("5");
        assertThat(recs.get("items")).hasSize(10);
        for (JsonNode item : recs.get("items")) {
            assertThat(rated).doesNotContain(item.get("item").asText());
            assertThat(item.get("title").asText()).isEqualTo(FIXTURE.titles.get(item.get("item").asText()));
        }

        serving.interrupt();
        serving.join(10_000);
        assertThat(serving.isAlive()).isFalse();
        assertThat(exit[0]).isZero();
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
