package org.tripletrec.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.tripletrec.cli.ConfigLine;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.eval.MetricsTable;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Channels;
import org.tripletrec.train.EpochStats;
import org.tripletrec.train.TrainerConfig;

/** The {@code train} job: the data, DSGD training (with checkpoints if asked), evaluation, outputs. */
final class SparkTrainJob {
    /**
     * What a run produced; {@code metrics} is null when nothing was evaluated. {@code channels}: each channel's
     * tables, as trained (lazy; readable until the job's checkpoints are deleted, i.e. always without them).
     */
    record Result(EmbeddingModel model, Metrics metrics, List<Epoch> epochs, int blocks,
                  List<DsgdTrainer.Tables> channels) {}

    /**
     * One epoch of one channel ({@code main} for a config without channels) as measured on the driver, with the
     * shuffle bytes Spark's task metrics report for it.
     */
    record Epoch(String channel, int epoch, double seconds, long triplets, double meanLoss, long shuffleBytes,
                     double checkpointSeconds) {}

    private SparkTrainJob() {}

    static Result run(SparkSession spark, TrainOptions o, PrintStream log) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainerConfig config = o.config();
        int blocks = o.blocks() > 0 ? o.blocks() : Math.max(1, sc.defaultParallelism());
        DsgdTrainer trainer = new DsgdTrainer(config, blocks); // checks the configuration before any data is read
        Channels plan = Channels.of(config);
        List<DsgdTrainer> channelTrainers = new ArrayList<>();
        for (Channels.Channel ch : plan.list()) {
            channelTrainers.add(trainer.channel(ch));
        }
        TrainingData data = TrainingData.load(spark, o.data(), o.format(), trainer, config.policy());
        if (!o.quiet()) {
            log.println(data.summary().format(config.policy()));
            log.printf(Locale.ROOT, "%s; %d x %d blocks on %s%n", ConfigLine.of(o.preset(), config), blocks, blocks,
                    sc.master());
        }
        Checkpoints checkpoints = checkpoints(sc, o, data, blocks, log);
        Progress progress = new Progress(sc, config.epochs(), o.quiet() ? null : log);
        // The channels one after the other, each a whole DSGD run on the same blocks: the parallelism is the B
        // cells of a sub-epoch (--blocks), as for a plain model.
        List<DsgdTrainer.Tables> parts = new ArrayList<>();
        for (int c = 0; c < plan.size(); c++) {
            Channels.Channel ch = plan.get(c);
            Checkpoints cc = checkpoints == null || c == 0 ? checkpoints : checkpoints.channel(ch.name());
            progress.channel = ch.name();
            if (!o.quiet()) {
                announce(log, plan, c, cc, blocks);
            }
            parts.add(channelTrainers.get(c).fit(sc, data.blocks(), data.userBlocking(), data.itemBlocking(), cc,
                    progress));
        }
        DsgdTrainer.Tables tables = plan.size() == 1 ? parts.get(0) : ModelOutputs.join(plan, parts);

