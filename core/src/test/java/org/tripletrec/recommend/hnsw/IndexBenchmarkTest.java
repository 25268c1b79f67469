package org.tripletrec.recommend.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;

class IndexBenchmarkTest {

    @Test
    void percentilesAreNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(IndexBenchmark.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(IndexBenchmark.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(IndexBenchmark.percentile(sorted, 0.0)).isEqualTo(1);
        assertThat(IndexBenchmark.percentile(new double[] {7}, 0.99)).isEqualTo(7);
    }

    @Test
    void exactSearchRecallsEverythingAndAGraphNearlyAll() {
        EmbeddingModel model = PlantedCatalogue.model(100, 1500, 8, 4);
        IndexBenchmark bench = new IndexBenchmark(model, 60, 10, 2, 1);
        ExactIndex exact = new ExactIndex(model);
        int[][] truth = bench.truth(exact);
        assertThat(truth).hasNumberOfRows(60);
        for (int[] t : truth) {
            assertThat(t).hasSize(10);
        }

        IndexBenchmark.Result e = bench.exact(exact, truth);
        assertThat(e.kind()).isEqualTo("exact");
        assertThat(e.recall()).isEqualTo(1.0);
        assertThat(e.p99Millis()).isGreaterThanOrEqualTo(e.p50Millis()).isPositive();
        assertThat(e.p99CpuMillis()).isGreaterThanOrEqualTo(e.p50CpuMillis()).isPositive();
        assertThat(e.buildCpuSeconds()).isNaN();
        assertThat(e.qps()).isPositive();
        assertThat(e.indexBytes()).isEqualTo(exact.describe().bytes());

        HnswIndex index = HnswIndex.build(model, new HnswSettings(8, 40, 40, 1), BuildProgress.NONE);
        IndexBenchmark.Result h = bench.hnsw(index, truth);
        assertThat(h.kind()).isEqualTo("hnsw");
        assertThat(h.m()).isEqualTo(8);
        assertThat(h.efSearch()).isEqualTo(40);
        assertThat(h.recall()).isBetween(0.9, 1.0);
        assertThat(h.indexBytes()).isEqualTo(index.graphBytes());
        assertThat(h.buildSeconds()).isPositive();
        assertThat(h.withBuild(1.5, 2.5)).extracting(IndexBenchmark.Result::buildSeconds,
                IndexBenchmark.Result::buildCpuSeconds, IndexBenchmark.Result::recall).containsExactly(1.5, 2.5, h.recall());
        assertThat(IndexBenchmark.processCpuSeconds()).isPositive();
        // one candidate kept: the walk ends at the first local best, and recall drops
        assertThat(bench.hnsw(index.withEfSearch(1), truth).recall()).isLessThan(h.recall());
        assertThatThrownBy(() -> new IndexBenchmark(model, 0, 10, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
