package org.tripletrec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.tripletrec.data.Interactions;
import org.tripletrec.data.SortedSample;
import org.tripletrec.model.Scorer;

/**
 * Scores a model on held-out ratings as docs/EVALUATION.md defines: candidates of a user are the items it did not
 * rate in {@code train}; T+ and T- are its positives and negatives in {@code test}. Every metric is a mean over
 * the users with |T+| >= 1, taking only the users for which it is defined: {@code pos_neg_auc} needs |T-| >= 1,
 * an AUC needs at least one item of each label (so {@code auc_unseen} leaves out a user whose test positives were
 * all rated in train), {@code mrr} counts 0 for a user with no test positive among its candidates.
 * {@code coverage@k} is the share of the catalogue that is in at least one evaluated user's top-k.
 *
 * <p>Users are evaluated in parallel blocks, each worker with its own buffers; per-user results go to per-user
 * slots and are reduced in user order, so the figures are identical for any thread count. With
 * {@link Builder#maxUsers} set, a uniform sample of that many eligible users is evaluated instead ("sampled
 * evaluation", for large data), drawn from the seed so that it is repeatable. Immutable and thread-safe.
 */
public final class Evaluator {
    private static final int BLOCK = 32; // users per work unit: small enough to balance, large enough to be cheap

    private final int[] ks;
    private final int threads;
    private final int maxUsers; // 0 = all
    private final long sampleSeed;

    private Evaluator(Builder b) {
        ks = b.ks;
        threads = b.threads;
        maxUsers = b.maxUsers;
        sampleSeed = b.sampleSeed;
    }

    /** ks {5, 10, 20}, all cores, every user. */
    public static Evaluator defaults() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /** The cut-offs, ascending, distinct. */
    public int[] ks() { return ks.clone(); }

    public int threads() { return threads; }

    /** The user sample size, empty when every eligible user is evaluated. */
    public OptionalInt maxUsers() { return maxUsers == 0 ? OptionalInt.empty() : OptionalInt.of(maxUsers); }

    public long sampleSeed() { return sampleSeed; }

    public Metrics evaluate(Scorer scorer, Interactions train, Interactions test) {
        checkSameCatalogue(scorer, train, test);
        int[] users = selectUsers(test);
        int width = UserRanker.width(ks.length);
        double[] rows = new double[users.length * width];
        int[] bestRank = rankAll(scorer.snapshot(), train, test, users, rows, width);
        return reduce(users.length, rows, width, bestRank, train.numItems());
    }

    private static void checkSameCatalogue(Scorer scorer, Interactions train, Interactions test) {
        if (train.numUsers() != test.numUsers() || train.numItems() != test.numItems()
                || scorer.numUsers() != train.numUsers() || scorer.numItems() != train.numItems()) {
            throw new IllegalArgumentException("catalogues differ: scorer " + scorer.numUsers() + "x"
                    + scorer.numItems() + ", train " + train.numUsers() + "x" + train.numItems() + ", test "
                    + test.numUsers() + "x" + test.numItems() + " (users x items)");
        }
    }

    /** The eligible users (|T+| >= 1) in ascending order, or a seeded uniform sample of them. */
    private int[] selectUsers(Interactions test) {
        int count = 0;
        int[] eligible = new int[test.numUsers()];
        for (int u = 0; u < test.numUsers(); u++) {
            if (test.positiveCount(u) > 0) {
                eligible[count++] = u;
            }
        }
        if (maxUsers == 0 || count <= maxUsers) {
            return Arrays.copyOf(eligible, count);
        }
        return SortedSample.of(eligible, count, maxUsers, new SplittableRandom(sampleSeed));
    }

