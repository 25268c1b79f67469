package org.tripletrec.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.train.CellTrainer;
import org.tripletrec.train.TrainerConfig;
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
 * driver but the per-sub-epoch loss and counts. With a fixed seed and B the model is the same on every run,
 * whatever the number of executors or cores.
 */
final class DsgdTrainer {
    static final long USER_SALT = 0x75736572L, ITEM_SALT = 0x6974656dL;

    /** Hears what happens; the driver-side counterpart of core's TrainingListener. */
    interface Listener {
        default void onSubEpoch(int epoch, int shift, Stats stats, double seconds) {}

        default void onEpoch(int epoch, Stats stats, double seconds) {}
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

    DsgdTrainer(TrainerConfig config, int blocks) {
        Samplers.validate(config.sampler());
        if (config.sampler().toLowerCase(Locale.ROOT).contains("seed-literal")) {
            throw new IllegalArgumentException("the seed-literal sampler pairs likes with dislikes by their position"
                    + " in the whole matrix, which cannot be split into blocks; use 'explicit' (its corrected form)");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("--blocks must be at least 1");
        }
        this.config = config;
        this.blocks = blocks;
    }

    Tables fit(JavaSparkContext sc, JavaRDD<RatingRow> ratings, int numUsers, int numItems, Listener listener) {
        int b = blocks;
        TrainerConfig c = config;
        // TrainerConfig is not Serializable: tasks get its flat form, the one stored in model files.
        HashMap<String, String> props = new HashMap<>(c.toProperties());
        Blocking ub = new Blocking(numUsers, b, Blocking.mix(c.seed(), USER_SALT));
        Blocking ib = new Blocking(numItems, b, Blocking.mix(c.seed(), ITEM_SALT));
        HashPartitioner byBlock = new HashPartitioner(b); // Integer key k in [0, B) goes to partition k

        List<Integer> ids = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            ids.add(r);
        }
        // Fillers make sure that every partition sees its block number, even a block without ratings.
        JavaPairRDD<Integer, RatingRow> fillers = sc.parallelize(ids, b).mapToPair(r -> new Tuple2<>(r, RatingRow.filler()));
        JavaRDD<DataBlock.Row> data = ratings.mapToPair(row -> new Tuple2<>(ub.block(row.user()), row))
                .union(fillers)
                .partitionBy(byBlock)
                .mapPartitionsWithIndex((r, it) -> List.of(DataBlock.Row.build(r, values(it), ub, ib)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        data.setName("tripletrec ratings blocks");

        float scale = c.initScale();
        long seed = c.seed();
        int dim = c.dim();
        boolean itemBias = c.itemBias();
        var optimizer = c.optimizer();
        float lr = c.learningRate();
        JavaRDD<Integer> blockIds = sc.parallelize(ids, b);
        JavaRDD<TableBlock> users = blockIds.map(r -> {
            TableBlock t = new TableBlock(r, ub.blockSize(r), dim, false, optimizer, lr);
            t.initialise(ub, seed, USER_SALT, scale);
            return t;
        });
        JavaRDD<TableBlock> items = blockIds.map(r -> {
            TableBlock t = new TableBlock(r, ib.blockSize(r), dim, itemBias, optimizer, lr);
            t.initialise(ib, seed, ITEM_SALT, scale);
            return t;
        });

        SplittableRandom master = new SplittableRandom(Blocking.mix(seed, 0x73686966L));
        JavaRDD<Trained> previous = null;
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            int[] shifts = permutation(b, master.split());
            Stats epochStats = Stats.ZERO;
            long epochStart = System.nanoTime();
            for (int shift : shifts) {
                long start = System.nanoTime();
                int ep = epoch;
                // Item block k goes to partition (k - shift) mod B: the cell (r, r + shift) of this stratum.
                JavaRDD<TableBlock> itemsHere = items
                        .mapToPair(t -> new Tuple2<>(Math.floorMod(t.block - shift, b), t))
                        .partitionBy(byBlock)
                        .values();
                JavaRDD<Tuple2<TableBlock, TableBlock>> tables = users.zipPartitions(itemsHere,
                        (u, i) -> List.of(new Tuple2<>(single(u, "user"), single(i, "item"))).iterator());
                JavaRDD<Trained> trained = data.zipPartitions(tables, (rows, pair) -> {
                    DataBlock.Row row = single(rows, "ratings");
                    Tuple2<TableBlock, TableBlock> t = single(pair, "table");
                    return List.of(train(props, row, t._1(), t._2(), shift, b, ep)).iterator();
                });
                trained.setName("tripletrec tables e" + epoch + " s" + shift);
                trained.persist(StorageLevel.MEMORY_AND_DISK());
                trained.rdd().localCheckpoint(); // cut the lineage: a long chain of sub-epochs would slow the scheduler
                Stats stats = trained.map(Trained::stats).fold(Stats.ZERO, Stats::plus);
                if (previous != null) {
                    previous.unpersist(false);
                }
                previous = trained;
                users = trained.map(Trained::users);
                items = trained.map(Trained::items);
                epochStats = epochStats.plus(stats);
                listener.onSubEpoch(epoch, shift, stats, (System.nanoTime() - start) / 1e9);
            }
            listener.onEpoch(epoch, epochStats, (System.nanoTime() - epochStart) / 1e9);
        }
        return new Tables(users, items, ub, ib);
    }

    private static Trained train(Map<String, String> props, DataBlock.Row row, TableBlock userBlock, TableBlock itemBlock,
                                 int shift, int b, int epoch) {
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
        CellTrainer w = new CellTrainer(c, cell.interactions(c.policy()), users.state, items.state);
        w.run(epoch, new SplittableRandom(Blocking.mix(Blocking.mix(c.seed(), epoch), (long) r * b + col)));
        if (!allFinite(users.table()) || !allFinite(items.table())) {
            throw new IllegalStateException("training diverged in epoch " + epoch + " (cell " + r + "," + col
                    + "): a parameter is not a finite number; lower the learning rate");
        }
        return new Trained(users, items, new Stats(w.triplets(), w.skipped(), w.lossSum()));
    }

    private static boolean allFinite(float[] a) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
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

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = k;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Visits every row of the tables on the driver, block by block (one block in driver memory at a time). */
    static void forEachRow(JavaRDD<TableBlock> blocks, Blocking blocking, RowVisitor visitor) {
        Iterator<TableBlock> it = blocks.toLocalIterator();
        while (it.hasNext()) {
            TableBlock t = it.next();
            for (int r = 0; r < t.rows; r++) {
                float[] bias = t.bias();
                visitor.row(blocking.global(t.block, r), t.table(), r * t.dim, bias == null ? 0f : bias[r]);
            }
        }
    }

    interface RowVisitor {
        void row(int global, float[] table, int offset, float bias);
    }

}
