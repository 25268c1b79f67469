package org.tripletrec.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tripletrec.Version;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.TrainerConfig;

/** The {@code train} job: input, DSGD training, evaluation, outputs. */
final class SparkTrainJob {
    private static final int CHUNK = 1 << 18;

    /** What a run produced; {@code metrics} is null when nothing was evaluated. */
    record Result(EmbeddingModel model, Metrics metrics, List<EpochLine> epochs, int blocks) {}

    /** One epoch as measured on the driver, with the shuffle bytes Spark's task metrics report for it. */
    record EpochLine(int epoch, double seconds, long triplets, double meanLoss, long shuffleBytes) {}

    private SparkTrainJob() {}

    static Result run(SparkSession spark, TrainOptions o, PrintStream log) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainerConfig config = o.config;
        int blocks = o.blocks > 0 ? o.blocks : Math.max(1, sc.defaultParallelism());
        DsgdTrainer trainer = new DsgdTrainer(config, blocks); // validates before any data is read

        IdIndex users, items;
        JavaRDD<RatingRow> train;
        RatingLog localTrain = null, localTest = null;
        String fingerprint;
        if (o.dataset != null) {
            DatasetLoader.Builder lb = DatasetLoader.builder().dataset(o.dataset);
            if (o.dataDir != null) {
                lb.dataDir(Path.of(o.dataDir));
            }
            if (o.split != null) {
                lb.split(o.split);
            }
            lb.skipBadLines(o.skipBadLines);
            Dataset d = lb.build().load();
            users = d.users();
            items = d.items();
            localTrain = d.train();
            localTest = d.test();
            train = parallelize(sc, d.train(), blocks);
            fingerprint = Fingerprint.of(d);
        } else {
            SparkInput.Indexed in = SparkInput.index(sc, SparkInput.read(spark, o.ratings, o.format, o.skipBadLines));
            users = in.users();
            items = in.items();
            SplitSpec split = o.split == null ? SplitSpec.parse("none") : SplitSpec.parse(o.split);
            JavaRDD<RatingRow> all = in.all();
            switch (split.kind()) {
                case NONE -> train = all;
                case HOLDOUT -> {
                    double f = split.fraction();
                    long seed = DatasetLoader.DEFAULT_SEED;
                    train = all.filter(r -> !heldOut(r, f, seed));
                    if (o.evaluate) {
                        localTrain = collect(train);
                        localTest = collect(all.filter(r -> heldOut(r, f, seed)));
                    }
                }
                default -> throw new TrainOptions.UsageException("with --ratings, --split is none or holdout:F");
            }
            long count = train.count();
            fingerprint = String.format("spark:%s:%d", o.ratings, count);
        }
        if (!o.quiet) {
            log.printf("training %d users x %d items on %s with %d x %d blocks (%s, %d epochs, dim %d)%n",
                    users.size(), items.size(), sc.master(), blocks, blocks, config.sampler(), config.epochs(),
                    config.dim());
        }

        ShuffleMeter meter = ShuffleMeter.attach(sc.sc());
        List<EpochLine> lines = new ArrayList<>();
        DsgdTrainer.Listener listener = new DsgdTrainer.Listener() {
            ShuffleMeter.Snapshot last = meter.snapshot();

            @Override
            public void onEpoch(int epoch, DsgdTrainer.Stats s, double seconds) {
                ShuffleMeter.Snapshot now = meter.snapshot();
                long bytes = now.minus(last).written();
                last = now;
                lines.add(new EpochLine(epoch, seconds, s.triplets(), s.meanLoss(), bytes));
                if (!o.quiet) {
                    log.printf("epoch %3d/%d  loss %.4f  %,d triplets  %.2f s  shuffle %s%n", epoch, config.epochs(),
                            s.meanLoss(), s.triplets(), seconds, bytes(bytes));
                }
            }
        };
        DsgdTrainer.Tables tables = trainer.fit(sc, train, users.size(), items.size(), listener);

