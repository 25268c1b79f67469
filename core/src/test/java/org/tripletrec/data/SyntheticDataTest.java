package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic data generator, and the ratings reader's fast path on the files it writes. */
class SyntheticDataTest {

    private static byte[] bytes(SyntheticData g) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        g.write(out);
        return out.toByteArray();
    }

    @Test
    void sameSettingsGiveTheSameBytesAndAnotherSeedOthers() throws IOException {
        SyntheticData a = SyntheticData.builder().users(50).items(80).interactions(1000).seed(3).build();
        assertThat(bytes(a)).isEqualTo(bytes(SyntheticData.builder().users(50).items(80).interactions(1000).seed(3).build()));
        assertThat(bytes(a)).isNotEqualTo(bytes(SyntheticData.builder().users(50).items(80).interactions(1000).seed(4).build()));
    }

    @Test
    void theFileHasTheRequestedShapeAndReadsBack(@TempDir Path dir) throws IOException {
        int users = 300, items = 500;
        long n = 20_000;
        Path file = dir.resolve("ratings.tsv");
        SyntheticData.Summary s = SyntheticData.builder().users(users).items(items).interactions(n).seed(9).build()
                .write(file);
        assertThat(s.interactions()).isEqualTo(n);
        long total = 0;
        for (int k = 1; k <= 5; k++) {
            assertThat(s.stars()[k]).as("%d stars", k).isPositive();
            total += s.stars()[k];
        }
        assertThat(total).isEqualTo(n);
        // MovieLens-like shares: roughly a fifth 5s, a sixth <= 2
        assertThat(s.stars()[5] / (double) n).isBetween(0.15, 0.30);
        assertThat((s.stars()[1] + s.stars()[2]) / (double) n).isBetween(0.10, 0.25);

        IdIndex u = new IdIndex(), i = new IdIndex();
        RatingLog log = RatingsReader.read(file, RatingsFormat.defaults(), u, i, new ReadStats());
        assertThat(log.size()).isEqualTo((int) n);
        assertThat(u.size()).isEqualTo(users); // every user has at least one rating
        assertThat(i.size()).isLessThanOrEqualTo(items);
        assertThat(log.deduplicated().size()).as("no repeated (user, item) pair").isEqualTo((int) n);
        // power-law popularity: the most rated item has far more ratings than the median one
        int[] perItem = new int[i.size()];
        for (int k = 0; k < log.size(); k++) {
            perItem[log.item(k)]++;
        }
        java.util.Arrays.sort(perItem);
        assertThat(perItem[perItem.length - 1]).isGreaterThan(5 * Math.max(1, perItem[perItem.length / 2]));
        // times increase per user
        for (int k = 1; k < log.size(); k++) {
            if (log.user(k) == log.user(k - 1)) {
                assertThat(log.time(k)).isGreaterThan(log.time(k - 1));
            }
        }
    }

    @Test
    void tastesArePlanted() throws IOException {
        // With no noise, a user's stars are determined by their taste: two ratings of one item by users with
        // many ratings in common agree more often than chance. Here simply: noise 0 gives a different file.
        SyntheticData clean = SyntheticData.builder().users(50).items(80).interactions(1000).noise(0).build();
        SyntheticData noisy = SyntheticData.builder().users(50).items(80).interactions(1000).noise(1).build();
        assertThat(bytes(clean)).isNotEqualTo(bytes(noisy));
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThatThrownBy(() -> SyntheticData.builder().users(10).items(10).interactions(60).build())
                .hasMessageContaining("do not fit");
        assertThatThrownBy(() -> SyntheticData.builder().users(10).items(10).interactions(5).build())
                .hasMessageContaining("at least one interaction per user");
    }

    @Test
    void readerFastPathKeepsTheGeneralPathsIdsValuesAndErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.tsv");
        Files.writeString(file, String.join("\n",
                "7\t1\t3.25\t100",
                "007\t1\t4\t101",      // a different user id than 7
                " 7\t2\t4\t102",       // stripped by the general path: user 7
                "8\t3\tbad\t103",      // bad rating: skipped, and user 8 must not enter the catalogue
                "9\t4\t0.5",           // no time
                "10\t5\t5\t",          // empty time
                "7\t99999999\t1.0\t104"), StandardCharsets.UTF_8); // a long item id takes the general path
        IdIndex u = new IdIndex(), i = new IdIndex();
        ReadStats stats = new ReadStats();
        RatingLog log = RatingsReader.read(file, RatingsFormat.defaults().withSkipBadLines(true), u, i, stats);
        assertThat(stats.skipped()).isEqualTo(1);
        assertThat(u.ids()).containsExactly("7", "007", "9", "10");
        assertThat(i.ids()).containsExactly("1", "2", "4", "5", "99999999");
        assertThat(log.size()).isEqualTo(6);
        assertThat(log.rating(0)).isEqualTo((float) Double.parseDouble("3.25"));
        assertThat(log.user(2)).isEqualTo(0);
        assertThat(log.rating(3)).isEqualTo(0.5f);
        assertThat(log.time(3)).isZero();
        assertThat(log.time(4)).isZero();
        assertThat(log.item(5)).isEqualTo(4);
        assertThat(log.time(5)).isEqualTo(104);

        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "1\t2\t3\t4\n1\t2\tx\t5\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RatingsReader.read(bad, RatingsFormat.defaults()))
                .hasMessageContaining(":2").hasMessageContaining("rating 'x' is not a finite number");
    }
}
