package org.tripletrec.train;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
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
 * <p>Threads share the tables without locks (Hogwild, as LightFM and implicit do): each thread owns a fixed,
 * balanced share of the users ({@link UserShares}), visits their liked pairs in its own random order each epoch
 * with its own random stream, and writes the rows of its triplets in place; only item rows are written by more
 * than one thread. With one thread a fixed seed gives a bit-for-bit repeatable model. With more, which
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
        // Loops over a whole table or data set live in methods of their own: a long loop in this method made
        // HotSpot compile all of fit() on the side (an OSR compilation of 0.1 to 0.2 s), which took a core from
        // the training threads during the first epochs.
        float[] userTable = randomTable(Math.multiplyExact(nu, dim), config.initScale(), master);
        float[] itemTable = randomTable(Math.multiplyExact(ni, dim), config.initScale(), master);
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
        int[] order = identity(anchors);
        // With more than one thread each thread owns a fixed, balanced set of users: no user row is written by
        // two threads (only item rows are shared), and each thread orders its own anchors, in parallel.
        UserShares shares = threads > 1 ? UserShares.of(train, threads) : null;
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(config, train, userState, itemState, sampler.forThread(), batchedOnly);
        }
        AtomicLong step = new AtomicLong();
        Runnable[] jobs = new Runnable[threads];
        try (WorkerThreads crew = new WorkerThreads(threads)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime(); // the epoch's time includes its shuffle
                SplittableRandom epochRng = master.split();
                if (shares == null) {
                    arrange(order, train, config.order(), epochRng);
                } else {
                    shares.reset();
                }
                sampler.startEpoch(epoch);
                listener.onEpochStart(epoch, anchors);
                AtomicLong done = new AtomicLong();
                for (int t = 0; t < threads; t++) {
                    Worker w = workers[t];
                    SplittableRandom rng = epochRng.split();
                    int ep = epoch;
                    if (shares == null) {
                        jobs[t] = () -> w.run(order, 0, anchors, rng, step, done, ep, listener);
                    } else {
                        int share = t;
                        jobs[t] = () -> shares.train(share, config.order(), w, rng, step, done, ep, listener);
                    }
                }
                crew.runAll(jobs); // this thread runs the first job: one thread handoff fewer per epoch
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
        }
        return model;
    }

    /** Weights uniform in (-scale, scale). */
    private static float[] randomTable(int size, float scale, SplittableRandom rng) {
        float[] t = new float[size];
        for (int k = 0; k < size; k++) {
            t[k] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return t;
    }

    /** 0, 1, ..., n - 1. */
    static int[] identity(int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        return a;
    }

    /** Orders all anchors for one epoch on one thread. */
    private static void arrange(int[] order, Interactions train, AnchorOrder how, SplittableRandom rng) {
        if (how == AnchorOrder.BY_USER) {
            groupByUser(order, train, rng);
        } else {
            shuffle(order, rng);
        }
    }

    /** Users in random order, each user's anchors together and shuffled among themselves ({@link AnchorOrder#BY_USER}). */
    static void groupByUser(int[] order, Interactions train, SplittableRandom rng) {
        groupByUser(order, identity(train.numUsers()), train, rng);
    }

    /** {@link #groupByUser(int[], Interactions, SplittableRandom)} for the given users, shuffled in place. */
    static void groupByUser(int[] order, int[] users, Interactions train, SplittableRandom rng) {
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