        EmbeddingModel model = collectModel(tables, users, items, config, fingerprint);
        Metrics metrics = null;
        if (o.evaluate && localTest != null && localTest.size() > 0) {
            Interactions tr = Interactions.of(localTrain, config.policy(), users.size(), items.size());
            Interactions te = Interactions.of(localTest, config.policy(), users.size(), items.size());
            metrics = Evaluator.defaults().evaluate(model, tr, te);
            model = model.withInfo(model.info().withMetrics(metrics.asMap()));
            if (!o.quiet) {
                log.println(metrics);
            }
        }
        if (o.modelOut != null) {
            ModelFormat.save(model, Path.of(o.modelOut));
            if (!o.quiet) {
                log.println("model written to " + o.modelOut);
            }
        }
        if (o.embeddingsOut != null) {
            writeParquet(spark, tables, users, items, o.embeddingsOut);
            if (!o.quiet) {
                log.println("embeddings written to " + o.embeddingsOut + "/users and " + o.embeddingsOut + "/items");
            }
        }
        return new Result(model, metrics, lines, blocks);
    }

    static String bytes(long b) {
        return b < 1 << 20 ? String.format("%.1f KB", b / 1024.0) : String.format("%.1f MB", b / 1048576.0);
    }

    private static boolean heldOut(RatingRow r, double fraction, long seed) {
        long h = Blocking.mix(Blocking.mix(seed, r.user()), r.item());
        return (h >>> 11) * 0x1.0p-53 < fraction;
    }

    private static RatingLog collect(JavaRDD<RatingRow> rows) {
        RatingLog.Builder b = new RatingLog.Builder();
        for (java.util.Iterator<RatingRow> it = rows.toLocalIterator(); it.hasNext(); ) {
            RatingRow r = it.next();
            b.add(r.user(), r.item(), r.rating(), r.time());
        }
        return b.build();
    }

    /** Column chunks of a driver-side log, so that even ml-25m parallelises without one object per rating. */
    record Chunk(int[] u, int[] i, float[] r, long[] t) implements Serializable {}

    static JavaRDD<RatingRow> parallelize(JavaSparkContext sc, RatingLog log, int blocks) {
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < log.size(); from += CHUNK) {
            int n = Math.min(CHUNK, log.size() - from);
            int[] u = new int[n], i = new int[n];
            float[] r = new float[n];
            long[] t = new long[n];
            for (int k = 0; k < n; k++) {
                u[k] = log.user(from + k);
                i[k] = log.item(from + k);
                r[k] = log.rating(from + k);
                t[k] = log.time(from + k);
            }
            chunks.add(new Chunk(u, i, r, t));
        }
        return sc.parallelize(chunks, Math.max(1, Math.min(chunks.size(), blocks))).flatMap(c -> {
            List<RatingRow> rows = new ArrayList<>(c.u().length);
            for (int k = 0; k < c.u().length; k++) {
                rows.add(new RatingRow(c.u()[k], c.i()[k], c.r()[k], c.t()[k]));
            }
            return rows.iterator();
        });
    }

    static EmbeddingModel collectModel(DsgdTrainer.Tables t, IdIndex users, IdIndex items, TrainerConfig config,
                                       String fingerprint) {
        int dim = config.dim();
        float[] u = new float[Math.multiplyExact(users.size(), dim)];
        float[] v = new float[Math.multiplyExact(items.size(), dim)];
        float[] bias = config.itemBias() ? new float[items.size()] : null;
        DsgdTrainer.forEachRow(t.users(), t.userBlocking(),
                (g, table, off, b) -> System.arraycopy(table, off, u, g * dim, dim));
        DsgdTrainer.forEachRow(t.items(), t.itemBlocking(), (g, table, off, b) -> {
            System.arraycopy(table, off, v, g * dim, dim);
            if (bias != null) {
                bias[g] = b;
            }
        });
        ModelInfo info = new ModelInfo(1, config, fingerprint, Version.get(), Instant.now(), Map.of());
        return new EmbeddingModel(dim, u, v, bias, users, items, info);
    }

    private static void writeParquet(SparkSession spark, DsgdTrainer.Tables t, IdIndex users, IdIndex items,
                                     String dir) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        write(spark, sc, t.users(), t.userBlocking(), users, false, dir + "/users");
        write(spark, sc, t.items(), t.itemBlocking(), items, t.items().first().bias() != null, dir + "/items");
    }

    private static void write(SparkSession spark, JavaSparkContext sc, JavaRDD<TableBlock> blocks, Blocking blocking,
                              IdIndex ids, boolean withBias, String path) {
        Broadcast<String[]> names = sc.broadcast(ids.ids().toArray(new String[0]));
        JavaRDD<Row> rows = blocks.flatMap(b -> {
            List<Row> out = new ArrayList<>(b.rows);
            for (int r = 0; r < b.rows; r++) {
                int g = blocking.global(b.block, r);
                float[] vec = java.util.Arrays.copyOfRange(b.table(), r * b.dim, (r + 1) * b.dim);
                Float[] boxed = new Float[vec.length];
                for (int j = 0; j < vec.length; j++) {
                    boxed[j] = vec[j];
                }
                out.add(withBias ? RowFactory.create(names.value()[g], g, boxed, b.bias()[r])
                        : RowFactory.create(names.value()[g], g, boxed));
            }
            return out.iterator();
        });
        StructType schema = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("idx", DataTypes.IntegerType, false)
                .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        if (withBias) {
            schema = schema.add("bias", DataTypes.FloatType, false);
        }
        spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(path);
    }
}
