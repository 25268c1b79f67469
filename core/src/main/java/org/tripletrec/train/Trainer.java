package org.tripletrec.train;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tripletrec.Version;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.sampling.NeverRatedItems;
import org.tripletrec.sampling.SamplingContext;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.sampling.SplitMix;
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
 * its semantics: one thread trains, and the other threads share each step's update of the untouched rows,
 * each parameter's arithmetic the same whichever thread runs it, so its model is that of one thread.
 *
 * <p>Batch size 1 with SGD, Adagrad or lazy Adam takes a fused kernel (gradient and update in one pass over
 * the triplet's three rows, no gradient buffers); it gives the same model as the general mini-batch path.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int PROGRESS_EVERY = 1 << 14;

    private final TrainerConfig config;
    private final boolean batchedOnly;
    private final Kernel kernel; // null: by the run's work (Kernel.forWork)

    public Trainer(TrainerConfig config) {
        this(config, false, null);
    }

    /** {@code batchedOnly}: never take the fused batch-1 kernel (tests compare the two paths). */
    Trainer(TrainerConfig config, boolean batchedOnly) {
        this(config, batchedOnly, null);
    }

    private Trainer(TrainerConfig config, boolean batchedOnly, Kernel kernel) {
        this.config = config;
        this.batchedOnly = batchedOnly;
        this.kernel = kernel;
        Samplers.validate(config.sampler());
    }

    /**
     * This trainer for a JVM that has compiled the training code already ({@link Warmup#start}): it takes the
     * Vector API kernel whenever the JVM has it on. Otherwise a short run takes the plain kernel, which compiles
     * sooner.
     */
    public Trainer warmedUp() {
        return withKernel(Kernel.fastest());
    }

    Trainer withKernel(Kernel k) {
        return new Trainer(config, batchedOnly, k);
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
        return fit(TrainingInput.of(train, users, items, dataFingerprint), listener);
    }

    /**
     * Trains on {@code input}: side features, a warm start and a subset of anchors when it has them. The model
     * carries the features (its tables are the composed vectors) and the optimiser's final state.
     */
    public EmbeddingModel fit(TrainingInput input, TrainingListener listener) {
        if (config.hasChannels()) {
            return ChannelTrainer.fit(config, input, listener, batchedOnly);
        }
        SplitMix master = new SplitMix(config.seed());
        // Loops over a whole table or data set live in methods of their own: a long loop in this method made
        // HotSpot compile all of fit() on the side (an OSR compilation), which took a core from the training
        // threads during the first epochs.
        Tables tables = Tables.create(config, input, master);
        ModelInfo info = new ModelInfo(ModelFormat.VERSION, config, input.fingerprint(), Version.get(), Instant.now(),
                Map.of());
        EmbeddingModel model = new EmbeddingModel(config.dim(), tables.users, tables.items, tables.bias,
                input.users(), input.items(), info);
        OptimizerState resumed = input.start() == null ? null : input.start().state();
        TableState userState = tableState(tables.userParams, null, resumed == null ? null : resumed.users(), null);
        TableState itemState = tableState(tables.itemParams, tables.paramBias,
                resumed == null ? null : resumed.items(), resumed == null ? null : resumed.bias());
        AtomicLong step = new AtomicLong(resumed == null ? 0 : resumed.steps());
        train(input, tables, userState, itemState, step, master, model, listener);
        if (tables.composed) {
            model = model.withFeatures(new FeatureTables(input.userFeatures(), input.itemFeatures(),
                    input.userFeatures() == null ? null : tables.userParams,
                    input.itemFeatures() == null ? null : tables.itemParams,
                    input.itemFeatures() == null ? null : tables.paramBias));
        }
        return model.withOptimizerState(OptimizerState.of(userState, itemState, step.get()));
    }

    private TableState tableState(float[] table, float[] bias, float[][] state, float[][] biasState) {
        if (state == null) {
            return new TableState(table, bias, config.optimizer(), config.learningRate());
        }
        return new TableState(table, bias, config.optimizer(), config.learningRate(), state, biasState);
    }

    /** The epochs: each orders the anchors, runs the workers, then composes and checks the tables. */
    private void train(TrainingInput input, Tables tables, TableState userState, TableState itemState,
                       AtomicLong step, SplitMix master, EmbeddingModel model, TrainingListener listener) {
        Interactions train = input.train();
        SamplingContext ctx = new SamplingContext(train, config.dim(), tables.userParams, tables.itemParams,
                tables.paramBias, config.margin(), input.userFeatures(), input.itemFeatures());
        TripletSampler sampler = Samplers.parse(config.sampler(), ctx);
        int threads = userState.opt.dense() ? 1 : config.threads();
        if (threads < config.threads()) {
            LOG.info("dense Adam updates every row each step: one thread trains, all share each step's update of"
                    + " the untouched rows; lazy-adam trains on all threads");
        }
        AnchorSchedule subset = input.anchors();
        int[] order = subset == null ? identity(train.anchorCount()) : null;
        double visits = (subset == null ? train.anchorCount() : subset.perEpoch()) * config.epochs();
        Kernel kernel = this.kernel != null ? this.kernel : Kernel.forWork((long) visits, config.dim());
        // With more than one thread each thread owns a fixed, balanced set of users: no user row is written by
        // two threads (only item rows are shared), and each thread orders its own anchors, in parallel. The
        // anchors of a schedule (an update) are shuffled as one and cut into equal slices instead.
        UserShares shares = threads > 1 && subset == null ? UserShares.of(train, threads) : null;
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(config, train, userState, itemState, input.userFeatures(), input.itemFeatures(),
                    sampler.forThread(), batchedOnly, kernel);
        }
        Runnable[] jobs = new Runnable[threads];
        // Dense Adam trains on one thread, but every step's decay of the untouched rows is shared by all
        ChunkCrew decayCrew = threads < config.threads() ? workers[0].shareDecay(config.threads() - 1) : null;
        try (WorkerThreads crew = new WorkerThreads(threads); decayCrew;
             NeverRatedItems.Registration newItems = input.itemFeatures() == null ? null
                     : NeverRatedItems.exclude(train)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime(); // the epoch's time includes its shuffle
                SplitMix epochRng = master.split();
                if (subset != null) {
                    order = subset.anchors(epoch, epochRng);
                    shuffle(order, epochRng);
                } else if (shares == null) {
                    arrange(order, train, config.order(), epochRng);
                } else {
                    shares.reset();
                }
                sampler.startEpoch(epoch);
                listener.onEpochStart(epoch, shares == null ? order.length : train.anchorCount());
                AtomicLong done = new AtomicLong();
                for (int t = 0; t < threads; t++) {
                    jobs[t] = job(workers[t], t, threads, shares, order, epochRng.split(), step, done, epoch, listener);
                }
                crew.runAll(jobs); // this thread runs the first job: one thread handoff fewer per epoch
                double seconds = (System.nanoTime() - start) / 1e9;
                if (tables.composed) {
                    tables.compose(input);
                }
                endEpoch(epoch, seconds, workers, model, listener);
            }
        }
    }

    private Runnable job(Worker w, int t, int threads, UserShares shares, int[] order, SplitMix rng,
                         AtomicLong step, AtomicLong done, int epoch, TrainingListener listener) {
        if (shares != null) {
            return () -> shares.train(t, config.order(), w, rng, step, done, epoch, listener);
        }
        int from = (int) ((long) order.length * t / threads);
        int to = (int) ((long) order.length * (t + 1) / threads);
        return () -> w.run(order, from, to, rng, step, done, epoch, listener);
    }

    /** Sums the workers' counters, checks the model is finite and tells the listener. */
    private void endEpoch(int epoch, double seconds, Worker[] workers, EmbeddingModel model,
                          TrainingListener listener) {
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

    /**
     * The parameter tables training writes and the model's tables. Without features they are the same arrays;
     * with features the model's user and item tables are composed from the parameters after every epoch.
     */
    private static final class Tables {
        final float[] userParams, itemParams, paramBias; // paramBias null without item biases
        final float[] users, items, bias;                 // what the model scores with
        final boolean composed;

        private Tables(float[] userParams, float[] itemParams, float[] paramBias, float[] users, float[] items,
                       float[] bias, boolean composed) {
            this.userParams = userParams;
            this.itemParams = itemParams;
            this.paramBias = paramBias;
            this.users = users;
            this.items = items;
            this.bias = bias;
            this.composed = composed;
        }

        static Tables create(TrainerConfig config, TrainingInput input, SplitMix master) {
            int dim = config.dim();
            FeatureMatrix uf = input.userFeatures(), itf = input.itemFeatures();
            int userRows = uf == null ? input.users().size() : uf.numParams();
            int itemRows = itf == null ? input.items().size() : itf.numParams();
            float[] userParams, itemParams, paramBias;
            TrainingInput.WarmStart warm = input.start();
            if (warm == null) {
                userParams = randomTable(Math.multiplyExact(userRows, dim), config.initScale(), master);
                itemParams = randomTable(Math.multiplyExact(itemRows, dim), config.initScale(), master);
                paramBias = config.itemBias() ? new float[itemRows] : null;
                // An entity with features but no rating would keep a random id row that training never moves:
                // noise on top of its features. Its id row starts at zero, so its vector is its features'.
                zeroUnratedIdRows(uf, input.train(), true, userParams, dim);
                zeroUnratedIdRows(itf, input.train(), false, itemParams, dim);
            } else {
                userParams = warm.userParams();
                itemParams = warm.itemParams();
                paramBias = config.itemBias() ? warm.itemParamBias() : null;
                if (userParams.length != (long) userRows * dim || itemParams.length != (long) itemRows * dim
                        || config.itemBias() && (paramBias == null || paramBias.length != itemRows)) {
                    throw new IllegalArgumentException("the warm start's tables do not match the catalogue");
                }
            }
            boolean composed = uf != null || itf != null;
            if (!composed) {
                return new Tables(userParams, itemParams, paramBias, userParams, itemParams, paramBias, false);
            }
            Tables t = new Tables(userParams, itemParams, paramBias,
                    uf == null ? userParams : new float[input.users().size() * dim],
                    itf == null ? itemParams : new float[input.items().size() * dim],
                    paramBias == null ? null : itf == null ? paramBias : new float[input.items().size()], true);
            t.compose(input);
            return t;
        }

        void compose(TrainingInput input) {
            int dim = users.length / Math.max(1, input.users().size());
            if (input.userFeatures() != null) {
                input.userFeatures().composeAll(userParams, dim, users);
            }
            if (input.itemFeatures() != null) {
                input.itemFeatures().composeAll(itemParams, dim, items);
                if (bias != null) {
                    input.itemFeatures().composeAllBiases(paramBias, bias);
                }
            }
        }
    }

    private static void zeroUnratedIdRows(FeatureMatrix m, Interactions train, boolean users, float[] params,
                                          int dim) {
        if (m == null || !m.hasIds()) {
            return;
        }
        boolean[] rated = new boolean[m.numRows()];
        for (int u = 0; u < train.numUsers(); u++) {
            if (users) {
                rated[u] = train.ratedCount(u) > 0;
            } else {
                var row = train.rated(u);
                for (int j = 0; j < row.size(); j++) {
                    rated[row.get(j)] = true;
                }
            }
        }
        for (int r = 0; r < rated.length; r++) {
            if (!rated[r] && m.featureCount(r) > 0) {
                java.util.Arrays.fill(params, r * dim, (r + 1) * dim, 0f);
            }
        }
    }

    /** Weights uniform in (-scale, scale). */
    private static float[] randomTable(int size, float scale, SplitMix rng) {
        float[] t = new float[size];
        for (int k = 0; k < size; k++) {
            t[k] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return t;
    }

    /** 0, 1, ..., n - 1. */
    public static int[] identity(int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        return a;
    }

    /** Orders all anchors for one epoch on one thread. */
    static void arrange(int[] order, Interactions train, AnchorOrder how, SplitMix rng) {
        if (how == AnchorOrder.BY_USER) {
            groupByUser(order, train, rng);
        } else {
            shuffle(order, rng);
        }
    }

    /** Users in random order, each user's anchors together and shuffled among themselves ({@link AnchorOrder#BY_USER}). */
    static void groupByUser(int[] order, Interactions train, SplitMix rng) {
        groupByUser(order, identity(train.numUsers()), train, rng);
    }

    /** {@link #groupByUser(int[], Interactions, SplitMix)} for the given users, shuffled in place. */
    static void groupByUser(int[] order, int[] users, Interactions train, SplitMix rng) {
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

    /** Fisher-Yates over all of {@code a}. */
    public static void shuffle(int[] a, SplitMix rng) {
        shuffle(a, 0, a.length, rng);
    }

    /** Fisher-Yates over a[from .. from + length). */
    static void shuffle(int[] a, int from, int length, SplitMix rng) {
        for (int i = length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[from + i];
            a[from + i] = a[from + j];
            a[from + j] = tmp;
        }
    }
}
