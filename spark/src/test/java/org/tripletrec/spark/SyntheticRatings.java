package org.tripletrec.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Synthetic star ratings, generated on the executors: planted rank-8 tastes (user and item vectors drawn from a
 * seeded stream per row), Zipf-like item popularity (exponent about 0.8) and mildly skewed user activity, and
 * ratings 1..5 from the taste score plus noise, cut at quantile-like thresholds (about 20% fives, 15% <= 2).
 */
final class SyntheticRatings {
    static final int RANK = 8;

    private SyntheticRatings() {}

    static JavaRDD<RatingRow> generate(JavaSparkContext sc, long interactions, int users, int items, int partitions,
                                       long seed) {
        List<Integer> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(p);
        }
        return sc.parallelize(parts, partitions).flatMap(p -> {
            long n = interactions / partitions + (p < interactions % partitions ? 1 : 0);
            SplittableRandom rng = new SplittableRandom(Blocking.mix(seed, p));
            List<RatingRow> out = new ArrayList<>((int) n);
            float[] u = new float[RANK], v = new float[RANK];
            for (long k = 0; k < n; k++) {
                int user = (int) (users * Math.pow(rng.nextDouble(), 1.5));          // active users first
                int item = (int) (items * Math.pow(rng.nextDouble(), 1 / (1 - 0.8) / 2)); // popular items first
                user = Math.min(user, users - 1);
                item = Math.min(item, items - 1);
                taste(seed, 1, user, u);
                taste(seed, 2, item, v);
                double s = 0;
                for (int j = 0; j < RANK; j++) {
                    s += u[j] * v[j];
                }
                s = s / Math.sqrt(RANK) + 0.5 * rng.nextGaussian();
                float stars = s > 0.85 ? 5 : s > 0.25 ? 4 : s > -0.35 ? 3 : s > -0.9 ? 2 : 1;
                out.add(new RatingRow(user, item, stars, k));
            }
            return out.iterator();
        });
    }

    private static void taste(long seed, long salt, int row, float[] out) {
        SplittableRandom r = new SplittableRandom(Blocking.mix(Blocking.mix(seed, salt), row));
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) r.nextGaussian();
        }
    }
}
