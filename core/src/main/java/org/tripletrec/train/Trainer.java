package org.tripletrec.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tripletrec.Version;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.sampling.SamplingContext;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.sampling.TripletSampler;

/**
 * Trains the Siamese triplet model: every epoch, each liked (user, item) pair is visited once in a fresh random
 * order, a sampler draws its triplet, and mini-batches of triplets update the user table and the ONE shared item
 * table through the configured loss and optimiser.
 *
 * <p>Threads share the tables without locks (Hogwild, as LightFM and implicit do): each thread takes a
 * contiguous share of the epoch's shuffled anchors and its own random stream, and writes the rows of its
 * triplets in place. With one thread a fixed seed gives a bit-for-bit repeatable model. With more, which
 * thread reads a row before or after another thread's write depends on timing, so two runs with the same seed
 * differ slightly (the sampled triplets are the same, the interleaving of updates is not); the quality does
 * not. Dense Adam steps every row on every mini-batch, which cannot be split between threads without changing
 * its semantics: it always runs on one thread.
 *
 * <p>Batch size 1 with SGD, Adagrad or lazy Adam takes a fused kernel (gradient and update in one pass over
 * the triplet's three rows, no gradient buffers); it gives the same model as the general mini-batch path.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int PROGRESS_EVERY = 1 << 14;

    private final TrainerConfig config;
    private final boolean batchedOnly;

    public Trainer(TrainerConfig config) {
        this(config, false);
    }

    /** {@code batchedOnly}: never take the fused batch-1 kernel (tests compare the two paths). */
    Trainer(TrainerConfig config, boolean batchedOnly) {
        this.config = config;
        this.batchedOnly = batchedOnly;
        Samplers.validate(config.sampler());
    }

    public TrainerConfig config() {
        return config;
    }

    /** Trains on a data set's train ratings, labelled with the config's thresholds. */
    public EmbeddingModel fit(Dataset dataset, TrainingListener listener) {
        Interactions train = dataset.trainInteractions(config.policy());
        return fit(train, dataset.users(), dataset.items(), Fingerprint.of(dataset), listener);
    }

    public EmbeddingModel fit(Interactions train, IdIndex users, IdIndex items, String dataFingerprint,
                              TrainingListener listener) {
        if (train.numUsers() != users.size() || train.numItems() != items.size()) {
            throw new IllegalArgumentException("interactions and id maps disagree on the catalogue size");
        }
        int dim = config.dim();
        int nu = train.numUsers();
        int ni = train.numItems();
        SplittableRandom master = new SplittableRandom(config.seed());
        float[] userTable = new float[Math.multiplyExact(nu, dim)];
        float[] itemTable = new float[Math.multiplyExact(ni, dim)];
        float scale = config.initScale();
        for (int k = 0; k < userTable.length; k++) {
            userTable[k] = (float) ((master.nextDouble() * 2 - 1) * scale);
        }
        for (int k = 0; k < itemTable.length; k++) {
            itemTable[k] = (float) ((master.nextDouble() * 2 - 1) * scale);
        }
        float[] bias = config.itemBias() ? new float[ni] : null;
        ModelInfo info = new ModelInfo(1, config, dataFingerprint, Version.get(), Instant.now(), Map.of());
        EmbeddingModel model = new EmbeddingModel(dim, userTable, itemTable, bias, users, items, info);

        TableState userState = new TableState(userTable, null, config.optimizer(), config.learningRate());
        TableState itemState = new TableState(itemTable, bias, config.optimizer(), config.learningRate());
        SamplingContext ctx = new SamplingContext(train, dim, userTable, itemTable, bias, config.margin());
        TripletSampler sampler = Samplers.parse(config.sampler(), ctx);
        int threads = userState.opt.dense() ? 1 : config.threads();
        if (threads < config.threads()) {
            LOG.info("dense Adam updates every row each step and runs on one thread; use lazy-adam for more");
        }
        int anchors = train.anchorCount();
        int[] order = new int[anchors];
        for (int k = 0; k < anchors; k++) {
            order[k] = k;
        }
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(config, train, userState, itemState, sampler.forThread(), batchedOnly);
        }
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread th = new Thread(r, "tripletrec-train");
            th.setDaemon(true);
            return th;
        }) : null;
        AtomicLong step = new AtomicLong();
        try {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime(); // the epoch's time includes its shuffle
                SplittableRandom epochRng = master.split();
                if (config.order() == AnchorOrder.BY_USER) {
                    groupByUser(order, train, epochRng);
                } else {
                    shuffle(order, epochRng);
                }
                sampler.startEpoch(epoch);
                listener.onEpochStart(epoch, anchors);
                AtomicLong done = new AtomicLong();
                List<Future<?>> futures = new ArrayList<>();
                Runnable own = null;
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) anchors * t / threads);
                    int to = (int) ((long) anchors * (t + 1) / threads);
                    Worker w = workers[t];
                    SplittableRandom rng = epochRng.split();
                    int ep = epoch;
                    Runnable job = () -> w.run(order, from, to, rng, step, done, ep, listener);
                    if (t == 0) {
                        own = job; // this thread trains the first share: one thread handoff fewer per epoch
                    } else {
                        futures.add(pool.submit(job));
                    }
                }
                try {
                    own.run();
                } finally {
                    for (Future<?> f : futures) {
                        await(f);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long triplets = 0, skipped = 0;
                double lossSum = 0;
                for (Worker w : workers) {
                    triplets += w.triplets;
                    skipped += w.skipped;
                    lossSum += w.lossSum;
                    w.resetCounters();
                }
                if (!model.isFinite()) {
                    throw new TrainingDivergedException(epoch, config);
                }
                listener.onEpoch(new EpochStats(epoch, seconds, triplets, skipped,
                        triplets == 0 ? 0 : lossSum / triplets), model);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return model;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Users in random order, each user's anchors together and shuffled among themselves ({@link AnchorOrder#BY_USER}). */
    static void groupByUser(int[] order, Interactions train, SplittableRandom rng) {
        int[] users = new int[train.numUsers()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        shuffle(users, rng);
        int k = 0;
        for (int u : users) {
            int first = train.anchorStart(u);
            int count = train.positiveCount(u);
            for (int j = 0; j < count; j++) {
                order[k + j] = first + j;
            }
            shuffle(order, k, count, rng);
            k += count;
        }
    }

    static void shuffle(int[] a, SplittableRandom rng) {
        shuffle(a, 0, a.length, rng);
    }

    /** Fisher-Yates over a[from .. from + length). */
    static void shuffle(int[] a, int from, int length, SplittableRandom rng) {
        for (int i = length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[from + i];
            a[from + i] = a[from + j];
            a[from + j] = tmp;
        }
    }
}
