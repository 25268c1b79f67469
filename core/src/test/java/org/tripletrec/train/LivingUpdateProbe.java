package org.tripletrec.train;

import static org.tripletrec.train.LivingDataMovieLensTest.LABELS;
import static org.tripletrec.train.LivingDataMovieLensTest.baseAlone;
import static org.tripletrec.train.LivingDataMovieLensTest.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;

/**
 * A research tool, not a test (docs/CATALOGUE.md runs it): the living-data protocol's three arms, in memory as
 * {@code LivingDataMovieLensTest} runs them, on the files of {@code bench/living/split.py} in DIR (base.tsv,
 * increment.tsv, all.tsv, test.tsv) for any config, and with the update's settings changed by system properties,
 * so that an update rule can be chosen on a validation split: split.py applied again to the protocol's all.tsv
 * (base + increment) makes one that never reads the protocol's test.
 *
 * <pre>java -cp core/target/test-classes:core/target/classes:DEPS [-Dlr=F] [-Dshrink=S] [-Dreplay=R]
 *     [-Depochs=N] [-Dfoldin=false] org.tripletrec.train.LivingUpdateProbe DIR PRESET SEED [ARMS]</pre>
 * {@code lr} multiplies the model's learning rate (instead of {@link Updater#defaults}' choice); ARMS is any of
 * {@code abc} (default all three). The base model and the full retrain are saved in DIR on their first run and read
 * back after, so that trying update settings costs only the update. Prints full_auc, ndcg@10, pos_neg_auc and
 * dislike@10 per arm.
 */
public final class LivingUpdateProbe {
    private LivingUpdateProbe() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[2]);
        TrainerConfig config = Presets.byName(args[1]).toBuilder().seed(seed).threads(1).build();
        String arms = args.length > 3 ? args[3] : "abc";
        Dataset base = DatasetLoader.builder().ratingsFile(dir.resolve("base.tsv")).split(SplitSpec.none()).build()
                .load();
        Dataset increment = DatasetLoader.builder().ratingsFile(dir.resolve("increment.tsv"))
                .testFile(dir.resolve("test.tsv")).build().load();
        Dataset all = DatasetLoader.builder().ratingsFile(dir.resolve("all.tsv")).testFile(dir.resolve("test.tsv"))
                .build().load();
        String tag = args[1] + "-s" + seed;
        EmbeddingModel old = trained(dir.resolve("base-" + tag + ".trm"), config, base, true);
        StringBuilder out = new StringBuilder(tag + " " + dir.getFileName());
        if (arms.contains("a")) {
            LivingDataMovieLensTest.BaseAlone a = baseAlone(old, all);
            out.append(figures("a", Evaluator.defaults().evaluate(a.model(), a.train(), test(all, a.model()))));
        }
        if (arms.contains("b")) {
            TrainerConfig model = old.info().config();
            TrainerConfig.Builder b = Updater.defaults(model).toBuilder();
            if (System.getProperty("lr") != null) {
                b.learningRate(model.learningRate() * Float.parseFloat(System.getProperty("lr")));
            }
            if (System.getProperty("epochs") != null) {
                b.epochs(Integer.parseInt(System.getProperty("epochs")));
            }
            Updater.Settings d = Updater.Settings.defaults();
            Updater.Settings settings = new Updater.Settings(
                    Double.parseDouble(System.getProperty("replay", Double.toString(d.replay()))),
                    Boolean.parseBoolean(System.getProperty("foldin", Boolean.toString(d.foldIn()))),
                    Double.parseDouble(System.getProperty("shrink", Double.toString(d.shrink()))));
            Updater.Result r = new Updater(b.build(), settings).update(old, increment.train(), increment.users(),
                    increment.items(), SideFeatures.none(), SideFeatures.none(), TrainingListener.NONE);
            out.append(figures("b", Evaluator.defaults().evaluate(r.model(), r.train(), test(all, r.model()))));
        }
        if (arms.contains("c")) {
            EmbeddingModel c = trained(dir.resolve("c-" + tag + ".trm"), config, all, false);
            out.append(figures("c", Evaluator.defaults().evaluate(c, all.trainInteractions(LABELS), test(all, c))));
        }
        System.out.println(out);
    }

    /** The model saved at {@code file}, else one trained on {@code data} and saved there. */
    private static EmbeddingModel trained(Path file, TrainerConfig config, Dataset data, boolean withRated)
            throws IOException {
        if (Files.exists(file)) {
            return ModelFormat.load(file);
        }
        EmbeddingModel m = new Trainer(config).fit(data, TrainingListener.NONE);
        if (withRated) {
            m = m.withRated(RatedItems.of(data.trainInteractions(LABELS)));
        }
        ModelFormat.save(m, file);
        return m;
    }

    private static String figures(String arm, Metrics m) {
        return String.format(Locale.ROOT, " | %s %.4f %.4f %.4f %.4f", arm, m.get("full_auc"), m.get("ndcg@10"),
                m.get("pos_neg_auc"), m.get("dislike@10"));
    }
}
