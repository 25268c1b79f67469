package org.tripletrec.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Presets;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

/**
 * A research tool, not a test (docs/QUALITY.md runs it): how well each channel of a model with channels is folded
 * in. Trains a config on MovieLens 100k ua ({@code ua}) or on a validation split of ua.base alone ({@code val}: 10
 * ratings of each user held out, the loader's seed), folds every user in from their train ratings, and prints
 * ndcg@10 of the trained and the folded vectors, then per channel: the trained vectors with that channel's part
 * folded in instead, the channel alone (trained and folded), the mean per-user correlation of the channel's scores,
 * and the mean length of the channel's part of the user vectors (weighted, as the joined model holds them).
 *
 * <pre>java -cp core/target/test-classes:core/target/classes:DEPS org.tripletrec.recommend.ChannelFoldInProbe
 *     (default|e1|tuned|cautious|candidate) (ua|val) [RIDGE]</pre>
 * with TRIPLETREC_DATA set; {@code e1} is the default preset with {@code --exposure-weight 1}, {@code tuned} is
 * docs/configs/default-tuned.json, {@code candidate} docs/configs/default-candidate.json.
 */
public final class ChannelFoldInProbe {
    private ChannelFoldInProbe() {}

    static TrainerConfig config(String name) throws IOException {
        TrainerConfig d = Presets.single();
        return switch (name) {
            case "default" -> d;
            case "e1" -> d.toBuilder().exposureWeight(1f).build();
            case "tuned" -> FoldInMovieLensTest.docsConfig("default-tuned.json");
            case "candidate" -> FoldInMovieLensTest.docsConfig("default-candidate.json");
            case "cautious" -> Presets.cautious();
            default -> throw new IllegalArgumentException("unknown config " + name);
        };
    }

    public static void main(String[] args) throws IOException {
        TrainerConfig config = config(args[0]);
        Path dir = Path.of(System.getenv("TRIPLETREC_DATA"));
        Dataset data = args[1].equals("ua")
                ? DatasetLoader.builder().dataset(DatasetLoader.ML_100K).dataDir(dir).build().load()
                : DatasetLoader.builder().ratingsFile(dir.resolve("ml-100k/ua.base")).split("holdout:10").build().load();
        EmbeddingModel model = new Trainer(config).fit(data, TrainingListener.NONE);
        Interactions train = data.trainInteractions(config.policy());
        Interactions test = data.testInteractions(config.policy());
        Evaluator ev = Evaluator.builder().ks(10).build();
        // an optional third argument: the ridge constant of FoldIn.Settings (channel models: over each channel's spread)
        FoldIn foldIn = args.length > 2
                ? new FoldIn(model, new FoldIn.Settings(4, 1f, Float.parseFloat(args[2]), 128, 0.25f))
                : new FoldIn(model);
        float[] trainedTable = model.userFactors();
        float[] strictTable = FoldInMovieLensTest.foldedTable(model, foldIn, train, false);
        double trained = ndcg(ev, model, trainedTable, train, test);
        double strict = ndcg(ev, model, strictTable, train, test);
        double warm = ndcg(ev, model, FoldInMovieLensTest.foldedTable(model, foldIn, train, true), train, test);
        System.out.printf(Locale.ROOT, "%s %s: trained %.4f, folded strict %.4f (%.3f), warm %.4f (%.3f)%n", args[0],
                args[1], trained, strict, strict / trained, warm, warm / trained);
        if (!config.hasChannels()) {
            return;
        }
        int dim = model.dim();
        int d = config.dim();
        int users = model.numUsers();
        for (int c = 0; c < dim / d; c++) {
            float[] swapped = trainedTable.clone();
            float[] trainedPart = new float[trainedTable.length];
            float[] foldedPart = new float[trainedTable.length];
            for (int u = 0; u < users; u++) {
                for (int j = u * dim + c * d; j < u * dim + (c + 1) * d; j++) {
                    swapped[j] = strictTable[j];
                    trainedPart[j] = trainedTable[j];
                    foldedPart[j] = strictTable[j];
                }
            }
            double swap = ndcg(ev, model, swapped, train, test);
            double[] t = new double[model.numItems()];
            double[] f = new double[model.numItems()];
            double corr = 0;
            double lengthTrained = 0;
            double lengthFolded = 0;
            for (int u = 0; u < users; u++) {
                channelScores(model, trainedTable, u, c, d, t);
                channelScores(model, strictTable, u, c, d, f);
                corr += pearson(t, f);
                lengthTrained += Math.sqrt(org.tripletrec.model.Vectors.dot(trainedTable, u * dim + c * d,
                        trainedTable, u * dim + c * d, d));
                lengthFolded += Math.sqrt(org.tripletrec.model.Vectors.dot(strictTable, u * dim + c * d,
                        strictTable, u * dim + c * d, d));
            }
            System.out.printf(Locale.ROOT, "channel %d: folded swapped in %.4f (%.3f); alone trained %.4f, folded %.4f;"
                    + " score correlation %.3f; length trained %.3f, folded %.3f%n", c, swap, swap / trained,
                    ndcg(ev, model, trainedPart, train, test), ndcg(ev, model, foldedPart, train, test), corr / users,
                    lengthTrained / users, lengthFolded / users);
        }
    }

    private static double ndcg(Evaluator ev, EmbeddingModel model, float[] table, Interactions train, Interactions test) {
        return ev.evaluate(FoldInMovieLensTest.scorer(model, table), train, test).get(Metrics.ndcgAt(10));
    }

    /** User u's scores from channel c's columns alone (no bias). */
    private static void channelScores(EmbeddingModel model, float[] table, int u, int c, int d, double[] out) {
        int dim = model.dim();
        for (int i = 0; i < out.length; i++) {
            out[i] = org.tripletrec.model.Vectors.dot(table, u * dim + c * d, model.itemFactors(), i * dim + c * d, d);
        }
    }

    private static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
