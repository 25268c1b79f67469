package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.tripletrec.testing.TestData;

/** Against the real MovieLens files; skipped (or failed with TRIPLETREC_REQUIRE_DATA=true) without them. */
class MovieLensIntegrationTest {

    @Test
    void ml100kUaSplit() {
        TestData.dataset("ml-100k");
        Path dataDir = TestData.dataDir();
        Dataset d = DatasetLoader.builder().dataset("ml-100k").dataDir(dataDir).build().load();
        assertThat(d.report().trainRows()).isEqualTo(90_570);
        assertThat(d.report().testRows()).isEqualTo(9_430);
        assertThat(d.numUsers()).isEqualTo(943);
        assertThat(d.numItems()).isEqualTo(1682);
        assertThat(d.report().duplicates()).isZero();
        assertThat(d.report().coldUsers()).isZero();
        // dense order is numeric id order
        for (int k = 0; k < d.numUsers(); k++) {
            assertThat(d.users().id(k)).isEqualTo(Integer.toString(k + 1));
        }
        for (int k = 0; k < d.numItems(); k++) {
            assertThat(d.items().id(k)).isEqualTo(Integer.toString(k + 1));
        }
        assertThat(d.title(0)).isEqualTo("Toy Story (1995)");
    }

    @Test
    void ml100kHoldoutAndLastUseUData() {
        Path dataDir = TestData.dataset("ml-100k").getParent();
        DatasetLoader loader = DatasetLoader.builder().dataset("ml-100k").dataDir(dataDir).split("last:10").build();
        Dataset last = loader.load();
        assertThat(last.report().trainRows() + last.report().testRows()).isEqualTo(100_000);
        assertThat(last.report().testRows()).isEqualTo(9_430);
        Dataset holdout = loader.toBuilder().split("holdout:0.1").seed(1).build().load();
        assertThat(holdout.report().trainRows() + holdout.report().testRows()).isEqualTo(100_000);
        assertThat(holdout.report().coldUsers()).isZero();
    }

    @Test
    void mlLatestSmallHasTitlesWithCommas() {
        Path dataDir = TestData.dataset("ml-latest-small").getParent();
        Dataset d = DatasetLoader.builder().dataset("ml-latest-small").dataDir(dataDir).build().load();
        // the pinned copy is the 2016 release (100,004 ratings, CRLF line ends) plus 16 ratings of a user 672
        // at time 0, one of them repeated: 100,020 rows, one duplicate
        assertThat(d.report().trainRows() + d.report().testRows()).isEqualTo(100_019);
        assertThat(d.report().duplicates()).isEqualTo(1);
        assertThat(d.numUsers()).isEqualTo(672);
        assertThat(d.users().id(671)).isEqualTo("672");
        assertThat(d.report().coldUsers()).isZero();
        assertThat(d.titles().values()).anyMatch(t -> t.contains(", The ("));
        assertThat(d.titles()).containsEntry("11", "American President, The (1995)");
    }
}
