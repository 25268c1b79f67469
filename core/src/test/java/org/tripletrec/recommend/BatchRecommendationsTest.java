package org.tripletrec.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/**
 * Every user's top k into one CSV. Model scores (dim 1, no biases): user a 3, 1, 2, 2, -1 for items i0..i4; user b
 * the negatives. a rated i0 and b rated i4, so a's top 2 is i2, i3 (tie: lower index first) and b's is i1, i2.
 */
class BatchRecommendationsTest {
    private final EmbeddingModel model = RecommenderTest.model();
    private final Map<String, String> titles = Map.of("i1", "One", "i2", "Two, \"The\"");

    @TempDir
    Path dir;

    private RatedItems rated() {
        RatingLog train = new RatingLog.Builder().add(0, 0, 5, 0).add(1, 4, 5, 0).build();
        return ModelRatings.of(model, train, model.users(), model.items());
    }

    @Test
    void writesEveryUsersTopKInUserOrderWithoutRatedItems() throws Exception {
        Path out = dir.resolve("recs.csv");
        int users = new BatchRecommendations(model, rated(), titles).write(out, 2, 2);
        assertThat(users).isEqualTo(2);
        assertThat(Files.readAllLines(out)).containsExactly(
                "user,rank,item,score,title",
                "a,1,i2,2.000000,\"Two, \"\"The\"\"\"",
                "a,2,i3,2.000000,",
                "b,1,i1,-1.000000,One",
                "b,2,i2,-2.000000,\"Two, \"\"The\"\"\"");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("recs.csv");
        }
    }

    @Test
    void withoutDataNothingIsLeftOut() throws Exception {
        Path out = dir.resolve("recs.csv");
        new BatchRecommendations(model, null, Map.of()).write(out, 1, 1);
        assertThat(Files.readAllLines(out)).containsExactly("user,rank,item,score,title", "a,1,i0,3.000000,",
                "b,1,i4,1.000000,");
    }

    @Test
    void aRequestFilterAppliesToEveryUserBesideTheirRatedItems() throws Exception {
        Path out = dir.resolve("recs.csv");
        ItemFilter filter = RequestFilter.none().withCandidates(List.of("i0", "i2", "i4")).resolve(model);
        new BatchRecommendations(model, new ExactIndex(model), rated(), Map.of(), filter).write(out, 3, 1);
        // a: i0 rated, so i2 (2) then i4 (-1); b: i4 rated, so i2 (-2) then i0 (-3)
        assertThat(Files.readAllLines(out)).containsExactly("user,rank,item,score,title",
                "a,1,i2,2.000000,", "a,2,i4,-1.000000,", "b,1,i2,-2.000000,", "b,2,i0,-3.000000,");
    }

    @Test
    void chosenUsersAreWrittenInTheOrderGiven() throws Exception {
        Path out = dir.resolve("recs.csv");
        int users = new BatchRecommendations(model, rated(), titles).write(out, 1, 2, new int[] {1, 0, 1});
        assertThat(users).isEqualTo(3);
        assertThat(Files.readAllLines(out)).containsExactly("user,rank,item,score,title", "b,1,i1,-1.000000,One",
                "a,1,i2,2.000000,\"Two, \"\"The\"\"\"", "b,1,i1,-1.000000,One");
    }

    @Test
    void moreUsersThanABlockStayInOrder() throws Exception {
        // 600 users over 3 blocks of 256 on 3 threads: the file is still in user order
        int n = 600;
        List<String> ids = java.util.stream.IntStream.range(0, n).mapToObj(u -> "u" + u).toList();
        float[] userVectors = new float[n];
        for (int u = 0; u < n; u++) {
            userVectors[u] = u % 2 == 0 ? 1f : -1f;
        }
        EmbeddingModel big = new EmbeddingModel(1, userVectors, model.itemFactors(), null,
                org.tripletrec.data.IdIndex.of(ids), model.items(), model.info());
        Path out = dir.resolve("big.csv");
        new BatchRecommendations(big, null, Map.of()).write(out, 1, 3);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(n + 1);
        for (int u = 0; u < n; u++) {
            assertThat(lines.get(u + 1)).isEqualTo("u" + u + ",1," + (u % 2 == 0 ? "i0,3.000000," : "i4,1.000000,"));
        }
    }
}
