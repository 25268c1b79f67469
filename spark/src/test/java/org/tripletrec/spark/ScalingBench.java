package org.tripletrec.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

/**
 * The README's scaling table: DSGD on synthetic ratings, seconds per epoch and shuffle bytes per sub-epoch.
 * Not a test. Run: java [spark flags] -cp test-classes:classes:CP org.tripletrec.spark.ScalingBench
 * MASTER INTERACTIONS USERS ITEMS BLOCKS EPOCHS [DIM]
 */
public final class ScalingBench {
    public static void main(String[] a) {
        String master = a[0];
        long n = Long.parseLong(a[1]);
        int users = Integer.parseInt(a[2]);
        int items = Integer.parseInt(a[3]);
        int blocks = Integer.parseInt(a[4]);
        int epochs = Integer.parseInt(a[5]);
        TrainerConfig.Builder cb = Presets.defaults().toBuilder().epochs(epochs);
        if (a.length > 6) {
            cb.dim(Integer.parseInt(a[6]));
        }
        TrainerConfig c = cb.build();
        SparkConf conf = new SparkConf().setAppName("tripletrec scaling").setMaster(master)
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
        SparkMain.quietLogs();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long t0 = System.nanoTime();
        JavaRDD<RatingRow> rows = SyntheticRatings.generate(sc, n, users, items, Math.max(4, blocks), 7L)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = rows.count();
        double gen = (System.nanoTime() - t0) / 1e9;
        ShuffleMeter meter = ShuffleMeter.attach(sc.sc());
        ShuffleMeter.Snapshot[] last = {meter.snapshot()};
        System.out.printf("master %s, %,d interactions, %,d users, %,d items, B=%d, dim %d, sampler %s (generated in %.1f s)%n",
                master, count, users, items, blocks, c.dim(), c.sampler(), gen);
        DsgdTrainer t = new DsgdTrainer(c, blocks);
        long t1 = System.nanoTime();
        t.fit(sc, rows, users, items, new DsgdTrainer.Listener() {
            @Override
            public void onSubEpoch(int epoch, int shift, DsgdTrainer.Stats s, double seconds) {
                ShuffleMeter.Snapshot now = meter.snapshot();
                ShuffleMeter.Snapshot d = now.minus(last[0]);
                last[0] = now;
                System.out.printf("  epoch %d sub-epoch shift %d: %.2f s, %,d triplets, shuffle written %,d B read %,d B, task time %.2f s over %d tasks%n",
                        epoch, shift, seconds, s.triplets(), d.written(), d.read(), d.taskMillis() / 1e3, d.tasks());
            }

            @Override
            public void onEpoch(int epoch, DsgdTrainer.Stats s, double seconds) {
                System.out.printf("epoch %d: %.2f s, %,d triplets (%.0f triplets/s), %,d skipped, loss %.4f%n",
                        epoch, seconds, s.triplets(), s.triplets() / seconds, s.skipped(), s.meanLoss());
            }
        });
        System.out.printf("total training %.1f s (first epoch includes blocking the ratings)%n", (System.nanoTime() - t1) / 1e9);
        spark.stop();
    }
}
