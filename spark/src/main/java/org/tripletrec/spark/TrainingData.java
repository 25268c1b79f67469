package org.tripletrec.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.DataSummary;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Polarity;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.data.Splits;

/**
 * The ratings to train on, blocked and cached ({@link BlockRow}s), with their catalogue and what loading them
 * saw. Two sources: one of core's data sets (or a local file) named by {@code --dataset}, read and split by the
 * driver with core's loader; or {@code --ratings} on any Hadoop file system, read, indexed, deduplicated and split
 * by the executors with core's rules ({@link SparkInput}, {@link BlockRow}).
 *
 * @param driverTest the test ratings when the driver read the data, else null (they are in the blocks)
 */
record TrainingData(IdIndex users, IdIndex items, Blocking userBlocking, Blocking itemBlocking,
                    JavaRDD<BlockRow> blocks, RatingLog driverTest, String fingerprint, DataSummary summary) {

    int numUsers() {
        return users.size();
    }

    int numItems() {
        return items.size();
    }

    static TrainingData load(SparkSession spark, DataOptions data, String format, DsgdTrainer trainer,
                             FeedbackPolicy policy) {
        return data.ratingsLocation() == null ? fromDataset(spark, data, trainer, policy)
                : fromRatings(spark, data, format, trainer, policy);
    }

    /** A data set read by the driver, as {@code tripletrec train} reads it: the same split, the same catalogue. */
    private static TrainingData fromDataset(SparkSession spark, DataOptions data, DsgdTrainer trainer,
                                            FeedbackPolicy policy) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DatasetLoader loader = data.loader();
        Dataset d = loader.load();
        Blocking ub = trainer.userBlocking(d.numUsers()), ib = trainer.itemBlocking(d.numItems());
        JavaRDD<BlockRow> blocks = trainer.block(sc, SparkInput.rows(sc, d.train(), trainer.blocks()), ub, ib,
                SplitRule.none());
        blocks.count(); // blocks the ratings now, not in the first epoch
        DataSummary summary = DataSummary.of(d, loader.split().toString(), d.trainInteractions(policy),
                d.testInteractions(policy));
        return new TrainingData(d.users(), d.items(), ub, ib, blocks, d.test(), Fingerprint.of(d), summary);
    }

    /** Ratings read by Spark from any Hadoop file system, split where each user's ratings meet. */
    private static TrainingData fromRatings(SparkSession spark, DataOptions data, String format, DsgdTrainer trainer,
                                            FeedbackPolicy policy) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DatasetLoader loader = data.loader(); // checks the combination of options, reads nothing
        SplitSpec spec = loader.split();
        if (spec.kind() == SplitSpec.Kind.UA || spec.kind() == SplitSpec.Kind.UB) {
            throw new UserInputException("split " + spec + " exists only for ml-100k; with --ratings use"
                    + " holdout:FRACTION, last:N, file (with --test) or none");
        }
        LongAccumulator skipped = sc.sc().longAccumulator("tripletrec bad lines skipped");
        String path = data.ratingsLocation();
        JavaRDD<RatingChunk> chunks = SparkInput.read(spark, path, format, data.ratingsFormat(), 0, skipped);
        if (spec.kind() == SplitSpec.Kind.FILE) {
            // the test file's partitions come after the train file's, with the position bit that marks them
            chunks = chunks.union(SparkInput.read(spark, data.testLocation(), format, data.ratingsFormat(),
                    (int) (BlockRow.TEST_FILE >>> 32), skipped));
        }
        SparkInput.Indexed in = SparkInput.index(sc, chunks);
        Blocking ub = trainer.userBlocking(in.users().size()), ib = trainer.itemBlocking(in.items().size());
        JavaRDD<BlockRow> blocks = trainer.block(sc, in.rows(), ub, ib, splitRule(sc, spec, loader.seed(), in));
        float like = policy.positiveThreshold(), dislike = policy.negativeThreshold(); // FeedbackPolicy is not Serializable
        Counts c = blocks.map(b -> Counts.of(b, new FeedbackPolicy(like, dislike), ib)).reduce(Counts::plus);
        chunks.unpersist(false);
        String fingerprint = String.format("spark:%s:%d", path, c.train);
        DataSummary summary = new DataSummary(path, spec.toString(), in.users().size(), in.items().size(), c.train,
                c.test, c.likes, c.dislikes, c.neutral, c.testLikes, c.testDislikes, c.coldUsers,
                in.items().size() - c.warmItems(), c.duplicates, skipped.value());
        return new TrainingData(in.users(), in.items(), ub, ib, blocks, null, fingerprint, summary);
    }

    private static SplitRule splitRule(JavaSparkContext sc, SplitSpec spec, long seed, SparkInput.Indexed in) {
        return switch (spec.kind()) {
            case NONE -> SplitRule.none();
            case FILE -> SplitRule.testFile();
            case LAST -> SplitRule.last(spec.count());
            case HOLDOUT -> SplitRule.holdout(spec.fraction(), seed, sc.broadcast(Splits.keys(in.users())),
                    sc.broadcast(Splits.keys(in.items())));
            default -> throw new IllegalStateException("split " + spec);
        };
    }

    /** The test ratings on the driver, for evaluation: the driver's own, or gathered from the blocks. */
    RatingLog test() {
        if (driverTest != null) {
            return driverTest;
        }
        RatingLog.Builder b = new RatingLog.Builder();
        for (java.util.Iterator<BlockRow.Ratings> it = blocks.map(BlockRow::test).toLocalIterator(); it.hasNext(); ) {
            BlockRow.Ratings t = it.next();
            for (int k = 0; k < t.size(); k++) {
                b.add(t.users()[k], t.items()[k], t.ratings()[k], t.times()[k]);
            }
        }
        return b.build();
    }

    /** Counts of what the blocks hold, summed over blocks; items with a train rating as a bit set. */
    record Counts(long train, long likes, long dislikes, long neutral, long test, long testLikes, long testDislikes,
                  long duplicates, int coldUsers, long[] warm) implements Serializable {
        static Counts of(BlockRow b, FeedbackPolicy policy, Blocking itemBlocking) {
            long[] counts = new long[3];
            long[] warm = new long[(itemBlocking.size() + 63) >>> 6];
            boolean[] active = new boolean[b.cells()[0].numUsers];
            for (DataBlock cell : b.cells()) {
                for (int k = 0; k < cell.size(); k++) {
                    counts[policy.polarity(cell.ratings[k]).ordinal()]++;
                    active[cell.users[k]] = true;
                    int item = itemBlocking.global(cell.itemBlock, cell.items[k]);
                    warm[item >>> 6] |= 1L << item;
                }
            }
            int cold = 0;
            for (boolean a : active) {
                cold += a ? 0 : 1;
            }
            long[] test = new long[3];
            for (float r : b.test().ratings()) {
                test[policy.polarity(r).ordinal()]++;
            }
            return new Counts(b.trainSize(), counts[Polarity.POSITIVE.ordinal()], counts[Polarity.NEGATIVE.ordinal()],
                    counts[Polarity.NEUTRAL.ordinal()], b.test().size(), test[Polarity.POSITIVE.ordinal()],
                    test[Polarity.NEGATIVE.ordinal()], b.duplicates(), cold, warm);
        }

        Counts plus(Counts o) {
            long[] w = warm.clone();
            for (int k = 0; k < w.length; k++) {
                w[k] |= o.warm[k];
            }
            return new Counts(train + o.train, likes + o.likes, dislikes + o.dislikes, neutral + o.neutral,
                    test + o.test, testLikes + o.testLikes, testDislikes + o.testDislikes, duplicates + o.duplicates,
                    coldUsers + o.coldUsers, w);
        }

        int warmItems() {
            int n = 0;
            for (long w : warm) {
                n += Long.bitCount(w);
            }
            return n;
        }
    }
}
