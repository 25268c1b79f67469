package org.tripletrec.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.DataSummary;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.FeatureOptions;
import org.tripletrec.cli.ModelContentOptions;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Catalogue;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.Updater;
import org.tripletrec.train.Warmup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Brings a saved model up to date with new ratings (and new features) without training from scratch; see
 * {@link Updater}. Takes every flag of {@code train}; training flags default to the model's own configuration.
 */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Update a saved model with new ratings: new users and items join the catalogue (from their"
                + " features when they have any), training continues from the model's tables and optimiser state,"
                + " and each epoch visits as many likes as there are new ones, shared among the items in proportion"
                + " to their likes (old and new, from the ratings the model carries), new likes first.",
                "Training flags default to the model's own configuration (the keys of a --config file, or a whole"
                        + " --preset, replace it), except --dim (the model's), --epochs (" + Updater.DEFAULT_EPOCHS
                        + ") and, with Adagrad and no channels, --lr (twice the configuration's), which only their"
                        + " flags set. The new"
                        + " model is written atomically; a running 'tripletrec serve' on that file reloads it."},
        footer = {"", "Examples:",
                "  tripletrec update --model today.trm --ratings new.csv --model-out tomorrow.trm",
                "  tripletrec update --model m.trm --ratings new.tsv --item-features new-items.csv --test test.tsv"
                        + " --model-out m.trm"})
