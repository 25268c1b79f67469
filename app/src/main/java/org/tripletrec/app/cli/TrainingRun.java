package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tripletrec.cli.ConfigLine;
import org.tripletrec.cli.DataSummary;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.ColdStartEvaluator;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.FeaturePopularityScorer;
import org.tripletrec.eval.Metrics;
import org.tripletrec.eval.MetricsTable;
import org.tripletrec.eval.PopularityScorer;
import org.tripletrec.eval.RandomScorer;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.train.Catalogue;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.train.TrainerConfig;

/**
 * Train, then measure against the baselines: the part {@code train} and {@code demo} share. Writes nothing to
 * disk, so a command can decide to write its files only once everything has succeeded.
 */
final class TrainingRun {
    /** The seed of the random baseline: fixed, so that its figures are comparable between runs. */
    static final long RANDOM_BASELINE_SEED = 42L;

    private TrainingRun() {}

    /**
     * @param finalMetrics the model's test metrics after the last epoch, null when there was no test like
     */
    record Result(Dataset data, DataSummary summary, String preset, TrainerConfig config, EmbeddingModel model,
                  Interactions train, List<EpochRecord> epochs, Metrics finalMetrics, Metrics popularity,
                  Metrics random, ColdStart cold) {

        boolean evaluated() {
            return finalMetrics != null;
        }

        MetricsTable table() {
            return new MetricsTable().with("model", finalMetrics).with("popularity", popularity).with("random", random);
        }
    }

    /** The cold-start metrics of a run: the model, the feature-popularity baseline (null without item features), random. */
    record ColdStart(int items, Metrics model, Metrics featurePopularity, Metrics random) {
        MetricsTable table() {
            MetricsTable t = new MetricsTable().with("model", model);
            if (featurePopularity != null) {
                t = t.with("feature-popularity", featurePopularity);
            }
            return t.with("random", random);
        }

        String heading() {
            return String.format(Locale.ROOT, "cold-start items: %,d items without a train rating, ranked among"
                    + " themselves for %,d users", items, (int) Math.round(model.get(ColdStartEvaluator.USERS)));
        }
    }

    /** Cold-start metrics are reported without being asked for once the test likes this many cold items. */
    static final int COLD_ITEMS_REPORTED = 10;

    static Result run(Dataset data, String split, String preset, TrainerConfig config, Evaluator evaluator,
                      int evalEvery, PrintWriter out, boolean progressBar) {
        return run(Catalogue.of(data), split, preset, config, evaluator, evalEvery, out, progressBar, false);
    }

    static Result run(Catalogue catalogue, String split, String preset, TrainerConfig config, Evaluator evaluator,
                      int evalEvery, PrintWriter out, boolean progressBar, boolean coldMetrics) {
        Dataset data = catalogue.data();
        FeedbackPolicy policy = config.policy();
        Interactions train = data.trainInteractions(policy);
        Interactions test = data.testInteractions(policy);
        DataSummary summary = DataSummary.of(data, split, train, test);
        out.println(summary.format(policy));
        if (catalogue.hasFeatures()) {
            out.println(describeFeatures(catalogue, config));
        }
        out.println(describe(preset, config));
        out.flush();
        if (train.anchorCount() == 0) {
            throw new UserInputException("the training data has no likes (no rating >= "
                    + config.positiveThreshold() + "); lower --positive-threshold");
        }
        boolean canEvaluate = test.anchorCount() > 0;
        if (!canEvaluate) {
            out.println("no likes in the test data: training without evaluation");
        }
        EpochReporter reporter = new EpochReporter(out, config.epochs(), evalEvery, progressBar,
                canEvaluate ? m -> evaluator.evaluate(m, train, test) : null);
        EmbeddingModel model = new Trainer(config).fit(TrainingInput.of(train, data.users(), data.items(),
                Fingerprint.of(data)).withFeatures(catalogue.userFeatures(), catalogue.itemFeatures()), reporter);

        return measure(catalogue, summary, preset, config, model, train, canEvaluate ? test : null, evaluator,
                reporter.records(), coldMetrics);
    }

