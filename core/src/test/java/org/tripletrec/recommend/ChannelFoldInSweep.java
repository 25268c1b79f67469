package org.tripletrec.recommend;

import java.nio.file.*;
import java.util.*;
import org.tripletrec.data.*;
import org.tripletrec.eval.*;
import org.tripletrec.model.*;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.train.*;

/**
 * Research tool, not a test: CONFIG SPLIT SPEC...; each SPEC is three channel plans (main/exposure/preference)
 * joined by '/', each "passes,lr,ridge,pool,dislikeWeight,towardMean(0|1),warp(0|1),fill,question(-|MAIN|EXPOSURE|
 * PREFERENCE),spread" (spread C > 0: ridge = C / the trained users' mean squared norm in the channel); or
 * "JOINT,passes,lr,ridge": one vector fitted into the joined columns as a plain model. Prints ndcg@10 of the
 * folded users and its ratio to the trained users'.
 */
public class ChannelFoldInSweep {
    static FoldIn.Plan plan(String t) {
        String[] f = t.split(",");
        return new FoldIn.Plan(new FoldIn.Settings(Integer.parseInt(f[0]), Float.parseFloat(f[1]), Float.parseFloat(f[2]),
                Integer.parseInt(f[3]), Float.parseFloat(f[4])), f[5].equals("1"), f[6].equals("1"), Float.parseFloat(f[7]),
                f.length > 8 && !f[8].equals("-") ? FoldIn.Question.valueOf(f[8]) : null, f.length > 9 ? Float.parseFloat(f[9]) : 0f);
    }

    public static void main(String[] args) throws Exception {
        String cfgName = args[0], split = args[1];
        TrainerConfig config = ChannelFoldInProbe.config(cfgName);
        Dataset data = ChannelFoldInProbe.data(split);
        Path file = Path.of(System.getProperty("java.io.tmpdir") + "/chanfold-" + cfgName + "-" + split + ".ttr");
        EmbeddingModel model;
        if (Files.exists(file)) model = ModelFormat.load(file);
        else { model = new Trainer(config).fit(data, TrainingListener.NONE); ModelFormat.save(model, file); }
        Interactions train = data.trainInteractions(config.policy());
        Interactions test = data.testInteractions(config.policy());
        Evaluator ev = Evaluator.builder().ks(10).build();
        Metrics tm = ev.evaluate(model, train, test);
        double trained = tm.get(Metrics.ndcgAt(10));
        System.out.printf(Locale.ROOT, "%s %s trained %.4f%n", cfgName, split, trained);
        for (int a = 2; a < args.length; a++) {
            if (args[a].startsWith("JOINT")) {
                String[] f = args[a].split(",");
                TrainerConfig plain = config.toBuilder().exposureWeight(0).dislikeWeight(0).build();
                EmbeddingModel pm = new EmbeddingModel(model.dim(), model.userFactors(), model.itemFactors(), model.itemBias(),
                        model.users(), model.items(), new ModelInfo(1, plain, "", "x", java.time.Instant.EPOCH, Map.of()));
                FoldIn fi = new FoldIn(pm, new FoldIn.Settings(Integer.parseInt(f[1]), Float.parseFloat(f[2]), Float.parseFloat(f[3]), 128, 0.25f));
                double strict = ChannelFoldInProbe.ndcg(ev, model, ChannelFoldInProbe.table(model, fi, train, false), train, test);
                double warm = ChannelFoldInProbe.ndcg(ev, model, ChannelFoldInProbe.table(model, fi, train, true), train, test);
                System.out.printf(Locale.ROOT, "%-90s strict %.4f (%.3f) warm %.4f (%.3f)%n", args[a], strict, strict / trained, warm, warm / trained);
                continue;
            }
            String[] parts = args[a].split("/");
            FoldIn.PLANS = new FoldIn.Plan[] {plan(parts[0]), plan(parts[1]), plan(parts[2])};
            FoldIn foldIn = new FoldIn(model);
            double strict = ChannelFoldInProbe.ndcg(ev, model, ChannelFoldInProbe.table(model, foldIn, train, false), train, test);
            double warm = ChannelFoldInProbe.ndcg(ev, model, ChannelFoldInProbe.table(model, foldIn, train, true), train, test);
            System.out.printf(Locale.ROOT, "%-90s strict %.4f (%.3f) warm %.4f (%.3f)%n", args[a], strict, strict / trained, warm, warm / trained);
        }
    }
}
