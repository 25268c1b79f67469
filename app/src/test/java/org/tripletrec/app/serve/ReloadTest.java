package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.tripletrec.data.IdIndex;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;

/** Model reload without downtime: a valid file is swapped in, a bad one leaves the old model serving. */
class ReloadTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    Path dir;

    @Test
    void aValidFileIsSwappedInOnRequest() throws Exception {
        Path file = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        try (ModelServer server = ServeFixture.start(file, FIXTURE.data(), null)) {
            Http http = new Http(server);
            String oldSha = health(http).get("sha256").asText();
            FIXTURE.writeModel(file, 2);
            HttpResponse<String> r = http.post("/admin/reload", "");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode model = health(http);
            assertThat(model.get("version").asLong()).isEqualTo(2);
            assertThat(model.get("sha256").asText()).isNotEqualTo(oldSha);
            assertThat(Http.json(http.get("/v1/users/1/recommendations")).get("model_version").asLong()).isEqualTo(2);
            assertThat(http.get("/metrics").body()).contains("tripletrec_model_version 2")
                    .contains("tripletrec_model_reloads_total{result=\"ok\"} 1");
        }
    }

    @Test
    void aCorruptOrIncompatibleFileLeavesTheOldModelServing() throws Exception {
        Path file = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        try (ModelServer server = ServeFixture.start(file, FIXTURE.data(), null)) {
            Http http = new Http(server);
            String before = http.get("/v1/users/1/recommendations").body();

            byte[] good = Files.readAllBytes(file);
            byte[] flipped = good.clone();
            flipped[flipped.length / 2] ^= 0x55; // checksum mismatch
            List<byte[]> bad = List.of(flipped, "not a model".getBytes(), java.util.Arrays.copyOf(good, good.length / 3));
            int failures = 0;
            for (byte[] content : bad) {
                Files.write(file, content);
                HttpResponse<String> r = http.post("/admin/reload", "");
                JsonNode error = ServerApiTest.assertError(r, 422, "still serving version 1");
                assertThat(error.get("error").asText()).contains(file.toString());
                failures++;
                assertThat(health(http).get("version").asLong()).isEqualTo(1);
                assertThat(http.get("/v1/users/1/recommendations").body()).isEqualTo(before);
                JsonNode last = Http.json(http.get("/health")).get("last_reload");
                assertThat(last.get("ok").asBoolean()).isFalse();
                assertThat(last.get("error").asText()).isNotBlank();
            }
            // a readable model of another catalogue: no item id in common with the served data
            EmbeddingModel m = FIXTURE.train(1);
            List<String> otherIds = new ArrayList<>();
            for (int i = 0; i < m.numItems(); i++) {
                otherIds.add("other-" + i);
            }
            ModelFormat.save(new EmbeddingModel(m.dim(), m.userFactors(), m.itemFactors(), m.itemBias(), m.users(),
                    IdIndex.of(otherIds), m.info()), file);
            ServerApiTest.assertError(http.post("/admin/reload", ""), 422, "another catalogue");
            failures++;
            assertThat(http.get("/v1/users/1/recommendations").body()).isEqualTo(before);
            Files.write(file, good);
            assertThat(http.post("/admin/reload", "").statusCode()).isEqualTo(200);
            assertThat(http.get("/metrics").body())
                    .contains("tripletrec_model_reloads_total{result=\"failed\"} " + failures);
        }
    }

    @Test
    void aChangedFileIsPickedUpByTheWatcher() throws Exception {
        Path file = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        try (ModelServer server = ServeFixture.start(file, FIXTURE.data(), Duration.ofMillis(50))) {
            Http http = new Http(server);
            FIXTURE.writeModel(file, 3); // written under a temporary name and renamed: the watcher sees a new file
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (health(http).get("version").asLong() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(health(http).get("version").asLong()).isEqualTo(2);
            // a bad file is reported and ignored
            Files.writeString(file, "garbage");
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Http.json(http.get("/health")).path("last_reload").path("ok").asBoolean(true)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Http.json(http.get("/health")).get("last_reload").get("ok").asBoolean()).isFalse();
            assertThat(health(http).get("version").asLong()).isEqualTo(2);
            assertThat(http.get("/v1/users/1/recommendations").statusCode()).isEqualTo(200);

            // a file already loaded by request is not loaded again by the watcher
            FIXTURE.writeModel(file, 4);
            HttpResponse<String> reloaded = http.post("/admin/reload", "");
            assertThat(reloaded.statusCode()).isEqualTo(200);
            long version = Http.json(reloaded).get("model").get("version").asLong();
            Thread.sleep(400); // eight watcher intervals
            assertThat(health(http).get("version").asLong()).isEqualTo(version);
        }
    }

    @Test
    void reloadsUnderLoadFailNoRequest() throws Exception {
        Path file = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        Path second = FIXTURE.writeModel(dir.resolve("m2.trm"), 2);
        byte[] a = Files.readAllBytes(file);
        byte[] b = Files.readAllBytes(second);
        try (ModelServer server = ServeFixture.start(file, FIXTURE.data(), null)) {
            Http http = new Http(server);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = switch (n++ % 3) {
                                case 0 -> http.get("/v1/users/" + (1 + client) + "/recommendations?k=5");
                                case 1 -> http.get("/v1/items/" + (101 + client) + "/similar");
                                default -> http.post("/v1/recommendations", "{\"liked\": [\"102\", \"104\"], \"disliked\": [\"101\"]}");
                            };
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
            for (int k = 0; k < 10; k++) {
                byte[] next = k % 2 == 0 ? b : a;
                org.tripletrec.io.AtomicFiles.write(file, out -> out.write(next));
                assertThat(http.post("/admin/reload", "").statusCode()).isEqualTo(200);
                Thread.sleep(30);
            }
            running.set(false);
            for (Future<?> f : futures) {
                f.get();
            }
            clients.shutdown();
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isGreaterThan(50);
            assertThat(health(http).get("version").asLong()).isEqualTo(11);
        }
    }

    private static JsonNode health(Http http) throws Exception {
        return Http.json(http.get("/health")).get("model");
    }
}