    /**
     * The result of a training (or an update) that ran {@code epochs}: the model's final metrics on {@code test}
     * (its last epoch's when that epoch was evaluated), the baselines' and the cold-start metrics; nothing is
     * measured when {@code test} is null (it held no like). The model's header takes the final metrics.
     */
    static Result measure(Catalogue catalogue, DataSummary summary, String preset, TrainerConfig config,
                          EmbeddingModel model, Interactions train, Interactions test, Evaluator evaluator,
                          List<EpochRecord> epochs, boolean coldMetrics) {
        Metrics last = null;
        Metrics popularity = null;
        Metrics random = null;
        ColdStart cold = null;
        if (test != null) {
            EpochRecord tail = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
            last = tail != null && tail.epoch() == config.epochs() && tail.metrics() != null
                    ? tail.metrics() : evaluator.evaluate(model, train, test);
            popularity = evaluator.evaluate(new PopularityScorer(train), train, test);
            random = evaluator.evaluate(new RandomScorer(train.numUsers(), train.numItems(), RANDOM_BASELINE_SEED),
                    train, test);
            cold = coldStart(model, catalogue.itemFeatures(), train, test, coldMetrics);
        }
        model = model.withInfo(model.info().withMetrics(last == null ? Map.of() : last.asMap()));
        return new Result(catalogue.data(), summary, preset, config, model, train, List.copyOf(epochs), last,
                popularity, random, cold);
    }

    /** The metrics tables of a result, model against baselines, then the cold-start items' when measured. */
    static void printTables(PrintWriter out, Result result) {
        if (result.evaluated()) {
            out.println();
            out.print(result.table().format());
        }
        if (result.cold() != null) {
            out.println();
            out.println(result.cold().heading());
            out.print(result.cold().table().format());
        }
    }

    /** The cold-start metrics when asked for or when the test likes enough cold items; else null. */
    static ColdStart coldStart(EmbeddingModel model, FeatureMatrix itemFeatures, Interactions train, Interactions test,
                               boolean asked) {
        int[] cold = ColdStartEvaluator.coldItems(train);
        int liked = ColdStartEvaluator.likedColdItems(test, cold);
        if (liked == 0 || !asked && liked < COLD_ITEMS_REPORTED) {
            return null;
        }
        ColdStartEvaluator evaluator = ColdStartEvaluator.defaults();
        Metrics m = evaluator.evaluate(model, test, cold);
        Metrics fp = itemFeatures == null || itemFeatures.numRows() != train.numItems() ? null
                : evaluator.evaluate(new FeaturePopularityScorer(train, itemFeatures), test, cold);
        Metrics r = evaluator.evaluate(new RandomScorer(train.numUsers(), train.numItems(), RANDOM_BASELINE_SEED),
                test, cold);
        return new ColdStart(cold.length, m, fp, r);
    }

    static String describeFeatures(Catalogue c, TrainerConfig config) {
        StringBuilder sb = new StringBuilder("features:");
        if (c.itemFeatures() != null) {
            sb.append(String.format(Locale.ROOT, " items %,d features%s%s;", c.itemFeatures().numFeatures(),
                    c.featureOnlyItems() > 0 ? String.format(Locale.ROOT, " (%,d items known only from the feature"
                            + " file)", c.featureOnlyItems()) : "",
                    config.itemIds() ? "" : ", no item embeddings"));
        }
        if (c.userFeatures() != null) {
            sb.append(String.format(Locale.ROOT, " users %,d features%s%s;", c.userFeatures().numFeatures(),
                    c.featureOnlyUsers() > 0 ? String.format(Locale.ROOT, " (%,d users known only from the feature"
                            + " file)", c.featureOnlyUsers()) : "",
                    config.userIds() ? "" : ", no user embeddings"));
        }
        sb.append(config.featureNormalization() ? " feature weights normalised to unit length per row (an own"
                + " embedding keeps weight 1)" : " weights as given");
        if (c.itemFeatures() != null && config.newItemWeight() > 0) {
            sb.append(String.format(Locale.ROOT, "; new-item term weight %s", config.newItemWeight()));
        }
        return sb.toString();
    }

    static String describe(String preset, TrainerConfig c) {
        return ConfigLine.of(preset, c);
    }
}
