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

    @Mixin
    EvalOptions eval;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write the metrics as JSON.")
    Path metricsOut;

    @Override
    public Integer call() throws Exception {
        TrainCommand.checkWritable(metricsOut, "--metrics-out");
        Evaluator evaluator = eval.evaluator();
        EmbeddingModel m = model.load();
        FeedbackPolicy policy = new FeedbackPolicy(
                positiveThreshold != null ? positiveThreshold : m.info().config().positiveThreshold(),
                negativeThreshold != null ? negativeThreshold : m.info().config().negativeThreshold());
        boolean testOnly = data.testOnly();
        if (testOnly && m.rated() == null) {
            throw new UserInputException("--test alone needs a model that carries its rated items (trained without"
                    + " --no-rated), as the train side; " + model.file + " does not: give the train data too, with"
                    + " --ratings or --dataset");
        }
        if (testOnly && foldIn) {
            throw new UserInputException("--fold-in needs the train ratings of the users the model does not know:"
                    + " give them with --ratings or --dataset");
        }
        // --test alone: the model's own rated items are the train side, and every row of the file is test
        Dataset dataset = testOnly ? data.testOnlyLoader().load() : data.load();
        String folded = null;
        if (foldIn) {
            EmbeddingModel known = m;
            m = CatalogueGrowth.grow(known, CatalogueGrowth.unknown(dataset.users(), known.users()),
                    CatalogueGrowth.unknown(dataset.items(), known.items()), SideFeatures.none(), SideFeatures.none(),
                    CatalogueGrowth.Init.FROZEN, new SplittableRandom(0)).model();
            Interactions all = Interactions.of(ModelView.of(dataset, m).train(), policy, m.numUsers(), m.numItems());
            int users = CatalogueGrowth.foldInUsers(m, all, known.numUsers(), known.numItems());
            folded = String.format(Locale.ROOT, "folded in: %,d users the model did not know, from their train"
                    + " ratings of items it knew; %,d items it did not know ranked at %s", users,
                    m.numItems() - known.numItems(), m.features() != null && m.features().items() != null
                            ? "their features' vectors" : "zero");
        }
        ModelView view = ModelView.of(dataset, m);
        RatingLog testLog = testOnly ? view.train() : view.test();
        RatingLog trainLog = testOnly ? m.rated().toLog() : view.train();
        Interactions train = Interactions.of(trainLog, policy, m.numUsers(), m.numItems());
        Interactions test = Interactions.of(testLog, policy, m.numUsers(), m.numItems());
        String split = testOnly ? "model rated items, test " + data.testFile() : data.loader().split().toString();

        PrintWriter out = spec.commandLine().getOut();
        if (testOnly) {
            out.printf(Locale.ROOT, "model %s: %,d users, %,d items, dim %d; train: the model's %,d rated items; test:"
                            + " %s, %,d ratings; likes >= %s, dislikes <= %s%n",
                    model.file, m.numUsers(), m.numItems(), m.dim(), trainLog.size(), data.testFile(), testLog.size(),
                    policy.positiveThreshold(), policy.negativeThreshold());
        } else {
            out.printf(Locale.ROOT, "model %s: %,d users, %,d items, dim %d; data %s (split %s): %,d train and %,d"
                            + " test ratings, likes >= %s, dislikes <= %s%n",
                    model.file, m.numUsers(), m.numItems(), m.dim(), dataset.name(), split, trainLog.size(),
                    testLog.size(), policy.positiveThreshold(), policy.negativeThreshold());
        }
        if (folded != null) {
            out.println(folded);
        }
        if (view.unknownUsers() > 0 || view.unknownItems() > 0) {
            out.printf(Locale.ROOT, "not in the model: %,d users and %,d items of the data; their %,d ratings are"
                    + " left out%n", view.unknownUsers(), view.unknownItems(), view.droppedRows());
        }
        String mismatch = testOnly ? null : TrainingDataCheck.note(m, dataset);
        if (mismatch != null) {
            out.println("note: " + mismatch);
        }
        if (test.anchorCount() == 0) {
            throw new UserInputException("no test likes (rating >= " + policy.positiveThreshold()
                    + ") among the users and items the model knows: nothing to evaluate");
        }
        Metrics scores = evaluator.evaluate(m, train, test);
        Metrics popularity = evaluator.evaluate(new PopularityScorer(train), train, test);
        Metrics random = evaluator.evaluate(
                new RandomScorer(m.numUsers(), m.numItems(), TrainingRun.RANDOM_BASELINE_SEED), train, test);
        out.println();
        out.print(new MetricsTable().with("model", scores).with("popularity", popularity).with("random", random)
                .format());
        if (metricsOut != null) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("model", String.valueOf(model.file));
            root.put("data", Map.of("name", testOnly ? "model" : dataset.name(), "split", split,
                    "unknown_users", view.unknownUsers(), "unknown_items", view.unknownItems(),
                    "dropped_ratings", view.droppedRows(), "fold_in", foldIn));
            root.put("final", Json.metrics(scores));
            Map<String, Object> baselines = new LinkedHashMap<>();
            baselines.put("popularity", Json.metrics(popularity));
            baselines.put("random", Json.metrics(random));
            root.put("baselines", baselines);
            Json.write(metricsOut, root);
            out.println("metrics written to " + metricsOut);
        }
        out.flush();
        return ErrorHandler.OK;
    }
}
