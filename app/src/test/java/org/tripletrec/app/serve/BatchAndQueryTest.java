package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.LoadReport;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.Scored;

/** The library forms of the server's answers: batch top-k for every user, and fold-in from raw ids. */
class BatchAndQueryTest {
    private static final ServeFixture FIXTURE = new ServeFixture();

    @TempDir
    Path dir;

    @Test
    void batchWritesEveryUsersTopKInOrderWithoutRatedItems() throws Exception {
        EmbeddingModel model = FIXTURE.train(1);
        Dataset data = new Dataset("fixture", FIXTURE.users, FIXTURE.items, FIXTURE.ratings, FIXTURE.ratings,
                FIXTURE.titles, LoadReport.empty());
        Path out = dir.resolve("recs.csv");
        int users = new BatchRecommendations(model, data, FIXTURE.titles).write(out, 3, 2);
        assertThat(users).isEqualTo(ServeFixture.USERS);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("user,rank,item,score,title");
        assertThat(lines).hasSize(1 + 3 * ServeFixture.USERS);
        for (int u = 0; u < ServeFixture.USERS; u++) {
            String user = model.users().id(u);
            Set<String> rated = FIXTURE.ratedBy(user);
            for (int r = 0; r < 3; r++) {
                String[] f = lines.get(1 + 3 * u + r).split(",", 5);
                assertThat(f[0]).isEqualTo(user);
                assertThat(f[1]).isEqualTo(Integer.toString(r + 1));
                assertThat(rated).doesNotContain(f[2]);
                assertThat(f[4]).isEqualTo(FIXTURE.titles.get(f[2]));
            }
        }
        // nothing left behind but the file itself
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("recs.csv");
        }
        assertThat(BatchRecommendations.csv("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    }

    @Test
    void foldInQueryGivesTheSameListAsTheServer() throws Exception {
        Path file = FIXTURE.writeModel(dir.resolve("m.trm"), 1);
        EmbeddingModel model = org.tripletrec.io.ModelFormat.load(file);
        List<Scored> local = FoldInQuery.recommend(model, List.of("102", "104"), List.of("101"), 5);
        try (ModelServer server = ServeFixture.start(file, FIXTURE.data(), null)) {
            JsonNode body = ServeFixture.Http.json(new ServeFixture.Http(server).post("/v1/recommendations",
                    "{\"liked\": [\"102\", \"104\"], \"disliked\": [\"101\"], \"k\": 5}"));
            List<String> remote = new ArrayList<>();
            body.get("items").forEach(n -> remote.add(n.get("item").asText()));
            assertThat(local.stream().map(s -> model.items().id(s.item())).toList()).isEqualTo(remote);
        }
        assertThatThrownBy(() -> FoldInQuery.recommend(model, List.of("102", "zz"), List.of("yy"), 5))
                .hasMessageContaining("zz, yy");
        assertThatThrownBy(() -> FoldInQuery.recommend(model, List.of(), List.of(), 5)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> FoldInQuery.recommend(model, List.of("102"), List.of("102"), 5))
                .hasMessageContaining("both");
    }
}
