package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.FeatureOptions;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Catalogue;
import org.tripletrec.train.EpochStats;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.train.TrainingListener;
import org.tripletrec.train.Warmup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Times loading, every training epoch and one evaluation; prints the figures and optionally writes them as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure speed: load the data, train with the given settings (every option of train,"
                + " presets included) and evaluate once, then report load_seconds, warmup_seconds, epoch_seconds,"
                + " triplets_per_second (the median over epochs), eval_seconds and peak_heap_bytes.",
                "peak_heap_bytes is the largest heap use seen (sampled every 10 ms, garbage included); run with"
                + " -Xmx (TRIPLETREC_JAVA_OPTS) to prove that a heap limit suffices."},
        footer = {"", "Examples:",
                "  tripletrec bench --preset seed --threads 2 --epochs 20",
                "  tripletrec bench --optimizer adagrad --batch-size 1 --sampler unrated --dim 100 --threads 2",
                "  tripletrec bench --ratings /tmp/syn25m/ratings.tsv --dim 64 --epochs 3 --eval-users 2000 --json b.json"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    FeatureOptions features;

    @Mixin
    EvalOptions eval;

    @Option(names = "--no-eval", description = "Skip the evaluation (eval_seconds is then null).")
    boolean noEval;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to this JSON file.")
    Path json;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "While the data loads, train a throw-away model on random data with the same settings"
                    + " until the JIT has compiled the training code, so that the epochs measure compiled code"
                    + " (as a JMH warm-up does); the wait after loading is reported as warmup_seconds."
                    + " Default: on.")
    boolean warmup;

    /** The data and features as loaded, and how long loading and then waiting for the warm-up took. */
    private record Loaded(Catalogue catalogue, Interactions train, Interactions test, double loadSeconds,
                          double warmupSeconds, double[] warmupEpochs, boolean warm) {}

    /** Everything bench measured; {@code evalSeconds} and {@code metrics} are null when it did not evaluate. */
    private record Figures(Loaded loaded, List<EpochStats> epochs, double median, Double evalSeconds,
                           Metrics metrics, long peakHeap) {}

    @Override
    public Integer call() throws Exception {
        TrainerConfig config = training.config();
        Evaluator evaluator = eval.evaluator();
        if (config.epochs() < 1) {
            throw new UserInputException("bench needs at least one epoch");
        }
        PrintWriter out = spec.commandLine().getOut();
        HeapWatch watch = new HeapWatch();
        watch.start();
        Loaded loaded = load(config);
        printData(out, loaded, config);
        if (loaded.train().anchorCount() == 0) {
            throw new UserInputException("the training data has no likes (no rating >= "
                    + config.positiveThreshold() + ")");
        }
        List<EpochStats> epochs = new ArrayList<>();
        EmbeddingModel model = train(config, loaded, epochs, out);
        Double evalSeconds = null;
        Metrics metrics = null;
        if (!noEval && loaded.test().anchorCount() > 0) {
            long t1 = System.nanoTime();
            metrics = evaluator.evaluate(model, loaded.train(), loaded.test());
            evalSeconds = seconds(t1);
        }
        double median = median(epochs.stream().mapToDouble(EpochStats::tripletsPerSecond).toArray());
        Figures figures = new Figures(loaded, epochs, median, evalSeconds, metrics, watch.finish());
        printFigures(out, figures);
        if (json != null) {
            writeJson(figures, config);
            out.println("figures written to " + json);
            out.flush();
        }
        return ErrorHandler.OK;
    }

    /** Loads the data while the warm-up (if any) trains a throw-away model, then waits for the warm-up. */
    private Loaded load(TrainerConfig config) {
        long t0 = System.nanoTime();
        Warmup warmup = this.warmup ? Warmup.start(config) : Warmup.none();
        try (warmup) {
            Catalogue catalogue = Catalogue.of(data.load(), features.users(data.loader()),
                    features.items(data.loader()), config);
            Dataset dataset = catalogue.data();
            Interactions train = dataset.trainInteractions(config.policy());
            Interactions test = dataset.testInteractions(config.policy());
            double loadSeconds = seconds(t0);
            long t1 = System.nanoTime();
            warmup.await();
            return new Loaded(catalogue, train, test, loadSeconds, seconds(t1), warmup.epochSeconds(), warmup.warm());
        }
    }

    private static void printData(PrintWriter out, Loaded loaded, TrainerConfig config) {
        Interactions train = loaded.train();
        out.printf(Locale.ROOT, "data: %,d users, %,d items, %,d train ratings (%,d likes), %,d test ratings%n",
                train.numUsers(), train.numItems(), train.totalRated(), train.anchorCount(), loaded.test().totalRated());
        out.printf(Locale.ROOT, "config: %s%n", config.toProperties());
        out.printf(Locale.ROOT, "load_seconds %.3f%n", loaded.loadSeconds());
        out.printf(Locale.ROOT, "warmup_seconds %.3f (waited after loading; %d epochs of a throw-away model, %s)%n",
                loaded.warmupSeconds(), loaded.warmupEpochs().length, loaded.warmupEpochs().length == 0 ? "off"
                        : loaded.warm() ? "warm" : "stopped by its time cap");
        out.flush();
    }

    /** Trains, printing and collecting every epoch's figures. */
    private static EmbeddingModel train(TrainerConfig config, Loaded loaded, List<EpochStats> epochs, PrintWriter out) {
        Catalogue catalogue = loaded.catalogue();
        TrainingInput input = TrainingInput.of(loaded.train(), catalogue.data().users(), catalogue.data().items(),
                "bench").withFeatures(catalogue.userFeatures(), catalogue.itemFeatures());
        // after a warm-up the Vector API kernel is compiled, and the fastest however short the run
        Trainer trainer = loaded.warmupEpochs().length > 0 ? new Trainer(config).warmedUp() : new Trainer(config);
        return trainer.fit(input,
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats stats, EmbeddingModel m) {
                        epochs.add(stats);
                        out.printf(Locale.ROOT, "epoch %d  %.3f s  %,d triplets  %,.0f triplets/s  loss %.4f%n",
                                stats.epoch(), stats.seconds(), stats.triplets(), stats.tripletsPerSecond(),
                                stats.meanLoss());
                        out.flush();
                    }
                });
    }

    private static void printFigures(PrintWriter out, Figures f) {
        out.printf(Locale.ROOT, "epoch_seconds %s%n", Arrays.toString(f.epochs().stream()
                .mapToDouble(EpochStats::seconds).map(s -> Math.round(s * 1e4) / 1e4).toArray()));
        out.printf(Locale.ROOT, "triplets_per_second %.0f (median of %d epochs)%n", f.median(), f.epochs().size());
        out.printf(Locale.ROOT, "eval_seconds %s%s%n",
                f.evalSeconds() == null ? "-" : String.format(Locale.ROOT, "%.3f", f.evalSeconds()),
                f.metrics() == null ? "" : String.format(Locale.ROOT, " (%d users, full_auc %.4f)",
                        Math.round(f.metrics().get(Metrics.USERS)), f.metrics().get(Metrics.FULL_AUC)));
        out.printf(Locale.ROOT, "peak_heap_bytes %d (%.2f GB; max heap %.2f GB)%n", f.peakHeap(), f.peakHeap() / 1e9,
                Runtime.getRuntime().maxMemory() / 1e9);
        out.flush();
    }

    private void writeJson(Figures f, TrainerConfig config) throws java.io.IOException {
        Interactions train = f.loaded().train();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("load_seconds", f.loaded().loadSeconds());
        m.put("warmup_seconds", f.loaded().warmupSeconds());
        m.put("warmup_epochs", f.loaded().warmupEpochs().length);
        m.put("warmup_warm", f.loaded().warm());
        m.put("epoch_seconds", f.epochs().stream().map(EpochStats::seconds).toList());
        m.put("triplets_per_second", f.median());
        m.put("eval_seconds", f.evalSeconds());
        m.put("peak_heap_bytes", f.peakHeap());
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        m.put("triplets_per_epoch", f.epochs().stream().map(EpochStats::triplets).toList());
        m.put("full_auc", f.metrics() == null ? null : f.metrics().get(Metrics.FULL_AUC));
        Map<String, Object> metricMap = new LinkedHashMap<>();
        if (f.metrics() != null) {
            f.metrics().asMap().forEach((k, v) -> metricMap.put(k, v.isNaN() ? null : v));
        }
        m.put("metrics", metricMap);
        m.put("preset", training.preset());
        m.put("config", config.toProperties());
        m.put("users", train.numUsers());
        m.put("items", train.numItems());
        m.put("train_ratings", train.totalRated());
        m.put("anchors", train.anchorCount());
        m.put("java", System.getProperty("java.version"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        AtomicFiles.write(json, o -> mapper.writeValue(o, m));
    }

    /** Samples the heap's used bytes every 10 ms on a daemon thread and keeps the largest. */
    static final class HeapWatch extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        private volatile long peak;

        HeapWatch() {
            super("tripletrec-heap-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used > peak) {
                peak = used;
            }
        }

        long finish() {
            running = false;
            interrupt();
            try {
                join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
            return peak;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
