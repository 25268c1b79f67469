package org.tripletrec.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.hnsw.IndexSpec;
import org.tripletrec.train.Presets;
import picocli.CommandLine;

class IndexOptionsTest {

    /** A catalogue at the size where auto turns to HNSW, in one dimension so that it costs nothing to make. */
    private static EmbeddingModel large() {
        int items = IndexSpec.AUTO_HNSW_ITEMS;
        List<String> ids = new ArrayList<>(items);
        float[] v = new float[items];
        for (int i = 0; i < items; i++) {
            ids.add("i" + i);
            v[i] = i % 97;
        }
        return new EmbeddingModel(1, new float[] {1f}, v, null, IdIndex.of(List.of("u")), IdIndex.of(ids),
                new ModelInfo(1, Presets.single(), "", "test", Instant.EPOCH, Map.of()));
    }

    @Test
    void autoAnswersOneQueryExactlyUnlessAnIndexFileIsKept() {
        EmbeddingModel model = large();
        IndexOptions auto = CommandLine.populateCommand(new IndexOptions());
        assertThat(auto.spec().kind().resolve(model.numItems())).isEqualTo(IndexSpec.Kind.HNSW);
        assertThat(auto.openForOneQuery(model, line -> {})).isInstanceOf(ExactIndex.class);
        IndexOptions exact = CommandLine.populateCommand(new IndexOptions(), "--index", "exact");
        assertThat(exact.open(model, line -> {})).isInstanceOf(ExactIndex.class);
        IndexOptions settings = CommandLine.populateCommand(new IndexOptions(), "--hnsw-m", "24",
                "--ef-construction", "50", "--ef-search", "30");
        assertThat(settings.spec().hnsw().m()).isEqualTo(24);
        assertThat(settings.spec().hnsw().efConstruction()).isEqualTo(50);
        assertThat(settings.spec().hnsw().efSearch()).isEqualTo(30);
        assertThat(settings.spec().hnsw().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
