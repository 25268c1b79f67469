package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.FeatureOptions;
import org.tripletrec.cli.ModelContentOptions;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.train.Catalogue;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.Warmup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a model, evaluates it against the baselines and writes the model, the metrics and a plot. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on a data set, evaluate it on the test split beside the popularity and"
                + " random baselines, and optionally save the model, a metrics JSON file and a plot.",
                "Nothing is written unless loading, training and evaluation all succeed."},
        footer = {"", "Examples:",
                "  tripletrec train --model-out model.bin --plot curves.png",
                "  tripletrec train --preset seed --sampler mixed:0.5 --metrics-out m.json",
                "  tripletrec train --ratings my.csv --split holdout:0.2 --positive-threshold 4"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "1",
            description = "Evaluate on the test split every N epochs and after the last (0 = only at the end)."
                    + " Default: ${DEFAULT-VALUE}.")
    int evalEvery;

    @Mixin
    EvalOptions eval;

    @Option(names = "--model-out", paramLabel = "FILE", description = "Save the trained model here.")
    Path modelOut;

    @Mixin
    ModelContentOptions content;

    @Option(names = "--metrics-out", paramLabel = "FILE", description = "Write per-epoch and final metrics as JSON.")
    Path metricsOut;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw loss and metrics per epoch as a PNG.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        // Every check that needs no data comes first, so that a typo costs no loading time.
        TrainerConfig config = training.config();
        if (evalEvery < 0) {
            throw new UserInputException("--eval-every must be 0 or more, got " + evalEvery);
        }
        if (plot != null && config.epochs() < 1) {
            throw new UserInputException("--plot needs at least one epoch");
        }
        checkWritable(modelOut, "--model-out");
        checkWritable(metricsOut, "--metrics-out");
        checkWritable(plot, "--plot");
        DatasetLoader loader = data.loader();
        Dataset dataset;
        Catalogue catalogue;
        try (Warmup warmup = Warmup.whileLoading(config)) { // stopped, not awaited, once the data is in
            dataset = data.load();
            catalogue = Catalogue.of(dataset, features.users(loader), features.items(loader), config);
        }

        PrintWriter out = spec.commandLine().getOut();
        if (training.configFile() != null) {
            out.println("config: " + training.configFile() + " over preset " + training.preset());
        }
        TrainingRun.Result result = TrainingRun.run(catalogue, loader.split().toString(), training.preset(), config,
                eval.evaluator(), evalEvery, out, System.console() != null, features.coldMetrics());
        TrainingRun.printTables(out, result);
        if (modelOut != null) {
            ModelFormat.save(content.apply(result.model(), result.train()), modelOut);
            out.println("model saved to " + modelOut);
        }
        if (metricsOut != null) {
            MetricsFile.write(metricsOut, result);
            out.println("metrics written to " + metricsOut);
        }
        if (plot != null) {
            PlotWriter.write(plot, result.epochs(), result.popularity());
            out.println("plot written to " + plot);
        }
        out.flush();
        return ErrorHandler.OK;
    }

    static void checkWritable(Path file, String option) {
        if (file != null && Files.isDirectory(file)) {
            throw new UserInputException(option + " " + file + " is a directory; give a file name");
        }
    }
}
