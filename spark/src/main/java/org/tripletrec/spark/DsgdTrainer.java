package org.tripletrec.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.model.Vectors;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.sampling.SplitMix;
import org.tripletrec.train.CellTrainer;
import org.tripletrec.train.Channels;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingDivergedException;
import scala.Tuple2;

/**
 * Stratified distributed SGD (Gemulla et al., KDD 2011) for the triplet model. Users and items are hashed into
 * B blocks each ({@link Blocking}); the ratings become a B x B grid of cells. An epoch is B sub-epochs; sub-epoch
 * s trains the B cells (r, (r + s) mod B) in parallel, one Spark task each. No two of them share a user block or
 * an item block, so no two tasks write the same row, and a negative drawn inside the positive's item block is
 * a row the task owns. The order of the shifts s is a fresh seeded permutation every epoch.
 *
 * <p>Partition r of every RDD here belongs to user block r: the ratings of user block r, the user table block r
 * (which never moves) and, during a sub-epoch, the item table block it is paired with. Between sub-epochs the
 * item blocks, with their optimiser state, move to their next partner by a shuffle; nothing goes through the
 * driver but the per-sub-epoch loss and counts. Every random stream is seeded by the seed, the epoch and the
 * cell, and every cell's ratings are in input order, so with a fixed seed and B the model is the same on every
 * run, whatever the number of executors or cores, and a task that runs again (a lost executor) computes what it
 * computed the first time.
 *
 * <p>A config with channels ({@link Channels}) is one DSGD run per channel, one after the other, each by the
 * trainer {@link #channel} gives: the channel's sampler, seed and labels, on the same blocks (the blocking
 * follows the run's seed), so that the channels' tables line up block by block for the join.
 *
 * <p>The lineage of the tables grows by a few RDDs a sub-epoch and is cut regularly: with {@link Checkpoints}
 * by writing the tables to a reliable file system every few sub-epochs (a lost executor then costs the
 * sub-epochs since the last one), else by a local checkpoint every sub-epoch (fast, but the tables then live
 * only on the executors, and losing one ends the run).
 */
final class DsgdTrainer {
    static final long USER_SALT = 0x75736572L, ITEM_SALT = 0x6974656dL, SHIFT_SALT = 0x73686966L;

    /** Hears what happens; the driver-side counterpart of core's TrainingListener. */
    interface Listener {
        default void onSubEpoch(int epoch, int shift, Stats stats, double seconds) {}

        /** An epoch ended; {@code checkpointSeconds} of its {@code seconds} went to writing checkpoints. */
        default void onEpoch(int epoch, Stats stats, double seconds, double checkpointSeconds) {}
    }

    /** Counts of one task, one sub-epoch or one epoch. */
    record Stats(long triplets, long skipped, double lossSum) implements Serializable {
        static final Stats ZERO = new Stats(0, 0, 0);

        Stats plus(Stats o) {
            return new Stats(triplets + o.triplets, skipped + o.skipped, lossSum + o.lossSum);
        }

        double meanLoss() {
            return triplets == 0 ? 0 : lossSum / triplets;
        }
    }

    /** What one task returns: its user block, the item block it trained with, and its counts. */
    record Trained(TableBlock users, TableBlock items, Stats stats) implements Serializable {}

    /** The trained tables, as RDDs of blocks (partition r holds user block r; items in any order). */
    record Tables(JavaRDD<TableBlock> users, JavaRDD<TableBlock> items, Blocking userBlocking,
                  Blocking itemBlocking) {}

    private final TrainerConfig config;
    private final int blocks;
    /** The labels of the cells' ratings (FeedbackPolicy is not Serializable: its two thresholds). */
    private final float like, dislike;
    /** The seed of the blocking, the run's: every channel trains on the same blocks. */
    private final long blockSeed;

    /** Trains {@code config}'s main model (the whole model when it has no channels) on B x B blocks. */
    DsgdTrainer(TrainerConfig config, int blocks) {
        this(config, config.policy(), blocks, config.seed());
    }

    private DsgdTrainer(TrainerConfig config, FeedbackPolicy policy, int blocks, long blockSeed) {
        Samplers.validate(config.sampler());
        if (config.sampler().toLowerCase(Locale.ROOT).contains("seed-literal")) {
            throw new IllegalArgumentException("the seed-literal sampler pairs likes with dislikes by their position"
                    + " in the whole matrix, which cannot be split into blocks; use 'explicit' (its corrected form)");
        }
        if (config.threads() != 1) {
            throw new IllegalArgumentException("--threads " + config.threads() + ": each Spark task trains its cell"
                    + " on one thread; the job runs B tasks at once, so give more executor cores and --blocks instead");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("--blocks must be at least 1");
        }
        this.config = config;
        this.blocks = blocks;
        this.like = policy.positiveThreshold();
        this.dislike = policy.negativeThreshold();
        this.blockSeed = blockSeed;
    }

