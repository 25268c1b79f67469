package org.tripletrec.recommend.hnsw;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.recommend.Scored;
import org.tripletrec.train.Presets;

/**
 * A model with planted structure, small enough for a test to build graphs in well under a second: users and
 * items scattered around a few taste centres (as a trained model's are), item norms that vary, and item biases.
 */
final class PlantedCatalogue {
    private PlantedCatalogue() {}

    static EmbeddingModel model(int users, int items, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int centres = 12;
        float[][] centre = new float[centres][dim];
        for (float[] c : centre) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) gaussian(rng);
            }
        }
        float[] u = new float[users * dim];
        float[] v = new float[items * dim];
        float[] b = new float[items];
        fill(u, users, dim, centre, rng, 1f);
        fill(v, items, dim, centre, rng, 0f);
        for (int i = 0; i < items; i++) {
            b[i] = (float) (0.5 * gaussian(rng));
        }
        return new EmbeddingModel(dim, u, v, b, ids("u", users), ids("i", items),
                new ModelInfo(1, Presets.single(), "", "test", Instant.EPOCH, Map.of()));
    }

    /** Rows near a random centre, each scaled by its own length: norms spread as a trained table's do. */
    private static void fill(float[] table, int rows, int dim, float[][] centre, SplittableRandom rng, float fixedScale) {
        for (int r = 0; r < rows; r++) {
            float[] c = centre[rng.nextInt(centre.length)];
            float scale = fixedScale > 0 ? fixedScale : (float) (0.3 + 1.7 * rng.nextDouble());
            for (int j = 0; j < dim; j++) {
                table[r * dim + j] = scale * (c[j] + 0.6f * (float) gaussian(rng));
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double a = rng.nextDouble(), b = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
    }

    private static IdIndex ids(String prefix, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return IdIndex.of(ids);
    }

    /** Share of {@code truth}'s items that {@code found} holds. */
    static double recall(List<Scored> found, List<Scored> truth) {
        if (truth.isEmpty()) {
            return 1;
        }
        long hits = found.stream().filter(f -> truth.stream().anyMatch(t -> t.item() == f.item())).count();
        return (double) hits / truth.size();
    }
}
