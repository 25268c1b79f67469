package org.tripletrec.app.cli;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.FeatureOptions;
import org.tripletrec.train.Catalogue;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.cli.ErrorHandler;
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
import org.tripletrec.data.Dataset;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.EpochStats;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
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

        long t0 = System.nanoTime();
        Catalogue catalogue;
        Interactions train, test;
        double loadSeconds, warmupSeconds;
        Warmup warmup = this.warmup ? Warmup.start(config) : Warmup.none();
        try (warmup) {
            Dataset loaded = data.load();
            catalogue = Catalogue.of(loaded, features.users(data.loader()), features.items(data.loader()), config);
            Dataset dataset = catalogue.data();
            train = dataset.trainInteractions(config.policy());
            test = dataset.testInteractions(config.policy());
            loadSeconds = seconds(t0);
            long t1 = System.nanoTime();
            warmup.await();
            warmupSeconds = seconds(t1);
        }
        out.printf(Locale.ROOT, "data: %,d users, %,d items, %,d train ratings (%,d likes), %,d test ratings%n",
                train.numUsers(), train.numItems(), train.totalRated(), train.anchorCount(), test.totalRated());
        out.printf(Locale.ROOT, "config: %s%n", config.toProperties());
        out.printf(Locale.ROOT, "load_seconds %.3f%n", loadSeconds);
        double[] warmupEpochs = warmup.epochSeconds();
        out.printf(Locale.ROOT, "warmup_seconds %.3f (waited after loading; %d epochs of a throw-away model, %s)%n",
                warmupSeconds, warmupEpochs.length, warmupEpochs.length == 0 ? "off"
                        : warmup.warm() ? "warm" : "stopped by its time cap");
        out.flush();
        if (train.anchorCount() == 0) {
            throw new UserInputException("the training data has no likes (no rating >= "
                    + config.positiveThreshold() + ")");
        }

        List<EpochStats> epochs = new ArrayList<>();
        TrainingInput input = TrainingInput.of(train, catalogue.data().users(), catalogue.data().items(), "bench")
                .withFeatures(catalogue.userFeatures(), catalogue.itemFeatures());
        EmbeddingModel model = new Trainer(config).fit(input,
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
        double[] rates = epochs.stream().mapToDouble(EpochStats::tripletsPerSecond).toArray();
        double median = median(rates);

        Double evalSeconds = null;
        Metrics metrics = null;
        if (!noEval && test.anchorCount() > 0) {
            long t1 = System.nanoTime();
            metrics = evaluator.evaluate(model, train, test);
            evalSeconds = seconds(t1);
        }
        long peak = watch.finish();

        out.printf(Locale.ROOT, "epoch_seconds %s%n", Arrays.toString(epochs.stream()
                .mapToDouble(EpochStats::seconds).map(s -> Math.round(s * 1e4) / 1e4).toArray()));
        out.printf(Locale.ROOT, "triplets_per_second %.0f (median of %d epochs)%n", median, epochs.size());
        out.printf(Locale.ROOT, "eval_seconds %s%s%n", evalSeconds == null ? "-" : String.format(Locale.ROOT, "%.3f", evalSeconds),
                metrics == null ? "" : String.format(Locale.ROOT, " (%d users, full_auc %.4f)",
                        Math.round(metrics.get(Metrics.USERS)), metrics.get(Metrics.FULL_AUC)));
        out.printf(Locale.ROOT, "peak_heap_bytes %d (%.2f GB; max heap %.2f GB)%n", peak, peak / 1e9,
                Runtime.getRuntime().maxMemory() / 1e9);
        out.flush();

        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("load_seconds", loadSeconds);
            m.put("warmup_seconds", warmupSeconds);
            m.put("warmup_epochs", warmupEpochs.length);
            m.put("warmup_warm", warmup.warm());
            m.put("epoch_seconds", epochs.stream().map(EpochStats::seconds).toList());
            m.put("triplets_per_second", median);
            m.put("eval_seconds", evalSeconds);
            m.put("peak_heap_bytes", peak);
            m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
            m.put("triplets_per_epoch", epochs.stream().map(EpochStats::triplets).toList());
            m.put("full_auc", metrics == null ? null : metrics.get(Metrics.FULL_AUC));
            Map<String, Object> metricMap = new LinkedHashMap<>();
            if (metrics != null) {
                metrics.asMap().forEach((k, v) -> metricMap.put(k, v.isNaN() ? null : v));
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
            out.println("figures written to " + json);
            out.flush();
        }
        return ErrorHandler.OK;
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
