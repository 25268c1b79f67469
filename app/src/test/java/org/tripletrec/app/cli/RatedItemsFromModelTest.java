package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tripletrec.app.Cli;
import org.tripletrec.app.serve.ServeFixture;
import org.tripletrec.io.ModelFormat;

/**
 * A model trained with its rated items (the default) leaves them out of serve, recommend (--user, --all) and
 * evaluate with no data on the machine, and named data adds its own; one trained with --no-rated needs the data
 * as before, and serve warns. Commands without named data run with an empty data folder, so that the default
 * data set cannot be found.
 */
class RatedItemsFromModelTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    Path dir;
    Path noData;
    Path train;
    Path test;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger serveLogger = (Logger) LoggerFactory.getLogger(ServeCommand.class);

    @BeforeEach
    void files() throws Exception {
        noData = Files.createDirectory(dir.resolve("no-data"));
        train = FIXTURE.writeRatings(dir.resolve("train.tsv"), k -> k % 5 != 0);
        test = FIXTURE.writeRatings(dir.resolve("test.tsv"), k -> k % 5 == 0);
        log.start();
        serveLogger.addAppender(log);
    }

    @AfterEach
    void detach() {
        serveLogger.detachAppender(log);
    }

    private Path trainModel(String name, String... extra) {
        Path model = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("train", "--ratings", train.toString(), "--test",
                test.toString(), "--dim", "8", "--epochs", "3", "--threads", "1", "--model-out", model.toString()));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return model;
    }

    /** The raw item ids user {@code user} rated in train.tsv (every row but each fifth). */
    private static Set<String> ratedInTrain(String user) {
        Set<String> out = new java.util.HashSet<>();
        for (int k = 0; k < FIXTURE.ratings.size(); k++) {
            if (k % 5 != 0 && FIXTURE.users.id(FIXTURE.ratings.user(k)).equals(user)) {
                out.add(FIXTURE.items.id(FIXTURE.ratings.item(k)));
            }
        }
        return out;
    }

    @Test
    void aModelWithItsRatedItemsLeavesThemOutWithNoData() throws Exception {
        Path model = trainModel("m.trm");
        assertThat(ModelFormat.load(model).rated()).isNotNull();

        Cli.Result one = Cli.run("recommend", "--model", model.toString(), "--user", "5", "-k", "10", "--json",
                "--data-dir", noData.toString());
        assertThat(one.exitCode()).as(one.toString()).isZero();
        JsonNode list = ServeFixture.JSON.readTree(one.out());
        assertThat(list).hasSize(10);
        for (JsonNode row : list) {
            assertThat(ratedInTrain("5")).doesNotContain(row.get("item").asText());
        }
        // --include-rated still brings them back
        Cli.Result all40 = Cli.run("recommend", "--model", model.toString(), "--user", "5", "-k", "40", "--json",
                "--include-rated", "--data-dir", noData.toString());
        assertThat(ServeFixture.JSON.readTree(all40.out())).hasSize(ServeFixture.ITEMS);

        Path csv = dir.resolve("all.csv");
        Cli.Result batch = Cli.run("recommend", "--model", model.toString(), "--all", "--out", csv.toString(), "-k", "5",
                "--data-dir", noData.toString());
        assertThat(batch.exitCode()).as(batch.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 5 * ServeFixture.USERS);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 5);
            assertThat(ratedInTrain(f[0])).doesNotContain(f[2]);
        }

        try (ServeInProcess serving = new ServeInProcess("serve", "--model", model.toString(), "--port", "0",
                "--watch", "0", "--data-dir", noData.toString())) {
            HttpClient client = HttpClient.newHttpClient();
            JsonNode health = get(client, serving.base() + "/health");
            assertThat(health.get("model").get("excludes_rated").asBoolean()).isTrue();
            assertThat(health.get("model").get("rated_from").asText()).isEqualTo("model");
            for (String user : List.of("5", "12", "33")) {
                JsonNode items = get(client, serving.base() + "/v1/users/" + user + "/recommendations?k=10").get("items");
                assertThat(items).hasSize(10);
                for (JsonNode item : items) {
                    assertThat(ratedInTrain(user)).doesNotContain(item.get("item").asText());
                }
            }
            assertThat(serving.stop()).isZero();
        }
        assertThat(log.list).noneMatch(e -> e.getFormattedMessage().contains("rated items are not left out"));
    }

    @Test
    void namedDataAddsItsRatingsToTheModelsOwn() throws Exception {
        Path model = trainModel("m.trm");
        Path everything = FIXTURE.writeRatings(dir.resolve("all.tsv")); // train.tsv and the newer test.tsv
        Cli.Result one = Cli.run("recommend", "--model", model.toString(), "--user", "5", "-k", "40", "--json",
                "--ratings", everything.toString(), "--split", "none");
        assertThat(one.exitCode()).as(one.toString()).isZero();
        JsonNode list = ServeFixture.JSON.readTree(one.out());
        assertThat(list).hasSize(ServeFixture.ITEMS - FIXTURE.ratedBy("5").size());
        for (JsonNode row : list) {
            assertThat(FIXTURE.ratedBy("5")).doesNotContain(row.get("item").asText());
        }
        try (ServeInProcess serving = new ServeInProcess("serve", "--model", model.toString(), "--port", "0",
                "--watch", "0", "--ratings", everything.toString(), "--split", "none")) {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, serving.base() + "/health").get("model").get("rated_from").asText())
                    .isEqualTo("model+data");
            JsonNode items = get(client, serving.base() + "/v1/users/5/recommendations?k=40").get("items");
            assertThat(items).hasSize(ServeFixture.ITEMS - FIXTURE.ratedBy("5").size());
            assertThat(serving.stop()).isZero();
        }
    }

    @Test
    void theDefaultDataSetOfAnotherCatalogueGivesNoTitles() throws Exception {
        Path model = trainModel("m.trm");
        // a default data folder whose ml-100k is not what the model was trained on, with other titles for its ids
        Path other = Files.createDirectories(dir.resolve("other").resolve("ml-100k"));
        Files.write(other.resolve("ua.base"), List.of("1\t101\t5\t1", "2\t102\t1\t2"));
        Files.write(other.resolve("ua.test"), List.of("1\t102\t4\t3"));
        List<String> wrong = new java.util.ArrayList<>();
        FIXTURE.titles.keySet().forEach(id -> wrong.add(id + "|Wrong title " + id + "|01-Jan-1995||"));
        Files.write(other.resolve("u.item"), wrong);
        Path otherDir = other.getParent();
        for (String[] args : new String[][] {{"recommend", "--user", "5"}, {"recommend", "--like", "102"},
                {"similar", "--item", "102"}, {"audience", "--liked-by", "1,3"}}) {
            List<String> cmd = new java.util.ArrayList<>(List.of(args));
            cmd.addAll(List.of("--model", model.toString(), "--data-dir", otherDir.toString(), "-k", "3", "--json"));
            Cli.Result r = Cli.run(cmd.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).doesNotContain("Wrong title").contains("\"title\" : null");
        }
        // named, the same data gives its titles: the user said so
        Cli.Result named = Cli.run("similar", "--item", "102", "--model", model.toString(), "--data-dir",
                otherDir.toString(), "--dataset", "ml-100k", "-k", "3", "--json");
        assertThat(named.out()).contains("Wrong title");
    }

    @Test
    void evaluateTakesTheModelsRatedItemsAsTheTrainSideOfATestFileAlone() throws Exception {
        Path model = trainModel("m.trm");
        Cli.Result alone = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString());
        assertThat(alone.exitCode()).as(alone.toString()).isZero();
        Cli.Result withData = Cli.run("evaluate", "--model", model.toString(), "--ratings", train.toString(),
                "--test", test.toString());
        assertThat(withData.exitCode()).as(withData.toString()).isZero();
        // the same train side (the model's rated items are train.tsv) gives the same table, baselines included
        assertThat(table(alone.out())).isEqualTo(table(withData.out())).contains("full_auc", "popularity");
        assertThat(alone.out()).contains("train: the model's ", " rated items; test: " + test + ", ");
        Cli.Result split = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString(), "--split", "ua");
        assertThat(split.exitCode()).isEqualTo(2);
        assertThat(split.err().strip()).isEqualTo("tripletrec: --split ua splits train data: with --test alone there"
                + " is none to split");
    }

    @Test
    void aModelWithoutRatedItemsNeedsTheDataAsBeforeAndServeWarns() throws Exception {
        Path model = trainModel("norated.trm", "--no-rated");
        assertThat(ModelFormat.load(model).rated()).isNull();

        Cli.Result one = Cli.run("recommend", "--model", model.toString(), "--user", "5", "--data-dir", noData.toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("not found");
        Cli.Result withData = Cli.run("recommend", "--model", model.toString(), "--user", "5", "-k", "10", "--json",
                "--ratings", train.toString(), "--split", "none");
        assertThat(withData.exitCode()).as(withData.toString()).isZero();
        for (JsonNode row : ServeFixture.JSON.readTree(withData.out())) {
            assertThat(ratedInTrain("5")).doesNotContain(row.get("item").asText());
        }

        Cli.Result evaluate = Cli.run("evaluate", "--model", model.toString(), "--test", test.toString());
        assertThat(evaluate.exitCode()).isEqualTo(2);
        assertThat(evaluate.err()).contains("--test alone needs a model that carries its rated items");

        try (ServeInProcess serving = new ServeInProcess("serve", "--model", model.toString(), "--port", "0",
                "--watch", "0", "--data-dir", noData.toString())) {
            JsonNode health = get(HttpClient.newHttpClient(), serving.base() + "/health");
            assertThat(health.get("model").get("excludes_rated").asBoolean()).isFalse();
            assertThat(health.get("model").get("rated_from").asText()).isEqualTo("none");
            assertThat(serving.stop()).isZero();
        }
        assertThat(log.list).anyMatch(e -> e.getFormattedMessage().startsWith(
                "no training data found and the model carries no rated items: rated items are not left out"));
    }

    private static JsonNode get(HttpClient client, String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ServeFixture.JSON.readTree(r.body());
    }

    /** The metrics table: from its header line to the end. */
    private static String table(String out) {
        return out.substring(out.indexOf("metric "));
    }
}
