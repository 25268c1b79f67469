package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.Cli;
import org.tripletrec.app.serve.ServeFixture;

/**
 * --index on recommend and similar, and bench-index. The fixture's 40 items are few enough that a graph walk with
 * efSearch 64 reaches every one, so HNSW must print exactly what exact search prints.
 */
class IndexCommandsTest {
    private static final ServeFixture FIXTURE = new ServeFixture();
    private static final String[] HNSW = {"--index", "hnsw", "--hnsw-m", "8", "--ef-construction", "40", "--ef-search", "64"};

    @TempDir
    Path dir;
    Path model;
    Path ratings;

    @BeforeEach
    void files() throws Exception {
        model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        ratings = dir.resolve("ratings.tsv");
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < FIXTURE.ratings.size(); k++) {
            lines.add(FIXTURE.users.id(FIXTURE.ratings.user(k)) + "\t" + FIXTURE.items.id(FIXTURE.ratings.item(k)) + "\t"
                    + (int) FIXTURE.ratings.rating(k) + "\t" + FIXTURE.ratings.time(k));
        }
        Files.write(ratings, lines);
    }

    private Cli.Result run(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return Cli.run(all.toArray(String[]::new));
    }

    private List<String> recommend(String... args) {
        List<String> a = new ArrayList<>(List.of("recommend", "--model", model.toString(), "--ratings",
                ratings.toString(), "--split", "none"));
        a.addAll(List.of(args));
        return a;
    }

    @Test
    void hnswPrintsWhatExactPrintsAndReusesItsSavedIndex() throws Exception {
        Path index = dir.resolve("m.idx");
        Cli.Result exact = run(recommend("--user", "3", "--json", "--index", "exact"));
        Cli.Result built = run(recommend("--user", "3", "--json", "--index-file", index.toString()), HNSW);
        assertThat(built.exitCode()).as(built.toString()).isZero();
        assertThat(built.out()).isEqualTo(exact.out());
        assertThat(built.err()).contains("built the score graph of 40 items").contains("saved the index to " + index);
        Cli.Result reused = run(recommend("--user", "3", "--json", "--index-file", index.toString()), HNSW);
        assertThat(reused.out()).isEqualTo(exact.out());
        assertThat(reused.err()).doesNotContain("built the").doesNotContain("saved");

        // another model's index in that file: refused as stale, rebuilt, replaced
        Path other = FIXTURE.writeModel(dir.resolve("other.trm"), 2);
        Cli.Result stale = Cli.run("recommend", "--model", other.toString(), "--user", "3", "--include-rated",
                "--index", "hnsw", "--index-file", index.toString(), "--ef-construction", "40", "--hnsw-m", "8");
        assertThat(stale.exitCode()).as(stale.toString()).isZero();
        assertThat(stale.err()).contains(index + ": stale: built for another model").contains("building a new index");

        Cli.Result likes = run(recommend("--like", "102,104", "--dislike", "101", "--json"), HNSW);
        assertThat(likes.out()).isEqualTo(run(recommend("--like", "102,104", "--dislike", "101", "--json")).out());
    }

    @Test
    void allAndSimilarAgreeWithExactSearch() throws Exception {
        Path exactCsv = dir.resolve("exact.csv"), hnswCsv = dir.resolve("hnsw.csv");
        Cli.Result e = run(recommend("--all", "--out", exactCsv.toString(), "-k", "5"));
        Cli.Result h = run(recommend("--all", "--out", hnswCsv.toString(), "-k", "5"), HNSW);
        assertThat(h.exitCode()).as(h.toString()).isZero();
        assertThat(h.err()).contains("(hnsw index)");
        assertThat(e.err()).contains("(exact index)");
        assertThat(Files.readAllLines(hnswCsv)).isEqualTo(Files.readAllLines(exactCsv)).hasSize(1 + 5 * ServeFixture.USERS);

        // --users: those users alone, in the file's order, the same lines as in the full file
        Path ids = dir.resolve("users.txt"), someCsv = dir.resolve("some.csv");
        Files.writeString(ids, "3\n\n1\n");
        Cli.Result some = run(recommend("--all", "--users", ids.toString(), "--out", someCsv.toString(), "-k", "5"), HNSW);
        assertThat(some.exitCode()).as(some.toString()).isZero();
        List<String> full = Files.readAllLines(exactCsv);
        List<String> expected = new java.util.ArrayList<>(List.of(full.get(0)));
        for (String user : List.of("3", "1")) {
            full.stream().filter(l -> l.startsWith(user + ",")).forEach(expected::add);
        }
        assertThat(Files.readAllLines(someCsv)).isEqualTo(expected).hasSize(1 + 2 * 5);
        Files.writeString(ids, "3\nnobody\n");
        Cli.Result unknown = run(recommend("--all", "--users", ids.toString(), "--out", someCsv.toString()));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("tripletrec: " + ids + ":2: user 'nobody' is not in the model");
        Cli.Result alone = run(recommend("--users", ids.toString()));
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--all and --out go together (--users with them)");

        List<String> similar = List.of("similar", "--model", model.toString(), "--item", "102", "-k", "6", "--json");
        assertThat(run(similar, HNSW).out()).isEqualTo(run(similar).out());
    }

    @Test
    void badIndexOptionsAreUsageErrors() {
        Cli.Result unknown = run(recommend("--user", "3", "--index", "faiss"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown index 'faiss' (exact, hnsw or auto)");
        Cli.Result fileWithExact = run(recommend("--user", "3", "--index", "exact", "--index-file", "x.idx"));
        assertThat(fileWithExact.exitCode()).isEqualTo(2);
        assertThat(fileWithExact.err()).contains("--index-file keeps an HNSW index");
        Cli.Result badM = run(recommend("--user", "3", "--index", "hnsw", "--hnsw-m", "1"));
        assertThat(badM.exitCode()).isEqualTo(2);
        assertThat(badM.err()).contains("M 2..512");
    }

    @Test
    void benchIndexPrintsWritesAndPlotsOneRowPerSetting() throws Exception {
        Path json = dir.resolve("out").resolve("sweep.json");
        Path png = dir.resolve("sweep.png");
        Cli.Result r = Cli.run("bench-index", "--model", model.toString(), "--queries", "30", "--hnsw-m", "4,8",
                "--ef-construction", "20", "--ef-search", "10,40", "--threads", "2", "--json", json.toString(),
                "--plot", png.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("60 users, 40 items, dim 8; 30 queries, top 10, 2 threads")
                .contains("recall@10").contains("index_bytes");
        JsonNode rows = ServeFixture.JSON.readTree(json.toFile());
        assertThat(rows.size()).isEqualTo(5);
        assertThat(rows.get(0).get("index").asText()).isEqualTo("exact");
        assertThat(rows.get(0).get("recall_at_10").asDouble()).isEqualTo(1.0);
        for (JsonNode row : rows) {
            for (String key : List.of("recall_at_10", "p50_ms", "p99_ms", "p50_cpu_ms", "p99_cpu_ms", "qps",
                    "build_seconds", "build_cpu_seconds", "index_bytes")) {
                assertThat(row.has(key)).as(key).isTrue();
            }
            assertThat(row.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(row.get("p50_ms").asDouble());
            assertThat(row.get("p99_cpu_ms").asDouble()).isGreaterThanOrEqualTo(row.get("p50_cpu_ms").asDouble())
                    .isPositive();
            assertThat(row.get("qps").asDouble()).isPositive();
        }
        assertThat(rows.get(0).get("build_cpu_seconds").isNull()).isTrue(); // exact search builds nothing
        // measured (process CPU time advances in clock ticks: a 40-item build may take less than one)
        assertThat(rows.get(4).get("build_cpu_seconds").isNumber()).isTrue();
        assertThat(rows.get(4).get("build_cpu_seconds").asDouble()).isNotNegative();
        assertThat(rows.get(4).get("m").asInt()).isEqualTo(8);
        assertThat(rows.get(4).get("ef_search").asInt()).isEqualTo(40);
        assertThat(rows.get(4).get("recall_at_10").asDouble()).isEqualTo(1.0); // a walk over all 40 items
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G');

        Cli.Result bad = Cli.run("bench-index", "--model", model.toString(), "--ef-search", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("efSearch 1..100000");
    }

    @Test
    void benchIndexReadsTheGraphOfAnIndexFileWhenItFits() throws Exception {
        Path index = dir.resolve("bench.idx");
        List<String> args = List.of("bench-index", "--model", model.toString(), "--queries", "20", "--hnsw-m", "8",
                "--ef-construction", "20", "--ef-search", "40", "--index-file", index.toString());
        Path first = dir.resolve("first.json"), second = dir.resolve("second.json");
        Cli.Result built = run(args, "--json", first.toString());
        assertThat(built.exitCode()).as(built.toString()).isZero();
        assertThat(built.err()).contains("saved the index to " + index);
        Cli.Result read = run(args, "--json", second.toString());
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.err()).contains("read the graph from " + index).doesNotContain("saved");
        JsonNode builtRow = ServeFixture.JSON.readTree(first.toFile()).get(1);
        JsonNode readRow = ServeFixture.JSON.readTree(second.toFile()).get(1);
        assertThat(builtRow.get("build_seconds").asDouble()).isPositive();
        assertThat(readRow.get("build_seconds").isNull()).isTrue();
        assertThat(readRow.get("build_cpu_seconds").isNull()).isTrue();
        assertThat(readRow.get("recall_at_10").asDouble()).isEqualTo(builtRow.get("recall_at_10").asDouble());
        assertThat(readRow.get("index_bytes").asLong()).isEqualTo(builtRow.get("index_bytes").asLong());

        Cli.Result two = run(List.of("bench-index", "--model", model.toString(), "--hnsw-m", "4,8", "--index-file",
                index.toString()));
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("--index-file holds one graph");
    }
}