    /**
     * The trainer of one channel of a config ({@link Channels}): the channel's config (sampler, seed) and labels,
     * on this trainer's blocks.
     */
    DsgdTrainer channel(Channels.Channel channel) {
        return new DsgdTrainer(channel.config(), channel.policy(), blocks, blockSeed);
    }

    int blocks() {
        return blocks;
    }

    Blocking userBlocking(int numUsers) {
        return new Blocking(numUsers, blocks, Blocking.mix(blockSeed, USER_SALT));
    }

    Blocking itemBlocking(int numItems) {
        return new Blocking(numItems, blocks, Blocking.mix(blockSeed, ITEM_SALT));
    }

    /**
     * The ratings as B rows of cells, partition r holding user block r; cached, since every sub-epoch reads it.
     * Each row is built by {@link BlockRow#build}: input order, duplicates collapsed, {@code split} applied.
     */
    JavaRDD<BlockRow> block(JavaSparkContext sc, JavaRDD<RatingRow> ratings, Blocking ub, Blocking ib,
                            SplitRule split) {
        int b = blocks;
        // Fillers make sure that every partition sees its block number, even a block without ratings.
        JavaPairRDD<Integer, RatingRow> fillers = sc.parallelize(blockIds(), b)
                .mapToPair(r -> new Tuple2<>(r, RatingRow.filler()));
        JavaRDD<BlockRow> data = ratings.mapToPair(row -> new Tuple2<>(ub.block(row.user()), row))
                .union(fillers)
                .partitionBy(new HashPartitioner(b)) // Integer key k in [0, B) goes to partition k
                .mapPartitionsWithIndex((r, it) -> List.of(BlockRow.build(r, values(it), ub, ib, split)).iterator(),
                        true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        data.setName("tripletrec rating blocks");
        return data;
    }

    /** Trains from scratch, or on from the last checkpoint of {@code checkpoints} when it has one. */
    Tables fit(JavaSparkContext sc, JavaRDD<BlockRow> data, Blocking ub, Blocking ib, Checkpoints checkpoints,
               Listener listener) {
        int done = checkpoints == null ? 0 : checkpoints.lastStep();
        JavaRDD<TableBlock> users = done > 0 ? checkpoints.users(sc, done) : initialTable(sc, ub, USER_SALT, false);
        JavaRDD<TableBlock> items = done > 0 ? checkpoints.items(sc, done) : initialTable(sc, ib, ITEM_SALT, true);
        int[][] shifts = shiftOrders();
        HashMap<String, String> props = new HashMap<>(config.toProperties());
        int total = config.epochs() * blocks;
        JavaRDD<Trained> previous = null;
        Stats epochStats = Stats.ZERO;
        long epochStart = System.nanoTime();
        double checkpointSeconds = 0;
        for (int step = done; step < total; step++) {
            int epoch = step / blocks + 1;
            int shift = shifts[epoch - 1][step % blocks];
            long start = System.nanoTime();
            JavaRDD<Trained> trained = subEpoch(props, data, users, items, shift, epoch);
            boolean save = checkpoints != null && (checkpoints.due(step + 1) || step + 1 == total);
            if (checkpoints == null) {
                // cuts the lineage; without it a long run slows the scheduler and overflows the stack
                trained.rdd().localCheckpoint();
            }
            Stats stats = trained.map(Trained::stats).fold(Stats.ZERO, Stats::plus);
            if (save) {
                long saveStart = System.nanoTime();
                checkpoints.save(sc, step + 1, trained);
                users = checkpoints.users(sc, step + 1);
                items = checkpoints.items(sc, step + 1);
                checkpointSeconds += (System.nanoTime() - saveStart) / 1e9;
            } else {
                users = trained.map(Trained::users);
                items = trained.map(Trained::items);
            }
            if (previous != null) {
                previous.unpersist(false);
            }
            previous = trained;
            epochStats = epochStats.plus(stats);
            listener.onSubEpoch(epoch, shift, stats, (System.nanoTime() - start) / 1e9);
            if ((step + 1) % blocks == 0) {
                listener.onEpoch(epoch, epochStats, (System.nanoTime() - epochStart) / 1e9, checkpointSeconds);
                epochStats = Stats.ZERO;
                epochStart = System.nanoTime();
                checkpointSeconds = 0;
            }
        }
        return new Tables(users, items, ub, ib);
    }

    private List<Integer> blockIds() {
        List<Integer> ids = new ArrayList<>();
        for (int r = 0; r < blocks; r++) {
            ids.add(r);
        }
        return ids;
    }

    private JavaRDD<TableBlock> initialTable(JavaSparkContext sc, Blocking blocking, long salt, boolean items) {
        int dim = config.dim();
        boolean withBias = items && config.itemBias();
        var optimizer = config.optimizer();
        float lr = config.learningRate();
        long seed = config.seed();
        float scale = config.initScale();
        return sc.parallelize(blockIds(), blocks).map(r -> {
            TableBlock t = new TableBlock(r, blocking.blockSize(r), dim, withBias, optimizer, lr);
            t.initialise(blocking, seed, salt, scale);
            return t;
        });
    }

    /** The order of the shifts in each epoch: a permutation a epoch, from one seeded stream. */
    private int[][] shiftOrders() {
        SplitMix master = new SplitMix(Blocking.mix(config.seed(), SHIFT_SALT));
        int[][] orders = new int[config.epochs()][];
        for (int e = 0; e < orders.length; e++) {
            orders[e] = Trainer.identity(blocks);
            Trainer.shuffle(orders[e], master.split());
        }
        return orders;
    }

    /** One stratum: cell (r, r + shift) of every user block r, one task each. Lazy; the caller runs it. */
    private JavaRDD<Trained> subEpoch(Map<String, String> props, JavaRDD<BlockRow> data, JavaRDD<TableBlock> users,
                                      JavaRDD<TableBlock> items, int shift, int epoch) {
        int b = blocks;
        float like = this.like, dislike = this.dislike;
        // Item block k goes to partition (k - shift) mod B: the cell (r, r + shift) of this stratum.
        JavaRDD<TableBlock> itemsHere = items
                .mapToPair(t -> new Tuple2<>(Math.floorMod(t.block - shift, b), t))
                .partitionBy(new HashPartitioner(b))
                .values();
        JavaRDD<Tuple2<TableBlock, TableBlock>> tables = users.zipPartitions(itemsHere,
                (u, i) -> List.of(new Tuple2<>(single(u, "user"), single(i, "item"))).iterator());
        JavaRDD<Trained> trained = data.zipPartitions(tables, (rows, pair) -> {
            BlockRow row = single(rows, "ratings");
            Tuple2<TableBlock, TableBlock> t = single(pair, "table");
            return List.of(train(props, new FeedbackPolicy(like, dislike), row, t._1(), t._2(), shift, b, epoch))
                    .iterator();
        });
        trained.setName("tripletrec tables e" + epoch + " s" + shift);
        return trained.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static Trained train(Map<String, String> props, FeedbackPolicy policy, BlockRow row, TableBlock userBlock,
                                 TableBlock itemBlock, int shift, int b, int epoch) {
        // TrainerConfig is not Serializable: tasks get its flat form, the one stored in model files.
        TrainerConfig c = TrainerConfig.fromProperties(props);
        int r = row.userBlock();
        int col = Math.floorMod(r + shift, b);
        if (userBlock.block != r || itemBlock.block != col) {
            throw new IllegalStateException("partition of user block " + r + " got user block " + userBlock.block
                    + " and item block " + itemBlock.block + " (expected " + col + ")");
        }
        // Train a copy: the input blocks stay as they were, so a retried task repeats the same computation.
        TableBlock users = userBlock.copy();
        TableBlock items = itemBlock.copy();
        DataBlock cell = row.cells()[col];
        CellTrainer w = new CellTrainer(c, cell.interactions(policy), users.state, items.state);
        w.run(epoch, new SplitMix(Blocking.mix(Blocking.mix(c.seed(), epoch), (long) r * b + col)));
        if (!Vectors.allFinite(users.table()) || !Vectors.allFinite(items.table())) {
            throw new TrainingDivergedException(epoch, c);
        }
        return new Trained(users, items, new Stats(w.triplets(), w.skipped(), w.lossSum()));
    }

    private static <T> T single(Iterator<T> it, String what) {
        if (!it.hasNext()) {
            throw new IllegalStateException("no " + what + " block in this partition");
        }
        T t = it.next();
        if (it.hasNext()) {
            throw new IllegalStateException("more than one " + what + " block in this partition");
        }
        return t;
    }

    private static Iterator<RatingRow> values(Iterator<Tuple2<Integer, RatingRow>> it) {
        return new Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }
            @Override public RatingRow next() { return it.next()._2(); }
        };
    }

    /** Visits every row of the tables on the driver, block by block (one block in driver memory at a time). */
    static void forEachRow(JavaRDD<TableBlock> blocks, Blocking blocking, RowVisitor visitor) {
        Iterator<TableBlock> it = blocks.toLocalIterator();
        while (it.hasNext()) {
            TableBlock t = it.next();
            float[] bias = t.bias();
            for (int r = 0; r < t.rows; r++) {
                visitor.row(blocking.global(t.block, r), t.table(), r * t.dim, bias == null ? 0f : bias[r]);
            }
        }
    }

    interface RowVisitor {
        void row(int global, float[] table, int offset, float bias);
    }
}