public final class UpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Option(names = "--replay", paramLabel = "R", defaultValue = "0",
            description = "Each epoch visits (1 + R) times as many likes as there are new ones, old and new, shared"
                    + " among the items in proportion to their likes; a model's exposure channel visits (2 + R) times"
                    + " as many ratings as there are new ones. Default: ${DEFAULT-VALUE}.")
    double replay;

    @Option(names = "--shrink", paramLabel = "S", defaultValue = "0.7",
            description = "Before training, scale the model's vectors by S and its biases by S squared: it ranks as"
                    + " before, with smaller margins, so that the update moves it as a training from scratch would"
                    + " (1 = off). Default: ${DEFAULT-VALUE}.")
    double shrink;

    @Option(names = "--no-fold-in", description = "Start new users and items from random rows instead of"
            + " fold-ins of their ratings (they then need as many epochs as a full training).")
    boolean noFoldIn;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "1",
            description = "Evaluate on the test ratings every N epochs and after the last (0 = only at the end)."
                    + " Default: ${DEFAULT-VALUE}.")
    int evalEvery;

    @Mixin
    EvalOptions eval;

    @Option(names = "--model-out", paramLabel = "FILE", required = true,
            description = "Write the updated model here (may be the --model file itself).")
    Path modelOut;

    @Mixin
    ModelContentOptions content;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write per-epoch and final metrics as JSON.")
    Path metricsOut;

    @Override
    public Integer call() throws Exception {
        if (evalEvery < 0) {
            throw new UserInputException("--eval-every must be 0 or more, got " + evalEvery);
        }
        TrainCommand.checkWritable(modelOut, "--model-out");
        TrainCommand.checkWritable(metricsOut, "--metrics-out");
        Updater.Settings settings;
        try {
            settings = new Updater.Settings(replay, !noFoldIn, shrink);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--" + e.getMessage()); // "--replay must be ...", "--shrink must be ..."
        }
        try (Warmup warmup = Warmup.whileLoading(training.config())) { // stopped, not awaited, before training
            return update(settings, warmup);
        }
    }

    /** The model being updated, until the update takes it over (see {@link #handOver}). */
    private EmbeddingModel old;

    private int update(Updater.Settings settings, Warmup warmup) throws IOException {
        old = model.load();
        TrainerConfig config = config(old.info().config());
        if (!data.explicit()) {
            return addFromFeatures(old);
        }
        DatasetLoader loader = data.loader(SplitSpec.none());
        Dataset dataset = loader.load();
        PrintWriter out = spec.commandLine().getOut();
        DataSummary summary = describe(out, old, dataset, loader.split().toString(), config);
        TestView testView = new TestView(dataset, config);
        Evaluator evaluator = eval.evaluator();
        EpochReporter reporter = new EpochReporter(out, config.epochs(), evalEvery, System.console() != null,
                testView.canEvaluate() ? m -> evaluator.evaluate(m, testView.train(), testView.test(m)) : null);
        Updater updater = new Updater(config, settings);
        Updater.Prepared prepared = updater.prepare(handOver(), dataset.train(), dataset.users(), dataset.items(),
                features.users(loader), features.items(loader));
        testView.trained(prepared.train());
        warmup.close();
        Updater.Result r = updater.train(prepared, reporter);
        out.println(describe(r, config));

        EmbeddingModel updated = r.model();
        TrainingRun.Result result = TrainingRun.measure(catalogueOf(updated, dataset), summary, presetLabel(), config,
                updated, r.train(), testView.canEvaluate() ? testView.test(updated) : null, evaluator,
                reporter.records(), features.coldMetrics());
        TrainingRun.printTables(out, result);
        write(out, result);
        return ErrorHandler.OK;
    }

    /**
     * The old model, which this command then no longer holds: the update copies its tables as the catalogue grows
     * and merges its rated items, and lets go of it, so that its memory (its rated items above all) is free for
     * the new ones and the training.
     */
    private EmbeddingModel handOver() {
        EmbeddingModel m = old;
        old = null;
        return m;
    }

    /**
     * The model's own configuration, under --preset, --config and the flags; but, unless a flag sets them, the
     * model's dimension, an update's epochs and, with Adagrad and no channels, twice the learning rate
     * ({@link Updater#defaults}): a preset or a config file is made for training from scratch.
     */
    private TrainerConfig config(TrainerConfig model) {
        TrainerConfig asked = training.config(model);
        Set<String> given = training.givenKeys();
        TrainerConfig.Builder b = Updater.defaults(asked).toBuilder();
        if (!given.contains("dim")) {
            b.dim(model.dim());
        }
        if (given.contains("epochs")) {
            b.epochs(asked.epochs());
        }
        if (given.contains("learning_rate")) {
            b.learningRate(asked.learningRate());
        }
        return b.build();
    }

    /** What the configuration starts from, for the console: the model's own unless a preset replaces it. */
    private String presetLabel() {
        String label = training.presetGiven() ? training.preset() : "model's";
        return training.configFile() == null ? label : label + " + " + training.configFile();
    }

    /** Prints the model and the new data; returns the data's summary for the metrics file. */
    private DataSummary describe(PrintWriter out, EmbeddingModel base, Dataset dataset, String split,
                                 TrainerConfig config) {
        out.printf(Locale.ROOT, "model %s: %,d users, %,d items, dim %d%s%s%n", model.file(), base.numUsers(),
                base.numItems(), base.dim(), base.features() == null ? "" : ", with features",
                base.rated() == null ? ", without rated items (no replay: retrain with them to get it)" : "");
        DataSummary summary = DataSummary.of(dataset, split, dataset.trainInteractions(config.policy()),
                dataset.testInteractions(config.policy()));
        out.println(summary.format(config.policy()));
        out.println(TrainingRun.describe(presetLabel(), config));
        out.flush();
        return summary;
    }

    /** One line on what the update did. */
    private static String describe(Updater.Result r, TrainerConfig config) {
        return String.format(Locale.ROOT, "update: %,d new ratings (%,d likes); each epoch visited %,d likes (%,d new,"
                        + " %,d old); %,d new users, %,d new items, %,d new user features, %,d new item features; %s",
                r.newRatings(), r.newLikes(), r.likesPerEpoch(), r.newPerEpoch(), r.likesPerEpoch() - r.newPerEpoch(),
                r.addedUsers(), r.addedItems(), r.newUserFeatures(), r.newItemFeatures(), r.resumedOptimizer()
                        ? "the optimiser resumed from the model's state"
                        : "the model carries no optimiser state for " + config.optimizer().label()
                        + ": the optimiser started afresh");
    }

    /** Writes the model (atomically) and the metrics file. */
    private void write(PrintWriter out, TrainingRun.Result result) throws IOException {
        ModelFormat.save(content.apply(result.model()), modelOut);
        out.println("model saved to " + modelOut);
        if (metricsOut != null) {
            MetricsFile.write(metricsOut, result);
            out.println("metrics written to " + metricsOut);
        }
        out.flush();
    }

    /**
     * No new ratings, only feature files: the new users and items join the catalogue with the vectors their
     * features give them, nothing is trained. A new film can be recommended the moment it is in the file.
     */
    private Integer addFromFeatures(EmbeddingModel base) throws java.io.IOException {
        if (!features.any()) {
            throw new UserInputException("give new ratings (--ratings FILE) or new features (--item-features,"
                    + " --user-features) to update the model with");
        }
        DatasetLoader loader = data.loader();
        org.tripletrec.train.CatalogueGrowth.Result g = org.tripletrec.train.CatalogueGrowth.grow(base, List.of(),
                List.of(), features.users(loader), features.items(loader),
                org.tripletrec.train.CatalogueGrowth.Init.FROZEN, new java.util.SplittableRandom(1));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "update from features only: %,d new users and %,d new items, their vectors from their"
                + " features (%,d new user features and %,d new item features are unknown to the model and add"
                + " nothing until it is trained with ratings of them)%n", g.addedUsers(), g.addedItems(),
                g.newUserFeatures(), g.newItemFeatures());
        ModelFormat.save(content.apply(g.model()), modelOut);
        out.println("model saved to " + modelOut);
        out.flush();
        return ErrorHandler.OK;
    }

    /** The feature matrices of an updated model, for the feature-popularity baseline. */
    private static Catalogue catalogueOf(EmbeddingModel m, Dataset data) {
        var f = m.features();
        return new Catalogue(data, f == null ? null : f.users(), f == null ? null : f.items(), 0, 0);
    }

    /**
     * The test ratings in the updated model's numbering, and the interactions the update trained on (everything
     * the model knows each user rated), which the evaluation leaves out of the top-k lists.
     */
    private static final class TestView {
        private final Dataset data;
        private final TrainerConfig config;
        private final boolean canEvaluate;
        private Interactions trained;
        private Interactions test;

        TestView(Dataset data, TrainerConfig config) {
            this.data = data;
            this.config = config;
            this.canEvaluate = data.testInteractions(config.policy()).anchorCount() > 0;
        }

        /** Whether the test has a like to evaluate on. */
        boolean canEvaluate() {
            return canEvaluate;
        }

        void trained(Interactions train) {
            this.trained = train;
        }

        Interactions train() {
            return trained;
        }

        Interactions test(EmbeddingModel m) {
            if (test == null || test.numItems() != m.numItems() || test.numUsers() != m.numUsers()) {
                test = Interactions.of(ModelView.of(data, m).test(), config.policy(), m.numUsers(), m.numItems());
            }
            return test;
        }
    }
}
