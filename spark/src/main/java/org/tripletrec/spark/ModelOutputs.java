package org.tripletrec.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.tripletrec.Version;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatedItems;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.Channels;
import org.tripletrec.train.TrainerConfig;
import scala.Tuple2;

/** What the job makes of the trained blocks: core's model (on the driver) and the Parquet tables (by the executors). */
final class ModelOutputs {
    private ModelOutputs() {}

    /**
     * The channels' tables joined block by block on the executors, as {@link Channels} joins the channels' models
     * (the model of {@code plan.config()}); partition r holds user block r and item block r.
     */
    static DsgdTrainer.Tables join(Channels plan, List<DsgdTrainer.Tables> channels) {
        List<JavaRDD<TableBlock>> users = new ArrayList<>(), items = new ArrayList<>();
        for (DsgdTrainer.Tables t : channels) {
            users.add(t.users());
            items.add(t.items());
        }
        DsgdTrainer.Tables first = channels.get(0);
        float[] weights = plan.weights();
        return new DsgdTrainer.Tables(join(users, weights, true, first.userBlocking().blocks()),
                join(items, weights, false, first.itemBlocking().blocks()), first.userBlocking(), first.itemBlocking());
    }

    private static JavaRDD<TableBlock> join(List<JavaRDD<TableBlock>> tables, float[] weights, boolean weightRows,
                                            int blocks) {
        int k = tables.size();
        JavaPairRDD<Integer, Tuple2<Integer, TableBlock>> all = null;
        for (int c = 0; c < k; c++) {
            int channel = c;
            JavaPairRDD<Integer, Tuple2<Integer, TableBlock>> keyed = tables.get(c)
                    .mapToPair(t -> new Tuple2<>(t.block, new Tuple2<>(channel, t.parameters())));
            all = all == null ? keyed : all.union(keyed);
        }
        JavaRDD<TableBlock> joined = all.groupByKey(new HashPartitioner(blocks)).map(g -> {
            TableBlock[] byChannel = new TableBlock[k];
            for (Tuple2<Integer, TableBlock> p : g._2()) {
                byChannel[p._1()] = p._2();
            }
            return TableBlock.join(byChannel, weights, weightRows);
        }).persist(StorageLevel.MEMORY_AND_DISK());
        joined.setName("tripletrec joined " + (weightRows ? "users" : "items"));
        return joined;
    }

    /** Core's model: the tables gathered block by block, and each user's rated items, as core's trainer writes. */
    static EmbeddingModel model(DsgdTrainer.Tables t, IdIndex users, IdIndex items, TrainerConfig config,
                                String fingerprint, RatedItems rated) {
        int dim = config.modelDim();
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
        ModelInfo info = new ModelInfo(ModelFormat.VERSION, config, fingerprint, Version.get(), Instant.now(), Map.of());
        return new EmbeddingModel(dim, u, v, bias, users, items, info).withRated(rated);
    }

    /** One user block's rated items: its users (global indices) and each one's sorted items and ratings. */
    record RatedRows(int[] users, int[] start, int[] items, float[] ratings) implements java.io.Serializable {
        static RatedRows of(BlockRow row, Blocking ub, Blocking ib) {
            int r = row.userBlock();
            int n = ub.blockSize(r);
            int[] start = new int[n + 1];
            for (DataBlock cell : row.cells()) {
                for (int k = 0; k < cell.size(); k++) {
                    start[cell.users[k] + 1]++;
                }
            }
            for (int l = 0; l < n; l++) {
                start[l + 1] += start[l];
            }
            // per user: (item << 32 | rating bits), so that sorting the longs sorts by item
            long[] packed = new long[start[n]];
            int[] fill = Arrays.copyOf(start, n);
            for (DataBlock cell : row.cells()) {
                for (int k = 0; k < cell.size(); k++) {
                    int item = ib.global(cell.itemBlock, cell.items[k]);
                    packed[fill[cell.users[k]]++] = ((long) item << 32) | (Float.floatToRawIntBits(cell.ratings[k]) & 0xffffffffL);
                }
            }
            int[] users = new int[n], items = new int[packed.length];
            float[] ratings = new float[packed.length];
            for (int l = 0; l < n; l++) {
                users[l] = ub.global(r, l);
                Arrays.sort(packed, start[l], start[l + 1]);
            }
            for (int k = 0; k < packed.length; k++) {
                items[k] = (int) (packed[k] >>> 32);
                ratings[k] = Float.intBitsToFloat((int) packed[k]);
            }
            return new RatedRows(users, start, items, ratings);
        }
    }

    /** Every user's rated (train) items, gathered on the driver one user block at a time. */
    static RatedItems rated(JavaRDD<BlockRow> data, Blocking ub, Blocking ib, int numUsers) {
        JavaRDD<RatedRows> rows = data.map(b -> RatedRows.of(b, ub, ib)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            int[] start = new int[numUsers + 1];
            for (Iterator<RatedRows> it = rows.toLocalIterator(); it.hasNext(); ) {
                RatedRows b = it.next();
                for (int l = 0; l < b.users().length; l++) {
                    start[b.users()[l] + 1] = b.start()[l + 1] - b.start()[l];
                }
            }
            for (int u = 0; u < numUsers; u++) {
                start[u + 1] += start[u];
            }
            int[] items = new int[start[numUsers]];
            float[] ratings = new float[items.length];
            for (Iterator<RatedRows> it = rows.toLocalIterator(); it.hasNext(); ) {
                RatedRows b = it.next();
                for (int l = 0; l < b.users().length; l++) {
                    int from = b.start()[l], len = b.start()[l + 1] - from;
                    System.arraycopy(b.items(), from, items, start[b.users()[l]], len);
                    System.arraycopy(b.ratings(), from, ratings, start[b.users()[l]], len);
                }
            }
            return new RatedItems(start, items, ratings);
        } finally {
            rows.unpersist(false);
        }
    }

    /** {@code dir/users} and {@code dir/items} as Parquet: id, idx, vector (array of float) and, for items, bias. */
    static void writeParquet(SparkSession spark, DsgdTrainer.Tables t, IdIndex users, IdIndex items, String dir) {
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
                Float[] vector = new Float[b.dim]; // Spark's array<float> column wants objects
                for (int j = 0; j < b.dim; j++) {
                    vector[j] = b.table()[r * b.dim + j];
                }
                out.add(withBias ? RowFactory.create(names.value()[g], g, vector, b.bias()[r])
                        : RowFactory.create(names.value()[g], g, vector));
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
