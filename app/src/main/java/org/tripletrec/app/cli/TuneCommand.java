package org.tripletrec.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletrec.cli.Converters;
import org.tripletrec.cli.ConfigLine;
import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.FeatureOptions;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.eval.ColdStartEvaluator;
import org.tripletrec.eval.FeaturePopularityScorer;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.train.Catalogue;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.tune.ColdItems;
import org.tripletrec.tune.Confirmation;
import org.tripletrec.tune.Objective;
import org.tripletrec.tune.SearchSpace;
import org.tripletrec.tune.Trial;
import org.tripletrec.tune.TuneListener;
import org.tripletrec.tune.TuneResult;
import org.tripletrec.tune.TuneSplit;
import org.tripletrec.tune.Tuner;
import org.tripletrec.tune.ValidationSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches hyperparameters on a validation split carved from the training data; never reads the test set. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search hyperparameters (dim, learning rate, epochs by early stopping, L2, loss and margin,"
                + " sampler weights, exposure and preference channel weights) by random search with successive"
                + " halving, on a validation split carved from the training ratings alone, and write the best"
                + " config as JSON for 'train --config'.",
                "The test set is never read: a test file (ua.test, --test FILE) is not even opened, and the test"
                        + " part of a holdout or last:N split is dropped before anything sees it."},
        footer = {"", "Examples:",
                "  tripletrec tune --budget 300 --out tuned.json",
                "  tripletrec tune --objective ndcg@10 --max dislike@10=0.003 --out cautious.json",
                "  tripletrec tune --objective 'ndcg@10-10*dislike@10' --dim 64 --out blend.json",
                "  tripletrec train --config tuned.json"})
