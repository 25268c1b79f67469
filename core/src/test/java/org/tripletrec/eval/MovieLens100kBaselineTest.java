package org.tripletrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.testing.TestData;

/**
 * The popularity baseline on the MovieLens 100k ua split against the figures of docs/EVALUATION.md, and against
 * bench/reference/protocol.py to 1e-6 (exact values computed with it; full_auc differs from the reference's
 * printout only because the reference ranks a dummy item 0 too, which our catalogue does not have).
 * Skipped unless TRIPLETREC_DATA names the data folder.
 */
class MovieLens100kBaselineTest {
    private static final int USERS = 943;
    private static final int ITEMS = 1682;

    @Test
    void popularityOnSeedLabelsMatchesTheDocumentedFigures() throws IOException {
        Metrics m = evaluatePopularity(new FeedbackPolicy(5, 2));

        // EVALUATION.md, rounded to 3 decimals (dislike@10 to 4)
        assertThat(m.get("full_auc")).isCloseTo(0.883, within(0.0015));
        assertThat(m.get("pos_neg_auc")).isCloseTo(0.747, within(0.0015));
        assertThat(m.get("ndcg@10")).isCloseTo(0.136, within(0.0015));
        assertThat(m.get("dislike@10")).isCloseTo(0.0053, within(0.0015));
        // protocol.py with the dummy column dropped
        assertThat(m.users()).isEqualTo(757);
        assertThat(m.get("full_auc")).isCloseTo(0.8825253974, within(1e-6));
        assertThat(m.get("auc_unseen")).isCloseTo(0.8966667692, within(1e-6));
        assertThat(m.get("pos_neg_auc")).isCloseTo(0.7464896781, within(1e-6));
        assertThat(m.get("precision@10")).isCloseTo(0.0461030383, within(1e-6));
        assertThat(m.get("recall@10")).isCloseTo(0.1811846051, within(1e-6));
        assertThat(m.get("ndcg@10")).isCloseTo(0.1360364164, within(1e-6));
        assertThat(m.get("map@10")).isCloseTo(0.0874941114, within(1e-6));
        assertThat(m.get("dislike@10")).isCloseTo(0.0052840159, within(1e-6));
        assertThat(m.get("ndcg@20")).isCloseTo(0.1666153898, within(1e-6));
        assertThat(m.get("map@5")).isCloseTo(0.0781553647, within(1e-6));
        assertThat(m.get("coverage@20")).isCloseTo(0.0713436385, within(1e-6));
        assertThat(m.get("mrr")).isCloseTo(0.2104209563, within(1e-6));
    }

    @Test
    void popularityOnRatingFourLabelsMatchesTheDocumentedFullAuc() throws IOException {
        Metrics m = evaluatePopularity(new FeedbackPolicy(4, 2));

        assertThat(m.get("full_auc")).isCloseTo(0.860, within(0.0015));
        assertThat(m.users()).isEqualTo(934);
        assertThat(m.get("full_auc")).isCloseTo(0.8602566182, within(1e-6));
        assertThat(m.get("ndcg@10")).isCloseTo(0.1269899144, within(1e-6));
        assertThat(m.get("pos_neg_auc")).isCloseTo(0.6885394396, within(1e-6));
    }

    private static Metrics evaluatePopularity(FeedbackPolicy policy) throws IOException {
        Path dir = TestData.dataset("ml-100k");
        Interactions train = Interactions.of(read(dir.resolve("ua.base")), policy, USERS, ITEMS);
        Interactions test = Interactions.of(read(dir.resolve("ua.test")), policy, USERS, ITEMS);
        return Evaluator.defaults().evaluate(new PopularityScorer(train), train, test);
    }

    /** {@code user \t item \t rating \t time}, ids 1-based, so index = id - 1 (the ids are dense 1..943/1682). */
    private static RatingLog read(Path file) throws IOException {
        RatingLog.Builder b = new RatingLog.Builder();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t");
                b.add(Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]) - 1, Float.parseFloat(f[2]),
                        Long.parseLong(f[3]));
            }
        }
        return b.build();
    }
}