    /** Fills one row per user and returns, per item, the best top-list rank any user gave it. */
    private int[] rankAll(Scorer scorer, Interactions train, Interactions test, int[] users, double[] rows,
                          int width) {
        int blocks = (users.length + BLOCK - 1) / BLOCK;
        int workers = Math.max(1, Math.min(threads, blocks));
        AtomicInteger nextBlock = new AtomicInteger();
        List<Callable<int[]>> tasks = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            tasks.add(() -> {
                UserRanker ranker = new UserRanker(scorer, train, test, ks);
                for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                    int end = Math.min(users.length, (b + 1) * BLOCK);
                    for (int j = b * BLOCK; j < end; j++) {
                        ranker.evaluate(users[j], rows, j * width);
                    }
                }
                return ranker.bestRank;
            });
        }
        List<int[]> ranks = workers == 1 ? List.of(callInline(tasks.get(0))) : runInPool(tasks);
        int[] best = ranks.get(0);
        for (int w = 1; w < ranks.size(); w++) {
            int[] other = ranks.get(w);
            for (int i = 0; i < best.length; i++) {
                best[i] = Math.min(best[i], other[i]);
            }
        }
        return best;
    }

    private static int[] callInline(Callable<int[]> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<int[]> runInPool(List<Callable<int[]>> tasks) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            Thread t = new Thread(r, "tripletrec-eval-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // never keep the JVM alive for an abandoned evaluation
            return t;
        });
        try {
            List<int[]> results = new ArrayList<>(tasks.size());
            for (Future<int[]> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Means over the defined (non-NaN) entries of each column, summed in user order. */
    private Metrics reduce(int numUsers, double[] rows, int width, int[] bestRank, int numItems) {
        double[] mean = new double[width];
        for (int c = 0; c < width; c++) {
            double sum = 0;
            int count = 0;
            for (int j = 0; j < numUsers; j++) {
                double v = rows[j * width + c];
                if (!Double.isNaN(v)) {
                    sum += v;
                    count++;
                }
            }
            mean[c] = count == 0 ? Double.NaN : sum / count;
        }
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.FULL_AUC, mean[UserRanker.FULL_AUC]);
        m.put(Metrics.AUC_UNSEEN, mean[UserRanker.AUC_UNSEEN]);
        m.put(Metrics.POS_NEG_AUC, mean[UserRanker.POS_NEG_AUC]);
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            int at = UserRanker.FIRST_K_COLUMN + UserRanker.PER_K * j;
            m.put(Metrics.precisionAt(k), mean[at]);
            m.put(Metrics.recallAt(k), mean[at + 1]);
            m.put(Metrics.ndcgAt(k), mean[at + 2]);
            m.put(Metrics.mapAt(k), mean[at + 3]);
            m.put(Metrics.dislikeAt(k), mean[at + 4]);
            m.put(Metrics.coverageAt(k), numItems == 0 ? Double.NaN : covered(bestRank, k) / (double) numItems);
        }
        m.put(Metrics.MRR, mean[UserRanker.MRR]);
        m.put(Metrics.USERS, (double) numUsers);
        return new Metrics(m);
    }

    private static int covered(int[] bestRank, int k) {
        int count = 0;
        for (int r : bestRank) {
            if (r <= k) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "Evaluator[ks=" + Arrays.toString(ks) + ", threads=" + threads
                + (maxUsers == 0 ? "" : ", maxUsers=" + maxUsers + ", sampleSeed=" + sampleSeed) + "]";
    }

    public static final class Builder {
        private int[] ks = {5, 10, 20};
        private int threads = Runtime.getRuntime().availableProcessors();
        private int maxUsers;
        private long sampleSeed = 42;

        private Builder() {}

        /** Cut-offs for the top-k metrics; sorted and de-duplicated. */
        public Builder ks(int... ks) {
            if (ks == null || ks.length == 0) {
                throw new IllegalArgumentException("at least one k is needed");
            }
            int[] sorted = ks.clone();
            Arrays.sort(sorted);
            if (sorted[0] < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + sorted[0]);
            }
            int distinct = 1;
            for (int j = 1; j < sorted.length; j++) {
                if (sorted[j] != sorted[distinct - 1]) {
                    sorted[distinct++] = sorted[j];
                }
            }
            this.ks = Arrays.copyOf(sorted, distinct);
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Evaluate a seeded uniform sample of at most this many eligible users; 0 means all. */
        public Builder maxUsers(int maxUsers) {
            if (maxUsers < 0) {
                throw new IllegalArgumentException("maxUsers must be >= 0, got " + maxUsers);
            }
            this.maxUsers = maxUsers;
            return this;
        }

        public Builder sampleSeed(long seed) {
            this.sampleSeed = seed;
            return this;
        }

        public Evaluator build() { return new Evaluator(this); }
    }
}