        RatedItems rated = ModelOutputs.rated(data.blocks(), data.userBlocking(), data.itemBlocking(), data.numUsers());
        EmbeddingModel model = ModelOutputs.model(tables, data.users(), data.items(), config, data.fingerprint(), rated);
        Metrics metrics = o.evaluate() ? evaluate(model, rated, data, config) : null;
        if (metrics != null) {
            model = model.withInfo(model.info().withMetrics(metrics.asMap()));
            if (!o.quiet()) {
                log.println();
                log.print(new MetricsTable().with("model", metrics).format());
            }
        }
        writeOutputs(spark, o, model, tables, data, log);
        if (checkpoints != null) {
            checkpoints.finish();
        }
        return new Result(model, metrics, progress.lines, blocks, parts);
    }

    /** Says which channel starts (when there are several) and where it resumes, if it does. */
    private static void announce(PrintStream log, Channels plan, int c, Checkpoints checkpoints, int blocks) {
        Channels.Channel ch = plan.get(c);
        if (plan.size() > 1) {
            log.printf(Locale.ROOT, "channel %s (%d of %d): sampler %s, %s, seed %d, weight %s%n", ch.name(), c + 1,
                    plan.size(), ch.config().sampler(), Channels.EVERY_RATING.equals(ch.policy())
                            ? "every rating a positive" : "likes >= " + ch.policy().positiveThreshold(),
                    ch.config().seed(), ch.weight());
        }
        int done = checkpoints == null ? 0 : checkpoints.lastStep();
        if (done > 0) {
            log.printf(Locale.ROOT, "%sresuming after sub-epoch %d (epoch %d, %d of %d)%n",
                    plan.size() > 1 ? ch.name() + ": " : "", done, (done - 1) / blocks + 1, (done - 1) % blocks + 1,
                    blocks);
        }
    }

    /** The run's checkpoints, or null; without them a lost executor ends the run, which a cluster user is told. */
    private static Checkpoints checkpoints(JavaSparkContext sc, TrainOptions o, TrainingData data, int blocks,
                                           PrintStream log) {
        if (o.checkpointDir() == null) {
            if (o.resume()) {
                throw new org.tripletrec.cli.UserInputException("--resume needs --checkpoint-dir DIR");
            }
            if (!sc.isLocal() && !o.quiet()) {
                log.println("no --checkpoint-dir: a lost executor will end the run (give --checkpoint-dir DIR on a"
                        + " file system every node reaches, e.g. HDFS, to survive it and to be able to --resume)");
            }
            return null;
        }
        int every = o.checkpointEvery() > 0 ? o.checkpointEvery() : Math.min(blocks, TrainOptions.MAX_DEFAULT_EVERY);
        Checkpoints c = Checkpoints.open(sc, o.checkpointDir(), every, blocks, identity(o.config(), blocks, data),
                o.resume());
        if (!o.quiet()) {
            log.printf(Locale.ROOT, "checkpoints every %d sub-epochs in %s%n", every, o.checkpointDir());
        }
        return c;
    }

    /** What must be the same for checkpoints to be resumed: everything but the number of epochs. */
    static Map<String, String> identity(TrainerConfig config, int blocks, TrainingData data) {
        Map<String, String> id = new HashMap<>();
        config.toProperties().forEach((k, v) -> id.put("config." + k, v));
        id.remove("config.epochs");
        id.put("blocks", Integer.toString(blocks));
        id.put("data", data.fingerprint());
        id.put("users", Integer.toString(data.numUsers()));
        id.put("items", Integer.toString(data.numItems()));
        id.put(Checkpoints.FORMAT_KEY, "1");
        return id;
    }

    /** Core's evaluation on the driver, with the train ratings the model carries and the test split. */
    private static Metrics evaluate(EmbeddingModel model, RatedItems rated, TrainingData data, TrainerConfig config) {
        var test = data.test();
        if (test.size() == 0) {
            return null;
        }
        Interactions tr = Interactions.of(rated.toLog(), config.policy(), data.numUsers(), data.numItems());
        Interactions te = Interactions.of(test, config.policy(), data.numUsers(), data.numItems());
        return Evaluator.defaults().evaluate(model, tr, te);
    }

    private static void writeOutputs(SparkSession spark, TrainOptions o, EmbeddingModel model, DsgdTrainer.Tables tables,
                                     TrainingData data, PrintStream log) throws IOException {
        if (o.modelOut() != null) {
            ModelFormat.save(model, Path.of(o.modelOut()));
            if (!o.quiet()) {
                log.println("model written to " + o.modelOut());
            }
        }
        if (o.embeddingsOut() != null) {
            ModelOutputs.writeParquet(spark, tables, data.users(), data.items(), o.embeddingsOut());
            if (!o.quiet()) {
                log.println("embeddings written to " + o.embeddingsOut() + "/users and " + o.embeddingsOut() + "/items");
            }
        }
    }

    static String bytes(long b) {
        return b < 1 << 20 ? String.format(Locale.ROOT, "%.1f KB", b / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", b / 1048576.0);
    }

    /** One line per epoch, as core's trainer prints it, with the shuffle bytes and the checkpoint time. */
    private static final class Progress implements DsgdTrainer.Listener {
        final List<Epoch> lines = new ArrayList<>();
        private final ShuffleMeter meter;
        private final int epochs;
        private final PrintStream log;
        private ShuffleMeter.Snapshot last;
        /** The channel being trained. */
        String channel = "main";

        Progress(JavaSparkContext sc, int epochs, PrintStream log) {
            this.meter = ShuffleMeter.attach(sc.sc());
            this.epochs = epochs;
            this.log = log;
            this.last = meter.snapshot();
        }

        @Override
        public void onEpoch(int epoch, DsgdTrainer.Stats s, double seconds, double checkpointSeconds) {
            ShuffleMeter.Snapshot now = meter.snapshot();
            long bytes = now.minus(last).written();
            last = now;
            lines.add(new Epoch(channel, epoch, seconds, s.triplets(), s.meanLoss(), bytes, checkpointSeconds));
            if (log != null) {
                StringBuilder line = org.tripletrec.cli.EpochLine.of(
                        new EpochStats(epoch, seconds, s.triplets(), s.skipped(), s.meanLoss()), epochs);
                line.append("  shuffle ").append(bytes(bytes));
                if (checkpointSeconds > 0) {
                    line.append(String.format(Locale.ROOT, "  checkpoint %.2fs", checkpointSeconds));
                }
                log.println(line);
                log.flush();
            }
        }
    }
}
