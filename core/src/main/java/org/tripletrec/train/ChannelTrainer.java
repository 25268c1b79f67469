package org.tripletrec.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.tripletrec.Version;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.sampling.NeverRatedItems;
import org.tripletrec.sampling.SplitMix;

/**
 * Trains a config's channels side by side and joins them into one model. Each channel answers its own question:
 * <ul>
 *   <li>main: the config's own sampler and labels ("would the user like it");</li>
 *   <li>exposure, when {@link TrainerConfig#exposureWeight()} E &gt; 0: every rated item, whatever its rating,
 *       above an unrated item drawn by popularity ("would the user rate it", the exposure of ExpoMF, Liang et al.
 *       2016; popular items are the ones most often seen and passed over);</li>
 *   <li>preference, when {@link TrainerConfig#dislikeWeight()} W &gt; 0: each like above one of the same user's
 *       dislikes, topped up from their lukewarm ratings (the {@code explicit} sampler: "would they like it once
 *       rated").</li>
 * </ul>
 * Rating predicts watching well, and watching predicts a later like, but also a later dislike; the preference
 * channel tells the two apart. Each channel is a full model of the config's dimension, trained by its own
 * {@link Trainer} (the main one on the config's seed, so with both weights 0 it is exactly the plain model); they
 * share nothing while training. The joined model has dimension K x dim: user rows {@code [U_main | E U_exp | W
 * U_pref]}, item rows {@code [V_main | V_exp | V_pref]}, item bias {@code b_main + E b_exp + W b_pref}. Its score
 * is {@code s_main + E s_exp + W s_pref}, and it serves, saves, exports and folds in as any model does. The plan
 * (which channels, their configs, labels and weights) and the join are {@link Channels}', which the Spark module's
 * trainer follows too.
 *
 * <p>The channels move in lock-step: all of them finish epoch e before the listener hears of it (with the joined
 * model) and before any starts epoch e + 1. At most {@code threads} channels train at a time, each with
 * {@code max(1, threads / K)} threads; with one thread per channel a seed still repeats bit for bit.
 */
final class ChannelTrainer {
    private ChannelTrainer() {}

    /** One channel of the plan ({@link Channels}) with what it trains on. */
    private record Channel(Channels.Channel plan, TrainingInput input) {
        TrainerConfig config() {
            return plan.config();
        }

        Interactions data() {
            return input.train();
        }
    }

