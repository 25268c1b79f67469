package org.tripletrec.recommend;

import java.nio.file.*;
import java.util.*;
import java.util.stream.IntStream;
import org.tripletrec.data.*;
import org.tripletrec.eval.*;
import org.tripletrec.model.*;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.train.*;

/**
 * Research tool, not a test: trains CONFIG (default, e1 = default with exposure weight 1, tuned =
 * docs/configs/default-tuned.json, cautious) on SPLIT (ua, or val = ua.base with holdout:10), folds every user in
 * from their train ratings and prints ndcg@10 of trained and folded vectors, and per channel: the folded channel
 * swapped into the trained vectors, each channel alone, the score correlation and mean norms. Optional 4th
 * argument: a plan as ChannelFoldInSweep reads it. Run with the test classpath: java ... ChannelFoldInProbe tuned val diag
 */
public class ChannelFoldInProbe {
    static Path DATA = Path.of(System.getenv("TRIPLETREC_DATA"));

    static TrainerConfig config(String name) {
        TrainerConfig d = Presets.defaults();
        return switch (name) {
            case "default" -> d;
            case "e1" -> d.toBuilder().exposureWeight(1f).build();
            case "tuned" -> d.toBuilder().dim(72).epochs(36).learningRate(0.094f).loss(Loss.BPR).margin(1.38f)
                    .userReg(0.008f).itemReg(0.008f).sampler("0.33*warp+0.18*neutral-warp+0.50*disliked-warp")
                    .exposureWeight(0.61f).dislikeWeight(1.57f).build();
            case "cautious" -> Presets.cautious();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Dataset data(String split) {
        if (split.equals("ua")) {
            return DatasetLoader.builder().dataset(DatasetLoader.ML_100K).dataDir(DATA).build().load();
        }
        return DatasetLoader.builder().ratingsFile(DATA.resolve("ml-100k/ua.base")).split("holdout:10").build().load();
    }

    public static void main(String[] args) throws Exception {
        String cfgName = args[0], split = args[1];
        String mode = args.length > 2 ? args[2] : "diag";
        if (args.length > 3) {
            String[] parts = args[3].split("/");
            FoldIn.PLANS = new FoldIn.Plan[] {ChannelFoldInSweep.plan(parts[0]), ChannelFoldInSweep.plan(parts[1]), ChannelFoldInSweep.plan(parts[2])};
        }
        TrainerConfig config = config(cfgName);
        Dataset data = data(split);
        Path file = Path.of(System.getProperty("java.io.tmpdir") + "/chanfold-" + cfgName + "-" + split + ".ttr");
        EmbeddingModel model;
        if (Files.exists(file)) {
            model = ModelFormat.load(file);
        } else {
            long t0 = System.nanoTime();
            model = new Trainer(config).fit(data, TrainingListener.NONE);
            System.out.printf("trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            ModelFormat.save(model, file);
        }
        Interactions train = data.trainInteractions(config.policy());
        Interactions test = data.testInteractions(config.policy());
        Evaluator ev = Evaluator.builder().ks(10).build();
        double trained = ev.evaluate(model, train, test).get(Metrics.ndcgAt(10));
        FoldIn foldIn = new FoldIn(model);
        float[] strictT = table(model, foldIn, train, false);
        float[] warmT = table(model, foldIn, train, true);
        double strict = ndcg(ev, model, strictT, train, test);
        double warm = ndcg(ev, model, warmT, train, test);
        System.out.printf(Locale.ROOT, "%s %s: trained %.4f folded strict %.4f (%.3f) warm %.4f (%.3f)%n", cfgName, split,
                trained, strict, strict / trained, warm, warm / trained);
        if (!mode.equals("diag") || !config.hasChannels()) return;
        int dim = model.dim(), d = config.dim(), k = dim / d;
        float[] U = model.userFactors();
        for (int c = 0; c < k; c++) {
            float[] swap = U.clone();
            float[] only = new float[U.length];
            float[] onlyF = new float[U.length];
            for (int u = 0; u < model.numUsers(); u++) {
                for (int j = 0; j < d; j++) {
                    int at = u * dim + c * d + j;
                    swap[at] = strictT[at];
                    only[at] = U[at];
                    onlyF[at] = strictT[at];
                }
            }
            double sw = ndcg(ev, model, swap, train, test);
            double on = ndcg(ev, model, only, train, test);
            double onF = ndcg(ev, model, onlyF, train, test);
            // per-user pearson of the channel's scores (no bias) and norms
            double corr = 0, nT = 0, nF = 0;
            float[] V = model.itemFactors();
            int n = model.numItems();
            double[] a = new double[n], b = new double[n];
            for (int u = 0; u < model.numUsers(); u++) {
                double nt = 0, nf = 0;
                for (int j = 0; j < d; j++) { nt += U[u*dim+c*d+j]*U[u*dim+c*d+j]; nf += strictT[u*dim+c*d+j]*strictT[u*dim+c*d+j]; }
                nT += Math.sqrt(nt); nF += Math.sqrt(nf);
                for (int i = 0; i < n; i++) {
                    double x = 0, y = 0;
                    for (int j = 0; j < d; j++) { x += U[u*dim+c*d+j]*V[i*dim+c*d+j]; y += strictT[u*dim+c*d+j]*V[i*dim+c*d+j]; }
                    a[i] = x; b[i] = y;
                }
                corr += pearson(a, b);
            }
            int m = model.numUsers();
            System.out.printf(Locale.ROOT, "channel %d: swap-in folded %.4f (%.3f); alone trained %.4f folded %.4f; score corr %.3f; |u| trained %.3f folded %.3f%n",
                    c, sw, sw / trained, on, onF, corr / m, nT / m, nF / m);
        }
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length; double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
        ma /= n; mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) { sab += (a[i]-ma)*(b[i]-mb); saa += (a[i]-ma)*(a[i]-ma); sbb += (b[i]-mb)*(b[i]-mb); }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    static double ndcg(Evaluator ev, EmbeddingModel model, float[] table, Interactions train, Interactions test) {
        int dim = model.dim();
        Scorer s = new Scorer() {
            @Override public int numUsers() { return model.numUsers(); }
            @Override public int numItems() { return model.numItems(); }
            @Override public void scoreAll(int u, float[] out) { model.scoreAll(table, u * dim, out); }
        };
        return ev.evaluate(s, train, test).get(Metrics.ndcgAt(10));
    }

    static float[] table(EmbeddingModel model, FoldIn foldIn, Interactions train, boolean warmLikes) {
        int dim = model.dim();
        float[] table = new float[model.numUsers() * dim];
        for (int u = 0; u < model.numUsers(); u++) {
            int user = u;
            int[] liked = train.positives(u).toArray();
            if (warmLikes) {
                int[] warm = IntStream.of(train.neutrals(u).toArray()).filter(i -> train.rating(user, i) >= 4).toArray();
                liked = IntStream.concat(IntStream.of(liked), IntStream.of(warm)).toArray();
            }
            float[] w = foldIn.userVector(liked, train.negatives(u).toArray());
            System.arraycopy(w, 0, table, u * dim, dim);
        }
        return table;
    }
}