public final class TuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Option(names = "--cold-items", paramLabel = "F",
            description = "Hold out this share of the rated items (all their ratings, chosen with the validation"
                    + " seed) as new items: trials train without them, their features known, and every evaluation"
                    + " adds cold_auc, cold_pos_neg_auc, cold_ndcg@10 and cold_dislike@10 on them, which --objective,"
                    + " --min and --max can name. Needs --item-features. Off by default.")
    Double coldItems;

    @Option(names = "--validation", paramLabel = "SPEC", defaultValue = "holdout:0.1", converter = Converters.Split.class,
            description = "How to carve validation from the training ratings: holdout:FRACTION or holdout:N (per"
                    + " user, at random; ml-100k's ua and ub hold out 10 per user) or last:N (each user's latest N)."
                    + " Default: ${DEFAULT-VALUE}.")
    SplitSpec validation;

    @Option(names = "--validation-seed", paramLabel = "N", defaultValue = "7",
            description = "Seed of the validation holdout. Default: ${DEFAULT-VALUE}.")
    long validationSeed;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "300",
            description = "Wall time for the whole command, loading included. Default: ${DEFAULT-VALUE}.")
    double budget;

    @Option(names = "--objective", paramLabel = "EXPR", defaultValue = "ndcg@10",
            description = "What to maximise: a metric (ndcg@10) or a weighted sum (ndcg@10-10*dislike@10)."
                    + " Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--max", paramLabel = "METRIC=VALUE",
            description = "A bound the result must meet, e.g. --max dislike@10=0.004 (repeatable).")
    Map<String, Double> maxBounds = new LinkedHashMap<>();

    @Option(names = "--min", paramLabel = "METRIC=VALUE",
            description = "A lower bound, e.g. --min pos_neg_auc=0.82 (repeatable).")
    Map<String, Double> minBounds = new LinkedHashMap<>();

    @Option(names = "--trials", paramLabel = "N", defaultValue = "1000000",
            description = "The most trials to draw (the budget usually ends the search first).")
    int maxTrials;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Trials trained at once, one thread each (default: the number of cores).")
    Integer parallel;

    @Option(names = "--max-epochs", paramLabel = "N", defaultValue = "0",
            description = "The most epochs a trial trains; the best epoch on validation is kept (default: twice"
                    + " the base config's epochs).")
    int maxEpochs;

    @Option(names = "--search", paramLabel = "KEYS", split = ",",
            description = "Only these keys are drawn (default: all of " + "dim, learning_rate, user_reg, item_reg,"
                    + " loss, margin, sampler, exposure_weight, dislike_weight; the channels' own channel_loss,"
                    + " channel_learning_rate, channel_user_reg and channel_item_reg only when named here). A"
                    + " training flag given to tune (e.g. --dim 64) fixes its key.")
    List<String> searchKeys;

    @Option(names = "--finalists", paramLabel = "N", defaultValue = "3",
            description = "How many of the best trials are trained again on --confirm-seeds further seeds; the"
                    + " best mean wins. Default: ${DEFAULT-VALUE}.")
    int finalists;

    @Option(names = "--confirm-seeds", paramLabel = "N", defaultValue = "2",
            description = "Further runs per finalist, each with a further seed on a further validation split"
                    + " (validation seed + 1, + 2, ...). Default: ${DEFAULT-VALUE}.")
    int confirmSeeds;

    @Option(names = "--search-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the random search: trial i always draws the same config. Default: ${DEFAULT-VALUE}.")
    long searchSeed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the best config here as JSON (the keys of a metrics file's \"config\"), for"
                    + " 'train --config FILE'.")
    Path out;

    @Option(names = "--trials-out", paramLabel = "FILE.csv", description = "Write every trial as a CSV row.")
    Path trialsOut;

    private Dataset trainOnly;
    private Catalogue catalogue;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (!(budget > 0)) {
            throw new UserInputException("--budget must be a positive number of seconds, got " + budget);
        }
        if (validation.kind() != SplitSpec.Kind.HOLDOUT && validation.kind() != SplitSpec.Kind.LAST) {
            throw new UserInputException("--validation must be holdout:FRACTION, holdout:N or last:N, got "
                    + validation);
        }
        Objective goal = objective();
        checkColdItems(goal);
        TrainerConfig base = training.config();
        SearchSpace space = space();
        TrainCommand.checkWritable(out, "--out");
        TrainCommand.checkWritable(trialsOut, "--trials-out");
        DatasetLoader loader = data.loader();
        catalogue = Catalogue.of(loader.loadTrainOnly(), features.users(loader), features.items(loader), base);
        trainOnly = catalogue.data();
        FeedbackPolicy policy = base.policy();
        ColdItems held = coldItems == null ? null : ColdItems.holdOut(trainOnly, coldItems, validationSeed);
        Dataset carved = ValidationSplit.carve(held == null ? trainOnly : held.split(), validation, validationSeed);
        TuneSplit split = split(carved, held, policy);
        Interactions train = split.train();
        Interactions val = split.validation();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "data %s (split %s, test part not read): %,d users, %,d items; validation %s (seed %d):"
                        + " train %,d ratings (%,d likes), validation %,d (%,d likes, %,d dislikes)%n",
                trainOnly.name(), loader.split(), carved.numUsers(), carved.numItems(), validation, validationSeed,
                carved.train().size(), train.anchorCount(), carved.test().size(), val.anchorCount(),
                val.totalNegatives());
        if (catalogue.hasFeatures()) {
            o.println(TrainingRun.describeFeatures(catalogue, base));
        }
        if (held != null) {
            describeColdItems(o, held, split);
        }
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UserInputException("--parallel must be at least 1, got " + threads);
        }
        double left = budget - (System.nanoTime() - start) / 1e9;
        if (left <= 1) {
            throw new UserInputException("the budget of " + budget + " s was spent loading the data; give more");
        }
        o.printf(Locale.ROOT, "tuning: objective %s; searching %s; %d trials at a time, budget %.0f s%n", goal,
                String.join(", ", space.searched()), threads, budget);
        TrialTable table = new TrialTable(o, goal, held != null);
        table.header();
        TuneResult result;
        try {
            result = tune(split, carved, base, space, goal, left, threads, table);
        } catch (IllegalStateException e) {
            throw new UserInputException(e.getMessage()); // the budget was too short for a single evaluation
        }
        report(o, result, goal);
        o.flush();
        return ErrorHandler.OK;
    }

    private TuneResult tune(TuneSplit split, Dataset carved, TrainerConfig base, SearchSpace space, Objective goal,
                            double left, int threads, TrialTable table) {
        Tuner.Builder b = Tuner.builder();
        for (int s = 1; s <= confirmSeeds; s++) {
            long seed = validationSeed + s;
            ColdItems held = coldItems == null ? null : ColdItems.holdOut(trainOnly, coldItems, seed);
            Dataset again = ValidationSplit.carve(held == null ? trainOnly : held.split(), validation, seed);
            b.confirmOn(split(again, held, base.policy()));
        }
        return b
                .data(split, carved.users(), carved.items())
                .features(catalogue.userFeatures(), catalogue.itemFeatures())
                .base(base)
                .space(space)
                .objective(goal)
                .budgetSeconds(left * 0.97) // the rest writes the output
                .maxTrials(maxTrials)
                .parallel(threads)
                .maxEpochs(maxEpochs)
                .confirm(finalists, confirmSeeds)
                .seed(searchSeed)
                .listener(table)
                .build()
                .run();
    }

    private void report(PrintWriter o, TuneResult result, Objective goal) throws IOException {
        o.println();
        o.printf(Locale.ROOT, "%d trials in %.0f s; best %s%s%n", result.trials().size(), result.seconds(),
                result.confirmed() ? "by the mean over " + confirmSeeds + " further seeds and validation splits"
                        : "trial (not confirmed:"
                        + " out of time)", goal.feasible(result.bestMetrics()) ? "" : " (no trial met the bounds)");
        o.println("best config: " + ConfigLine.of(training.preset(), result.best()).substring(10));
        o.println("validation: " + TrialTable.metricsLine(result.bestMetrics()));
        if (result.baseline() != null) {
            o.println("the starting config, measured as the finalists were: "
                    + TrialTable.metricsLine(result.baseline()) + String.format(Locale.ROOT, " (objective %.4f)",
                    goal.value(result.baseline())));
        }
        if (out != null) {
            Json.write(out, Json.config(training.preset(), result.best()));
            o.println("config written to " + out + " (train with: tripletrec train --config " + out + ")");
        }
        if (trialsOut != null) {
            writeTrials(trialsOut, result, goal, coldItems != null);
            o.println("trials written to " + trialsOut);
        }
    }

    /** The warm split, with the held-out items and their ratings when there are any. */
    private static TuneSplit split(Dataset carved, ColdItems held, FeedbackPolicy policy) {
        Interactions train = carved.trainInteractions(policy);
        Interactions val = carved.testInteractions(policy);
        return held == null ? TuneSplit.warm(train, val)
                : new TuneSplit(train, val, held.items(), held.split().testInteractions(policy));
    }

    private void checkColdItems(Objective goal) {
        if (features.coldMetrics()) {
            throw new UserInputException("--cold-metrics is for train and evaluate; tune measures new items it holds"
                    + " out with --cold-items F");
        }
        if (coldItems == null) {
            if (goal.namesColdMetric()) {
                throw new UserInputException("the objective " + goal + " names a cold-start metric, which needs"
                        + " --cold-items F");
            }
            return;
        }
        if (!(coldItems > 0 && coldItems < 1)) {
            throw new UserInputException("--cold-items must be a share between 0 and 1 (exclusive), such as 0.2,"
                    + " got " + coldItems);
        }
        if (!features.hasItemFeatures()) {
            throw new UserInputException("--cold-items needs --item-features: an item nobody rated is scored from"
                    + " its features alone");
        }
    }

    private void describeColdItems(PrintWriter o, ColdItems held, TuneSplit split) {
        Interactions cold = split.coldValidation();
        o.printf(Locale.ROOT, "new items: %,d of the rated items held out (--cold-items %s, seed %d) with their %,d"
                        + " ratings (%,d likes, %,d dislikes)%n", held.items().length, coldItems, validationSeed,
                held.split().test().size(), cold.anchorCount(), cold.totalNegatives());
        // --cold-items needs item features (checkColdItems), so genre popularity is always there to print
        Metrics floor = ColdStartEvaluator.defaults().evaluate(
                new FeaturePopularityScorer(split.train(), catalogue.itemFeatures()), cold, held.items());
        o.println("feature popularity on them: " + TrialTable.coldLine(floor));
    }

    private Objective objective() {
        Objective goal = Objective.parse(objective);
        for (Map.Entry<String, Double> e : maxBounds.entrySet()) {
            goal = goal.withMax(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Double> e : minBounds.entrySet()) {
            goal = goal.withMin(e.getKey(), e.getValue());
        }
        return goal;
    }

    private SearchSpace space() {
        SearchSpace space = SearchSpace.all();
        if (searchKeys != null) {
            List<String> known = new ArrayList<>(SearchSpace.KEYS);
            known.addAll(SearchSpace.CHANNEL_KEYS);
            for (String k : searchKeys) {
                if (!known.contains(k.strip())) {
                    throw new UserInputException("--search: unknown key '" + k + "' (" + String.join(", ", known)
                            + ")");
                }
            }
            space = SearchSpace.of(searchKeys.stream().map(String::strip).toList());
        }
        space = space.fixing(training.givenKeys());
        if (space.searched().isEmpty()) {
            throw new UserInputException("nothing left to search: every key is fixed");
        }
        return space;
    }

    private static void writeTrials(Path file, TuneResult result, Objective goal, boolean cold) throws IOException {
        StringBuilder csv = new StringBuilder("trial,status,best_epoch,epochs_run,seconds,objective,full_auc,"
                + "pos_neg_auc,ndcg@10,dislike@10,dim,learning_rate,user_reg,item_reg,loss,margin,sampler,"
                + "exposure_weight,dislike_weight" + (cold ? ",cold_auc,cold_pos_neg_auc,cold_ndcg@10,cold_dislike@10"
                : ""));
        boolean channelParams = result.trials().stream().anyMatch(t -> t.config().hasChannelParams());
        if (channelParams) {
            csv.append(",channel_loss,channel_learning_rate,channel_user_reg,channel_item_reg");
        }
        csv.append('\n');
        for (Trial t : result.trials()) {
            Metrics m = t.metrics();
            TrainerConfig c = t.config();
            csv.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.2f,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s",
                    t.id(), t.status().label(), t.bestEpoch(), t.epochsRun(), t.seconds(),
                    m == null ? "" : Double.toString(goal.value(m)), value(m, Metrics.FULL_AUC),
                    value(m, Metrics.POS_NEG_AUC), value(m, "ndcg@10"), value(m, "dislike@10"), c.dim(),
                    c.learningRate(), c.userReg(), c.itemReg(), c.loss().label(), c.margin(), c.sampler(),
                    c.exposureWeight(), c.dislikeWeight()));
            if (cold) {
                csv.append(String.format(Locale.ROOT, ",%s,%s,%s,%s", value(m, ColdStartEvaluator.AUC),
                        value(m, ColdStartEvaluator.POS_NEG_AUC), value(m, COLD_NDCG), value(m, COLD_DISLIKE)));
            }
            if (channelParams) {
                TrainerConfig side = c.forChannel();
                csv.append(String.format(Locale.ROOT, ",%s,%s,%s,%s", side.loss().label(), side.learningRate(),
                        side.userReg(), side.itemReg()));
            }
            csv.append(System.lineSeparator());
        }
        AtomicFiles.write(file, s -> s.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static final String COLD_NDCG = ColdStartEvaluator.defaults().ndcgName();
    private static final String COLD_DISLIKE = ColdStartEvaluator.defaults().dislikeName();

    private static String value(Metrics m, String name) {
        return m == null || !m.has(name) ? "" : Double.toString(m.get(name));
    }

    /** One row per trial as it ends, then the finalists' confirmations. */
    static final class TrialTable implements TuneListener {
        private final PrintWriter out;
        private final Objective goal;
        private final boolean cold;

        /** {@code cold}: the trials measure held-out items too, in four more columns. */
        TrialTable(PrintWriter out, Objective goal, boolean cold) {
            this.out = out;
            this.goal = goal;
            this.cold = cold;
        }

        void header() {
            out.println("trial  status      epochs   secs  objective  full_auc  pos_neg  ndcg@10  dislike@10  "
                    + (cold ? "cold_auc  cold_pn  cold_ndcg  cold_dis  " : "") + "config");
            out.flush();
        }

        @Override
        public void onTrial(Trial t) {
            Metrics m = t.metrics();
            TrainerConfig c = t.config();
            out.printf(Locale.ROOT, "%5d  %-10s  %2d/%-3d  %5.1f  %s  %s%n", t.id(), t.status().label(), t.bestEpoch(),
                    t.epochsRun(), t.seconds(), m == null ? "      n/a" : String.format(Locale.ROOT, "%9.4f  %s",
                            goal.value(m), cells(m)), shortConfig(c));
            out.flush();
        }

        @Override
        public void onConfirmation(Confirmation c) {
            out.printf(Locale.ROOT, "finalist %d at %d epochs, mean of %d further seeds and splits: %9.4f  %s%n",
                    c.trial().id(), c.trial().bestEpoch(), c.runs().size(), goal.value(c.mean()), cells(c.mean()));
            out.flush();
        }

        private String cells(Metrics m) {
            String warm = String.format(Locale.ROOT, "%8.4f  %7.4f  %7.4f  %10.4f", m.get(Metrics.FULL_AUC),
                    m.get(Metrics.POS_NEG_AUC), m.get("ndcg@10"), m.get("dislike@10"));
            return !cold ? warm : warm + String.format(Locale.ROOT, "  %8.4f  %7.4f  %9.4f  %8.4f",
                    m.get(ColdStartEvaluator.AUC), m.get(ColdStartEvaluator.POS_NEG_AUC), m.get(COLD_NDCG),
                    m.get(COLD_DISLIKE));
        }

        /** The four warm figures, then the four cold-start ones when measured. */
        static String metricsLine(Metrics m) {
            String warm = String.format(Locale.ROOT, "full_auc %.4f  pos_neg_auc %.4f  ndcg@10 %.4f  dislike@10 %.4f",
                    m.get(Metrics.FULL_AUC), m.get(Metrics.POS_NEG_AUC), m.get("ndcg@10"), m.get("dislike@10"));
            return m.has(ColdStartEvaluator.AUC) ? warm + "; " + coldLine(m) : warm;
        }

        static String coldLine(Metrics m) {
            return String.format(Locale.ROOT, "cold_auc %.4f  cold_pos_neg_auc %.4f  cold_ndcg@10 %.4f"
                    + "  cold_dislike@10 %.4f", m.get(ColdStartEvaluator.AUC), m.get(ColdStartEvaluator.POS_NEG_AUC),
                    m.get(COLD_NDCG), m.get(COLD_DISLIKE));
        }

        private static String shortConfig(TrainerConfig c) {
            return String.format(Locale.ROOT, "dim %d lr %s L2 %s/%s %s%s %s%s", c.dim(), c.learningRate(),
                    c.userReg(), c.itemReg(), c.loss().label(),
                    c.loss() == org.tripletrec.train.Loss.MARGIN ? " " + c.margin() : "", c.sampler(),
                    ConfigLine.channels(c));
        }
    }
}
