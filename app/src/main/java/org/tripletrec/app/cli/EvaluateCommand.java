package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.eval.MetricsTable;
import org.tripletrec.eval.PopularityScorer;
import org.tripletrec.eval.RandomScorer;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.CatalogueGrowth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores a saved model on a data set's test split, beside the baselines computed from the same train split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a saved model on the test split of a data set, beside the popularity and random"
                + " baselines.",
                "Users and items the model does not know are counted and left out, unless --fold-in.",
                "With --test FILE alone, the model's own rated items are the train side (left out of the lists, and"
                        + " the popularity baseline); a data set named with --ratings or --dataset is its own train side."},
        footer = {"", "Examples:", "  tripletrec evaluate --model model.bin --dataset ml-100k --split ua",
                "  tripletrec evaluate --model model.bin --test new-ratings.csv",
                "  tripletrec evaluate --model old.trm --ratings all.tsv --test test.tsv --fold-in"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Option(names = "--positive-threshold", paramLabel = "R",
            description = "A test rating >= R is a like (default: the model's training threshold).")
    Float positiveThreshold;

    @Option(names = "--negative-threshold", paramLabel = "R",
            description = "A test rating <= R is a dislike (default: the model's training threshold).")
    Float negativeThreshold;

    @Option(names = "--fold-in", description = "Score users the model does not know from a fold-in of their train"
            + " ratings (item table frozen), and rank items it does not know too, at zero (or at their features' vector"
            + " when the model has item features): every user and item of the data is scored, without training.")
    boolean foldIn;

    @Option(names = "--cold-metrics", description = "Also report the cold-start metrics (items without train"
            + " ratings ranked among themselves, beside their features' popularity when the model has item"
            + " features), which are reported anyway when the test set likes at least 10 such items.")
    boolean coldMetrics;

    @Mixin
    EvalOptions eval;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the metrics as JSON.")
    Path metricsOut;

    @Override
    public Integer call() throws Exception {
        TrainCommand.checkWritable(metricsOut, "--metrics-out");
        Evaluator evaluator = eval.evaluator();
        EmbeddingModel m = model.load();
        checkInputs(m);
        FeedbackPolicy policy = new FeedbackPolicy(
                positiveThreshold != null ? positiveThreshold : m.info().config().positiveThreshold(),
                negativeThreshold != null ? negativeThreshold : m.info().config().negativeThreshold());
        // --test alone: the model's own rated items are the train side, and every row of the file is test
        Dataset dataset = data.testOnly() ? data.testOnlyLoader().load() : data.load();
        String folded = null;
        if (foldIn) {
            EmbeddingModel known = m;
            m = CatalogueGrowth.grow(known, CatalogueGrowth.unknown(dataset.users(), known.users()),
                    CatalogueGrowth.unknown(dataset.items(), known.items()), SideFeatures.none(), SideFeatures.none(),
                    CatalogueGrowth.Init.FROZEN, new SplittableRandom(0)).model();
            folded = foldInUsers(known, m, dataset, policy);
        }
        Sides sides = sides(m, dataset, policy);
        PrintWriter out = spec.commandLine().getOut();
        describe(out, m, dataset, sides, policy, folded);
        if (sides.test.anchorCount() == 0) {
            throw new UserInputException("no test likes (rating >= " + policy.positiveThreshold()
                    + ") among the users and items the model knows: nothing to evaluate");
        }
        Metrics scores = evaluator.evaluate(m, sides.train, sides.test);
        Metrics popularity = evaluator.evaluate(new PopularityScorer(sides.train), sides.train, sides.test);
        Metrics random = evaluator.evaluate(new RandomScorer(m.numUsers(), m.numItems(),
                TrainingRun.RANDOM_BASELINE_SEED), sides.train, sides.test);
        out.println();
        out.print(new MetricsTable().with("model", scores).with("popularity", popularity).with("random", random)
                .format());
        TrainingRun.ColdStart cold = TrainingRun.coldStart(m, m.features() == null ? null : m.features().items(),
                sides.train, sides.test, coldMetrics);
        if (cold != null) {
            out.println();
            out.println(cold.heading());
            out.print(cold.table().format());
        }
        if (metricsOut != null) {
            writeMetrics(dataset, sides, scores, popularity, random, cold);
            out.println("metrics written to " + metricsOut);
        }
        out.flush();
        return ErrorHandler.OK;
    }

    /** The combinations of flags that cannot work with this model. */
    private void checkInputs(EmbeddingModel m) {
        if (data.testOnly() && m.rated() == null) {
            throw new UserInputException("--test alone needs a model that carries its rated items (trained without"
                    + " --no-rated), as the train side; " + model.file + " does not: give the train data too, with"
                    + " --ratings or --dataset");
        }
        if (data.testOnly() && foldIn) {
            throw new UserInputException("--fold-in needs the train ratings of the users the model does not know:"
                    + " give them with --ratings or --dataset");
        }
    }

    /**
     * Folds the users of {@code grown} that {@code known} did not have in from their train ratings; says what was
     * folded in.
     */
    private static String foldInUsers(EmbeddingModel known, EmbeddingModel grown, Dataset dataset,
                                      FeedbackPolicy policy) {
        Interactions all = Interactions.of(ModelView.of(dataset, grown).train(), policy, grown.numUsers(),
                grown.numItems());
        int users = CatalogueGrowth.foldInUsers(grown, all, known.numUsers(), known.numItems());
        return String.format(Locale.ROOT, "folded in: %,d users the model did not know, from their train ratings of"
                + " items it knew; %,d items it did not know ranked at %s", users,
                grown.numItems() - known.numItems(), grown.features() != null && grown.features().items() != null
                        ? "their features' vectors" : "zero");
    }

    /** The data as the model sees it: its train and test sides, as ratings and as labelled interactions. */
    private record Sides(ModelView view, RatingLog trainLog, RatingLog testLog, Interactions train,
                         Interactions test, String split) {}

    private Sides sides(EmbeddingModel m, Dataset dataset, FeedbackPolicy policy) {
        boolean testOnly = data.testOnly();
        ModelView view = ModelView.of(dataset, m);
        RatingLog testLog = testOnly ? view.train() : view.test();
        RatingLog trainLog = testOnly ? m.rated().toLog() : view.train();
        return new Sides(view, trainLog, testLog, Interactions.of(trainLog, policy, m.numUsers(), m.numItems()),
                Interactions.of(testLog, policy, m.numUsers(), m.numItems()),
                testOnly ? "model rated items, test " + data.testFile() : data.loader().split().toString());
    }

    /** The lines above the metrics: the model, the data, what was folded in or left out. */
    private void describe(PrintWriter out, EmbeddingModel m, Dataset dataset, Sides s, FeedbackPolicy policy,
                          String folded) {
        if (data.testOnly()) {
            out.printf(Locale.ROOT, "model %s: %,d users, %,d items, dim %d; train: the model's %,d rated items; test:"
                            + " %s, %,d ratings; likes >= %s, dislikes <= %s%n",
                    model.file, m.numUsers(), m.numItems(), m.dim(), s.trainLog.size(), data.testFile(),
                    s.testLog.size(), policy.positiveThreshold(), policy.negativeThreshold());
        } else {
            out.printf(Locale.ROOT, "model %s: %,d users, %,d items, dim %d; data %s (split %s): %,d train and %,d"
                            + " test ratings, likes >= %s, dislikes <= %s%n",
                    model.file, m.numUsers(), m.numItems(), m.dim(), dataset.name(), s.split, s.trainLog.size(),
                    s.testLog.size(), policy.positiveThreshold(), policy.negativeThreshold());
        }
        if (folded != null) {
            out.println(folded);
        }
        ModelView view = s.view;
        if (view.unknownUsers() > 0 || view.unknownItems() > 0) {
            out.printf(Locale.ROOT, "not in the model: %,d users and %,d items of the data; their %,d ratings are"
                    + " left out%n", view.unknownUsers(), view.unknownItems(), view.droppedRows());
        }
        String mismatch = data.testOnly() ? null : TrainingDataCheck.note(m, dataset);
        if (mismatch != null) {
            out.println("note: " + mismatch);
        }
    }

    private void writeMetrics(Dataset dataset, Sides s, Metrics scores, Metrics popularity, Metrics random,
                              TrainingRun.ColdStart cold) throws java.io.IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", String.valueOf(model.file));
        root.put("data", Map.of("name", data.testOnly() ? "model" : dataset.name(), "split", s.split,
                "unknown_users", s.view.unknownUsers(), "unknown_items", s.view.unknownItems(),
                "dropped_ratings", s.view.droppedRows(), "fold_in", foldIn));
        root.put("final", Json.metrics(scores));
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("popularity", Json.metrics(popularity));
        baselines.put("random", Json.metrics(random));
        root.put("baselines", baselines);
        if (cold != null) {
            root.put("cold", MetricsFile.cold(cold));
        }
        Json.write(metricsOut, root);
    }
}
