package org.tripletrec.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.model.EmbeddingModel;

/**
 * Gets the training code compiled while the real data is still loading: a background thread trains a throw-away
 * model with the same settings on a small random data set, until it has trained
 * {@value #MIN_TRIPLETS} triplets and its last epochs took about the same time, or for
 * {@link #CAP_NANOS} at most. Start it, load the data, {@link #await()} it, then train; {@link #close()} cancels
 * it.
 *
 * <p>Why: HotSpot runs new code interpreted, then compiles it in stages, and the Vector API kernels are many
 * times slower than plain Java until its optimising compiler (C2) has compiled them, because until then every
 * vector operation allocates. On a short run the first epochs are then mostly interpreted and partly compiled
 * code, which is not what a benchmark means to measure (docs/PERFORMANCE.md has the figures). Loading data is
 * single-threaded, so on a machine with two cores the warm-up mostly uses a core that would otherwise wait, and
 * on large data it is over before the load is. On small data it outlasts the load by more than the faster
 * epochs save: so {@code tripletrec bench} waits for it, to measure compiled code, while {@code tripletrec train}
 * and {@code update} stop it when their data is loaded ({@link #whileLoading}) and keep what it compiled by
 * then. It shares nothing with the real run but compiled code (its own tables, data and random streams), so the
 * model is the same with or without it.
 */
public final class Warmup implements AutoCloseable {
    /** Gives up after this long, warm or not (a very busy machine). */
    static final long CAP_NANOS = TimeUnit.MILLISECONDS.toNanos(2000);
    /**
     * At least this many triplets: C2 compiles the hot methods some 100,000 calls after C1 did (seen with
     * -XX:+PrintCompilation), well after the epochs look stable.
     */
    static final long MIN_TRIPLETS = 300_000;
    private static final int STABLE_EPOCHS = 3;
    private static final double STABLE_RATIO = 1.3;
    private static final int USERS = 400, ITEMS = 400, RATINGS_PER_USER = 50;

    private final Thread thread;
    private final List<Double> epochSeconds = new ArrayList<>();
    private volatile boolean warm, cancelled;

    private Warmup(TrainerConfig config, Kernel kernel) {
        // the same thread count, so that the threads' own code paths are compiled too
        TrainerConfig c = config.toBuilder().epochs(Integer.MAX_VALUE).seed(config.seed() + 1).build();
        thread = new Thread(() -> run(c, kernel), "tripletrec-warmup");
        thread.setDaemon(true);
    }

    /**
     * Starts warming up for {@code config} in the background, for a trainer that is {@link Trainer#warmedUp()}:
     * it compiles the fastest kernel this JVM has.
     */
    public static Warmup start(TrainerConfig config) {
        return start(config, Kernel.fastest());
    }

    /**
     * Starts warming up for a run of {@code config} that may be short: it compiles what such a run uses (the
     * plain kernel, {@link Kernel#forWork}), and is meant to be {@link #close() stopped} when loading is done,
     * not awaited: it uses a core that loading leaves idle and never delays the training. A long run compiles
     * its own kernel in its first epochs, which it can afford.
     */
    public static Warmup whileLoading(TrainerConfig config) {
        return start(config.toBuilder().threads(1).build(), Kernel.PLAIN); // one thread: loading has the other core
    }

    private static Warmup start(TrainerConfig config, Kernel kernel) {
        Warmup w = new Warmup(config, kernel);
        w.thread.start();
        return w;
    }

    /** A warm-up that does nothing, for callers that turn it off. */
    public static Warmup none() {
        Warmup w = new Warmup(Presets.defaults(), Kernel.PLAIN);
        w.warm = true;
        return w;
    }

    /** Whether the warm-up ended warm: enough triplets and steady epochs (not cancelled, not by the time cap). */
    public boolean warm() {
        return warm;
    }

    /** The throw-away model's epoch times so far, in seconds. */
    public synchronized double[] epochSeconds() {
        return epochSeconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Waits until the warm-up has finished: warm, or {@link #CAP_NANOS} after it started. */
    public void await() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the warm-up at the end of its current epoch, without waiting (loading the data failed, say). */
    @Override
    public void close() {
        cancelled = true;
    }

    private void run(TrainerConfig config, Kernel kernel) {
        long start = System.nanoTime();
        Interactions data = randomData(config.policy(), new SplittableRandom(config.seed()));
        try {
            TrainingListener untilWarm = new TrainingListener() {
                private long triplets;

                @Override
                public void onEpoch(EpochStats stats, EmbeddingModel model) {
                    triplets += stats.triplets();
                    if (record(stats.seconds()) && triplets >= MIN_TRIPLETS) {
                        warm = true;
                        throw new Stop();
                    }
                    if (cancelled || System.nanoTime() - start > CAP_NANOS) {
                        throw new Stop();
                    }
                }
            };
            new Trainer(config).withKernel(kernel).fit(data, ids("u", USERS), ids("i", ITEMS), "warmup", untilWarm);
        } catch (Stop | TrainingDivergedException expected) {
            // done (a diverging throw-away model has compiled the code all the same)
        } catch (RuntimeException e) {
            // best effort: whatever went wrong here, the real run will meet (and report) it properly
        }
    }

    /**
     * Records an epoch; true once the last few epochs took about the same time (not compared with the fastest
     * epoch: WARP samplers draw more negatives, so take longer, as the throw-away model learns).
     */
    private synchronized boolean record(double seconds) {
        epochSeconds.add(seconds);
        int n = epochSeconds.size();
        if (n < STABLE_EPOCHS) {
            return false;
        }
        double min = Double.MAX_VALUE, max = 0;
        for (int k = n - STABLE_EPOCHS; k < n; k++) {
            min = Math.min(min, epochSeconds.get(k));
            max = Math.max(max, epochSeconds.get(k));
        }
        return max <= STABLE_RATIO * min;
    }

    // ratings in units of the gap between the thresholds, from below the dislike one to above the like one
    private static final float[] STARS = {-1f, 0f, 0.5f, 1f, 2f};

    /** Users who each rate random items with random stars, so that every sampler finds likes and dislikes. */
    private static Interactions randomData(FeedbackPolicy policy, SplittableRandom rng) {
        RatingLog.Builder b = new RatingLog.Builder(USERS * RATINGS_PER_USER);
        boolean[] rated = new boolean[ITEMS];
        for (int u = 0; u < USERS; u++) {
            Arrays.fill(rated, false);
            for (int k = 0; k < RATINGS_PER_USER; k++) {
                int i = rng.nextInt(ITEMS);
                if (!rated[i]) {
                    rated[i] = true;
                    b.add(u, i, STARS[rng.nextInt(STARS.length)] * (policy.positiveThreshold() - policy.negativeThreshold())
                            + policy.negativeThreshold(), k);
                }
            }
        }
        return Interactions.of(b.build(), policy, USERS, ITEMS);
    }

    private static IdIndex ids(String prefix, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ids.add(prefix + k);
        }
        return IdIndex.of(ids);
    }

    /** Ends the throw-away training from its listener. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }
}
