package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.app.serve.ServeFixture.Http;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.hnsw.HnswSettings;
import org.tripletrec.recommend.hnsw.IndexFile;
import org.tripletrec.recommend.hnsw.IndexSpec;

/**
 * Serving with an HNSW index: built when the model loads, saved to and reused from --index-file, refused when
 * stale, rebuilt aside on reload while the old model answers. The fixture's catalogue is small enough that the
 * graph walk reaches every item, so the answers must be exactly those of exact search.
 */
class IndexedServingTest {
    private static final ServeFixture FIXTURE = new ServeFixture();
    private static final HnswSettings SETTINGS = new HnswSettings(8, 40, 64, 2);
    /** How /health's index settings say that similar items are searched exactly (no graph for them yet). */
    private static final String EXACT_SIMILAR = "similar items exact";

    @TempDir
    Path dir;

    private ModelServer start(Path model, Path indexFile) throws Exception {
        return ModelServer.start(new ModelServer.Options("127.0.0.1", 0, model, null, 0,
                new IndexSpec(IndexSpec.Kind.HNSW, SETTINGS, indexFile)), FIXTURE.data());
    }

    @Test
    void anHnswServerAnswersAsAnExactOneAndReportsItsIndex() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Path index = dir.resolve("m.idx");
        try (ModelServer hnsw = start(model, index);
             ModelServer exact = ServeFixture.start(model, FIXTURE.data(), null)) {
            Http a = new Http(hnsw), b = new Http(exact);
            for (int u = 1; u <= ServeFixture.USERS; u += 7) {
                assertThat(a.get("/v1/users/" + u + "/recommendations?k=10").body())
                        .isEqualTo(b.get("/v1/users/" + u + "/recommendations?k=10").body());
                assertThat(a.get("/v1/users/" + u + "/recommendations?k=5&include_rated=true").body())
                        .isEqualTo(b.get("/v1/users/" + u + "/recommendations?k=5&include_rated=true").body());
            }
            for (int i = 101; i <= 140; i += 9) {
                assertThat(a.get("/v1/items/" + i + "/similar?k=5").body()).isEqualTo(b.get("/v1/items/" + i + "/similar?k=5").body());
            }
            String foldIn = "{\"liked\": [\"102\", \"104\"], \"disliked\": [\"101\"]}";
            assertThat(a.post("/v1/recommendations", foldIn).body()).isEqualTo(b.post("/v1/recommendations", foldIn).body());

            JsonNode status = index(a);
            assertThat(status.get("kind").asText()).isEqualTo("hnsw");
            assertThat(status.get("settings").asText()).contains("M=8").contains("efSearch=64");
            assertThat(status.get("bytes").asLong()).isPositive();
            assertThat(status.get("from_file").asBoolean()).isFalse();
            assertThat(index(b).get("kind").asText()).isEqualTo("exact"); // 40 items: auto is exact
            assertThat(a.get("/metrics").body()).contains("tripletrec_index_info{kind=\"hnsw\"")
                    .contains("tripletrec_index_bytes ").contains("tripletrec_index_build_seconds ");
            awaitSimilarGraph(a); // then the file holds both graphs, and the next start builds nothing
        }
        assertThat(index).exists();
        try (ModelServer again = start(model, index)) {
            assertThat(index(new Http(again)).get("from_file").asBoolean()).isTrue();
        }
    }

    @Test
    void theFirstModelGainsItsSimilarItemsGraphWhileServingAndSavesIt() throws Exception {
        Path model = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Path index = dir.resolve("m.idx");
        EmbeddingModel m = ModelFormat.load(model);
        try (ModelServer hnsw = start(model, index);
             ModelServer exact = ServeFixture.start(model, FIXTURE.data(), null)) {
            Http a = new Http(hnsw), b = new Http(exact);
            // whether or not the graph is in yet, similar items are those of exact search
            assertThat(a.get("/v1/items/101/similar?k=5").body()).isEqualTo(b.get("/v1/items/101/similar?k=5").body());
            JsonNode done = awaitSimilarGraph(a);
            assertThat(done.get("version").asLong()).isEqualTo(1); // the same model, with its index completed
            JsonNode status = done.get("index");
            assertThat(status.get("bytes").asLong()).isPositive();
            assertThat(status.get("build_seconds").asDouble()).isPositive();
            for (int i = 101; i <= 140; i += 3) {
                assertThat(a.get("/v1/items/" + i + "/similar?k=5").body())
                        .isEqualTo(b.get("/v1/items/" + i + "/similar?k=5").body());
            }
            // the file was saved again, with both graphs
            assertThat(IndexFile.load(index, m, SETTINGS).describe().settings()).doesNotContain(EXACT_SIMILAR);
        }
    }

    @Test
    void aStaleIndexFileIsRebuiltNotUsed() throws Exception {
        Path first = FIXTURE.writeModel(dir.resolve("a.trm"), 1);
        Path second = FIXTURE.writeModel(dir.resolve("b.trm"), 2);
        Path index = dir.resolve("shared.idx");
        try (ModelServer a = start(first, index)) {
            assertThat(index(new Http(a)).get("from_file").asBoolean()).isFalse();
        }
        try (ModelServer b = start(second, index)) {
            assertThat(index(new Http(b)).get("from_file").asBoolean()).isFalse(); // a's index: stale
        }
        EmbeddingModel secondModel = ModelFormat.load(second);
        assertThat(IndexFile.load(index, secondModel, SETTINGS).describe().loadedFromFile()).isTrue();
    }

    @Test
    void aReloadUnderLoadBuildsTheNewIndexAsideAndFailsNoRequest() throws Exception {
        Path file = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        byte[] next = Files.readAllBytes(FIXTURE.writeModel(dir.resolve("next.trm"), 2));
        Path index = dir.resolve("m.idx");
        try (ModelServer server = start(file, index)) {
            Http http = new Http(server);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        try {
                            HttpResponse<String> r = n % 2 == 0
                                    ? http.get("/v1/users/" + (1 + client) + "/recommendations?k=5")
                                    : http.get("/v1/items/" + (101 + client) + "/similar");
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failures.add(r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(100);
            AtomicFiles.write(file, out -> out.write(next));
            HttpResponse<String> reloaded = http.post("/admin/reload", "");
            Thread.sleep(100);
            running.set(false);
            for (Future<?> f : futures) {
                f.get();
            }
            clients.shutdown();
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isGreaterThan(10);
            JsonNode model = Http.json(http.get("/health")).get("model");
            assertThat(model.get("version").asLong()).isEqualTo(2);
            assertThat(model.get("index").get("kind").asText()).isEqualTo("hnsw");
            assertThat(model.get("index").get("from_file").asBoolean()).isFalse();
            // the file now holds the new model's index
            assertThat(IndexFile.load(index, ModelFormat.load(file), SETTINGS)).isNotNull();
        }
    }

    @Test
    void ratedItemsAreLeftOutAlikeWithBitSetsAndWithSortedLists() throws Exception {
        EmbeddingModel model = FIXTURE.train(1);
        Snapshot.Meta meta = new Snapshot.Meta(1, dir.resolve("m.trm"), "", Instant.EPOCH, 0);
        Snapshot bits = new Snapshot(model, new ExactIndex(model), FIXTURE.data(), meta);
        Snapshot lists = new Snapshot(model, new ExactIndex(model), FIXTURE.data(), meta, 0);
        for (int u = 0; u < model.numUsers(); u++) {
            assertThat(lists.recommend(u, 10, false)).isEqualTo(bits.recommend(u, 10, false));
            for (var s : lists.recommend(u, 40, false)) {
                assertThat(FIXTURE.ratedBy(model.users().id(u))).doesNotContain(model.items().id(s.item()));
            }
        }
    }

    /** The model's status on /health once its similar-items graph is in (settings without EXACT_SIMILAR). */
    private static JsonNode awaitSimilarGraph(Http http) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode model = Http.json(http.get("/health")).get("model");
            if (!model.get("index").get("settings").asText().contains(EXACT_SIMILAR)) {
                return model;
            }
            assertThat(System.nanoTime()).as("the similar-items graph is built within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static JsonNode index(Http http) throws Exception {
        return Http.json(http.get("/health")).get("model").get("index");
    }
}