    /**
     * Trains every channel of {@code config} on {@code input} (with its side features, if any) and joins them.
     * A warm start (an incremental update) holds a joined model's tables: each channel continues from its own
     * columns (the user columns divided by the channel's weight again); the joined item bias goes to the main
     * channel whole, the others' start at 0, so that the update starts from the old joined scores exactly. A
     * subset of anchors (likes) is each channel's subset too, the exposure channel's as the same rated pairs,
     * unless it is an update's ({@link UpdateAnchors}), which gives the exposure channel a schedule of its own.
     */
    static EmbeddingModel fit(TrainerConfig config, TrainingInput input, TrainingListener listener,
                              boolean batchedOnly) {
        Channels plan = Channels.of(config);
        List<Channel> channels = channels(plan, config, input);
        float[] weights = plan.weights();
        int k = channels.size();
        int running = Math.min(k, config.threads());
        EmbeddingModel joined = allocate(config, channels, input.users(), input.items(), input.fingerprint());
        boolean[] newItems = k > 1 && itemIdsOnly(input) ? NeverRatedItems.mask(input.train()) : null;
        Lockstep lockstep = new Lockstep(channels, weights, running, listener, joined, newItems);
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, "tripletrec-channel");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<EmbeddingModel>> futures = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                Channel ch = channels.get(c);
                TrainingListener lane = lockstep.lane(c);
                futures.add(pool.submit(() -> {
                    try {
                        return new Trainer(ch.config(), batchedOnly).fit(ch.input(), lane);
                    } catch (Throwable t) {
                        lockstep.fail(t);
                        throw t;
                    }
                }));
            }
            EmbeddingModel[] parts = new EmbeddingModel[k];
            for (int c = 0; c < k; c++) {
                try {
                    parts[c] = futures.get(c).get();
                } catch (ExecutionException e) {
                    // the first real failure, not the aborts it caused in the other channels
                    lockstep.fail(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    lockstep.fail(e);
                }
            }
            lockstep.rethrowFailure();
            join(weights, parts, joined, newItems);
            EmbeddingModel out = parts[0].features() == null ? joined
                    : joined.withFeatures(joinFeatures(weights, parts, newItems));
            OptimizerState state = joinState(parts);
            return state == null ? out : out.withOptimizerState(state);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Channel> channels(Channels plan, TrainerConfig config, TrainingInput input) {
        int k = plan.size();
        List<Channel> channels = new ArrayList<>();
        // one draw of an epoch's anchors, the same for every channel, each with its own copy (a trainer shuffles
        // them in place)
        EpochAnchors shared = input.anchors() == null ? null
                : new EpochAnchors(input.anchors(), new SplitMix(config.seed() ^ Channels.SEED_STEP));
        for (int c = 0; c < k; c++) {
            Channels.Channel p = plan.get(c);
            TrainingInput.WarmStart start = slice(input.start(), c, k, config.dim(), p.weight());
            boolean idsOnly = c > 0 && itemIdsOnly(input);
            if (idsOnly) {
                start = itemRowsComposed(start, input.itemFeatures(), config.dim());
            }
            FeatureMatrix itemFeatures = idsOnly ? null : input.itemFeatures();
            if (Channels.EVERY_RATING.equals(p.policy())) {
                Interactions rated = Channels.everyRatingLiked(input.train());
                AnchorSchedule anchors = input.anchors() instanceof UpdateAnchors update ? update.everyRating(rated)
                        : shared == null ? null : shared.copies(input.train(), rated);
                channels.add(new Channel(p, new TrainingInput(rated, input.users(), input.items(),
                        input.fingerprint(), input.userFeatures(), itemFeatures, start, anchors)));
            } else {
                channels.add(new Channel(p, input.withFeatures(input.userFeatures(), itemFeatures).withStart(start)
                        .withAnchors(shared == null ? null : shared.copies(null, null))));
            }
        }
        return channels;
    }

    /**
     * Whether the channels beyond the main one learn items by their ids alone: when items have features and ids.
     * Exposure and preference are learned from ratings, and an item nobody rated has none; what its features say
     * about them, learned from other items' ratings, ranked new items worse than the main model alone does. So a
     * new item (known only by its features) is scored by the main channel: its other columns are zero.
     */
    static boolean itemIdsOnly(TrainingInput input) {
        return input.itemFeatures() != null && input.itemFeatures().hasIds();
    }

    /**
     * A channel's slice of a warm start for training without item features: each item's row is its vector as the
     * model composed it (id row plus feature rows, so that a model whose channels had item features continues from
     * the same scores), the optimiser state that of the id rows, and the item biases 0 (as {@link #slice} starts
     * every channel's but the main one's). Null for null.
     */
    static TrainingInput.WarmStart itemRowsComposed(TrainingInput.WarmStart start, FeatureMatrix items, int d) {
        if (start == null) {
            return null;
        }
        int n = items.numRows();
        float[] vectors = new float[Math.multiplyExact(n, d)];
        items.composeAll(start.itemParams(), d, vectors);
        float[] bias = start.itemParamBias() == null ? null : new float[n];
        OptimizerState st = start.state();
        OptimizerState idRows = null;
        if (st != null) {
            float[][] it = new float[st.items().length][];
            for (int a = 0; a < it.length; a++) {
                it[a] = java.util.Arrays.copyOf(st.items()[a], n * d);
            }
            float[][] b = new float[st.bias().length][];
            for (int a = 0; a < b.length; a++) {
                b[a] = java.util.Arrays.copyOf(st.bias()[a], n);
            }
            idRows = new OptimizerState(st.kind(), st.steps(), st.users(), it, b);
        }
        return new TrainingInput.WarmStart(start.userParams(), vectors, bias, idRows);
    }

    /**
     * Channel c's part of a joined warm start (tables of width k x d): its columns, the user's divided by the
     * channel's weight; the whole item bias for the main channel (c = 0), zeros for the others; the optimiser's
     * state likewise. Null for null.
     */
    static TrainingInput.WarmStart slice(TrainingInput.WarmStart start, int c, int k, int d, float weight) {
        if (start == null) {
            return null;
        }
        float[] bias = start.itemParamBias();
        OptimizerState st = start.state();
        OptimizerState sliced = null;
        if (st != null) {
            float fresh = Optimizer.freshState(st.kind());
            float[][] b = new float[st.bias().length][];
            for (int a = 0; a < b.length; a++) {
                b[a] = c == 0 ? st.bias()[a].clone() : filled(st.bias()[a].length, fresh);
            }
            sliced = new OptimizerState(st.kind(), st.steps(), columns(st.users(), k * d, c * d, d),
                    columns(st.items(), k * d, c * d, d), b);
        }
        return new TrainingInput.WarmStart(columns(start.userParams(), k * d, c * d, d, 1f / weight),
                columns(start.itemParams(), k * d, c * d, d, 1f),
                bias == null ? null : c == 0 ? bias.clone() : new float[bias.length], sliced);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[][] columns(float[][] tables, int width, int from, int d) {
        float[][] out = new float[tables.length][];
        for (int a = 0; a < tables.length; a++) {
            out[a] = columns(tables[a], width, from, d, 1f);
        }
        return out;
    }

    /** Columns [from, from + d) of a table of the given width, times scale. */
    private static float[] columns(float[] table, int width, int from, int d, float scale) {
        int rows = table.length / width;
        float[] out = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                out[r * d + j] = table[r * width + from + j] * scale;
            }
        }
        return out;
    }

    /**
     * An update's anchors, drawn once per epoch (in epoch order, from a random stream of their own, so that a
     * seed repeats however the channels' threads interleave) and handed to every channel as a copy of its own.
     */
    private static final class EpochAnchors {
        private final AnchorSchedule likes;
        private final SplitMix rng;
        private int epoch;
        private int[] current;

        EpochAnchors(AnchorSchedule likes, SplitMix rng) {
            this.likes = likes;
            this.rng = rng;
        }

        private synchronized int[] of(int e) {
            while (epoch < e) {
                current = likes.anchors(++epoch, rng);
            }
            return current;
        }

        /** A schedule of copies of each epoch's draw; with {@code rated}, as anchors of the every-rating view. */
        AnchorSchedule copies(Interactions train, Interactions rated) {
            return new AnchorSchedule() {
                @Override
                public int[] anchors(int e, SplitMix ignored) {
                    int[] drawn = of(e);
                    return rated == null ? drawn.clone() : ratedAnchors(train, rated, drawn);
                }

                @Override
                public double perEpoch() {
                    return likes.perEpoch();
                }
            };
        }
    }

    /** The same (user, item) pairs as the like anchors given, as anchors of the every-rating interactions. */
    static int[] ratedAnchors(Interactions train, Interactions rated, int[] likeAnchors) {
        int[] out = new int[likeAnchors.length];
        for (int k = 0; k < likeAnchors.length; k++) {
            int u = train.anchorUser(likeAnchors[k]);
            int at = java.util.Arrays.binarySearch(rated.positives(u).toArray(), train.anchorItem(likeAnchors[k]));
            out[k] = rated.anchorStart(u) + at;
        }
        return out;
    }

    /**
     * The channels' optimiser states side by side, as their tables are (unweighted: each is the state of its own
     * channel's parameters), the main channel's step count and bias state; null unless every channel has one.
     */
    private static OptimizerState joinState(EmbeddingModel[] parts) {
        for (EmbeddingModel p : parts) {
            if (p.optimizerState() == null) {
                return null;
            }
        }
        OptimizerState first = parts[0].optimizerState();
        int d = parts[0].dim();
        int k = parts.length;
        float[][] users = new float[first.users().length][];
        float[][] items = new float[first.items().length][];
        for (int a = 0; a < users.length; a++) {
            int slot = a;
            users[a] = new float[first.users()[a].length * k];
            Channels.joinRows(each(parts, m -> m.optimizerState().users()[slot]), null, d, users[a]);
        }
        for (int a = 0; a < items.length; a++) {
            int slot = a;
            items[a] = new float[first.items()[a].length * k];
            Channels.joinRows(each(parts, m -> m.optimizerState().items()[slot]), null, d, items[a]);
        }
        return new OptimizerState(first.kind(), first.steps(), users, items, first.bias());
    }

    private static EmbeddingModel allocate(TrainerConfig config, List<Channel> channels, IdIndex users, IdIndex items,
                                           String dataFingerprint) {
        int dim = Math.multiplyExact(config.dim(), channels.size());
        ModelInfo info = new ModelInfo(org.tripletrec.io.ModelFormat.VERSION, config, dataFingerprint, Version.get(), Instant.now(), Map.of());
        return new EmbeddingModel(dim, new float[Math.multiplyExact(users.size(), dim)],
                new float[Math.multiplyExact(items.size(), dim)], config.itemBias() ? new float[items.size()] : null,
                users, items, info);
    }

    /**
     * Writes the channels' tables, weighted, into the joined model's tables; the items of {@code newItems} (null
     * for none) keep only the main channel's part ({@link #itemIdsOnly}).
     */
    private static void join(float[] w, EmbeddingModel[] parts, EmbeddingModel joined, boolean[] newItems) {
        int d = parts[0].dim();
        Channels.joinRows(each(parts, EmbeddingModel::userFactors), w, d, joined.userFactors());
        Channels.joinRows(each(parts, EmbeddingModel::itemFactors), null, d, joined.itemFactors());
        if (joined.itemBias() != null) {
            Channels.joinBias(each(parts, EmbeddingModel::itemBias), w, joined.itemBias());
        }
        mainOnly(newItems, joined.itemFactors(), joined.itemBias(), parts[0].itemBias(), d, parts.length);
    }

    /**
     * Clears the columns beyond the main channel's, and sets the bias to the main channel's, of the rows in
     * {@code newItems} (the first rows of {@code table}, K x d wide). A channel trained on ids alone never moves
     * the random start of an item nobody rated: without this its noise would score the item.
     */
    private static void mainOnly(boolean[] newItems, float[] table, float[] bias, float[] mainBias, int d, int k) {
        if (newItems == null) {
            return;
        }
        int width = k * d;
        for (int i = 0; i < newItems.length; i++) {
            if (newItems[i]) {
                java.util.Arrays.fill(table, i * width + d, (i + 1) * width, 0f);
                if (bias != null) {
                    bias[i] = mainBias[i];
                }
            }
        }
    }

    private static float[][] each(EmbeddingModel[] parts, java.util.function.Function<EmbeddingModel, float[]> table) {
        float[][] out = new float[parts.length][];
        for (int c = 0; c < parts.length; c++) {
            out[c] = table.apply(parts[c]);
        }
        return out;
    }

    /**
     * The channels' side-feature parameters joined as their tables are (composing a representation is a weighted
     * sum of rows, so the joined parameters compose to the joined vectors): a new item's vector then has every
     * channel's part.
     */
    private static FeatureTables joinFeatures(float[] w, EmbeddingModel[] parts, boolean[] newItems) {
        FeatureTables first = parts[0].features();
        int d = parts[0].dim();
        float[] userParams = first.userParams() == null ? null : new float[first.userParams().length * parts.length];
        float[] itemParams = first.itemParams() == null ? null : new float[first.itemParams().length * parts.length];
        float[] bias = first.itemParamBias() == null ? null : new float[first.itemParamBias().length];
        if (userParams != null) {
            Channels.joinRows(each(parts, m -> m.features().userParams()), w, d, userParams);
        }
        // A channel trained on item ids alone has no feature rows: its item vectors are its id rows, and what it
        // adds to a feature row is zero (joinRows leaves the rows a part does not have at zero).
        if (itemParams != null) {
            Channels.joinRows(each(parts, m -> hasItemFeatures(m) ? m.features().itemParams() : m.itemFactors()),
                    null, d, itemParams);
        }
        if (bias != null) {
            Channels.joinBias(each(parts, m -> hasItemFeatures(m) ? m.features().itemParamBias()
                    : java.util.Arrays.copyOf(m.itemBias(), first.itemParamBias().length)), w, bias);
        }
        if (itemParams != null) {
            mainOnly(newItems, itemParams, bias, first.itemParamBias(), d, parts.length);
        }
        return new FeatureTables(first.users(), first.items(), userParams, itemParams, bias);
    }

    private static boolean hasItemFeatures(EmbeddingModel m) {
        return m.features() != null && m.features().hasItemFeatures();
    }

    /** Thrown inside a channel that stops because another one failed; never leaves {@link #fit}. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("stopped because another channel failed", null, false, false);
        }
    }

    /** Keeps the channels in step, limits how many train at once, and speaks to the caller's listener. */
    private static final class Lockstep {
        private final float[] weights;
        private final TrainingListener outer;
        private final EmbeddingModel joined;
        private final boolean[] newItems;
        private final Semaphore permits;
        private final CyclicBarrier barrier;
        private final AtomicInteger startedEpoch = new AtomicInteger();
        private final AtomicLongArray progress;
        private final EpochStats[] stats;
        private final EmbeddingModel[] models;
        private final long anchors;
        private volatile long epochStart;
        private volatile Throwable failure;

        Lockstep(List<Channel> channels, float[] weights, int running, TrainingListener outer, EmbeddingModel joined,
                 boolean[] newItems) {
            this.weights = weights;
            this.outer = outer;
            this.joined = joined;
            this.newItems = newItems;
            int k = channels.size();
            permits = new Semaphore(running);
            progress = new AtomicLongArray(k);
            stats = new EpochStats[k];
            models = new EmbeddingModel[k];
            long total = 0;
            for (Channel c : channels) {
                total += c.data().anchorCount();
            }
            anchors = total;
            barrier = new CyclicBarrier(k, this::epochDone);
        }

        /** Runs on the last channel to finish an epoch, before any channel goes on. */
        private void epochDone() {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            long triplets = 0, skipped = 0;
            double loss = 0;
            for (EpochStats s : stats) {
                triplets += s.triplets();
                skipped += s.skipped();
                loss += s.meanLoss() * s.triplets();
            }
            join(weights, models, joined, newItems);
            for (int c = 0; c < progress.length(); c++) {
                progress.set(c, 0);
            }
            outer.onEpoch(new EpochStats(stats[0].epoch(), seconds, triplets, skipped,
                    triplets == 0 ? 0 : loss / triplets), joined);
        }

        TrainingListener lane(int c) {
            return new TrainingListener() {
                private boolean holding;

                @Override
                public void onEpochStart(int epoch, long ignored) {
                    acquire();
                    holding = true;
                    if (startedEpoch.compareAndSet(epoch - 1, epoch)) {
                        epochStart = System.nanoTime();
                        outer.onEpochStart(epoch, anchors);
                    }
                }

                @Override
                public void onProgress(int epoch, long done) {
                    progress.set(c, done);
                    long sum = 0;
                    for (int k = 0; k < progress.length(); k++) {
                        sum += progress.get(k);
                    }
                    outer.onProgress(epoch, sum);
                }

                @Override
                public void onEpoch(EpochStats s, EmbeddingModel model) {
                    stats[c] = s;
                    models[c] = model;
                    if (holding) {
                        holding = false;
                        permits.release();
                    }
                    try {
                        barrier.await();
                    } catch (BrokenBarrierException e) {
                        throw new Aborted();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Aborted();
                    }
                }
            };
        }

        private void acquire() {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted();
            }
            if (failure != null) {
                permits.release();
                throw new Aborted();
            }
        }

        /** Records the first real failure and wakes every channel that waits, so that each of them stops. */
        synchronized void fail(Throwable t) {
            if (failure == null && !(t instanceof Aborted)) {
                failure = t;
            }
            barrier.reset();
            permits.release(weights.length);
        }

        void rethrowFailure() {
            Throwable t = failure;
            if (t == null) {
                return;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("a training channel failed", t);
        }
    }
}
