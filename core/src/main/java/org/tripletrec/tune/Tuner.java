package org.tripletrec.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.ColdStartEvaluator;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.train.EpochStats;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingDivergedException;
import org.tripletrec.train.TrainingInput;
import org.tripletrec.train.TrainingListener;

/**
 * Random search with asynchronous successive halving (ASHA, Li et al. 2020) on a validation split, within a time
 * budget. It sees only what it is given: training interactions and validation interactions carved from the
 * training data ({@link ValidationSplit}); nothing here can reach a test set.
 *
 * <ol>
 *   <li>Search (about three quarters of the budget): {@code parallel} threads each draw the next config from the
 *       {@link SearchSpace} (trial i always draws the same config for a seed) and train it, on one thread, for
 *       up to {@code maxEpochs}, evaluating on validation every few epochs. A trial stops early when it has not
 *       improved for {@code patience} evaluations, and at each rung (epochs {@code minEpochs x eta^k}) unless its
 *       best so far is in the top 1/eta of every trial that reached that rung (the top one while fewer than eta
 *       did). It keeps its best epoch: epochs are chosen by early stopping.</li>
 *   <li>Confirmation (the rest): the {@code finalists} best trials are trained again at their best epochs on
 *       {@code confirmSeeds} further seeds, each on a further validation split when given ({@link
 *       Builder#confirmOn}); the finalist whose mean over those runs is best wins. A trial's own best figure is
 *       the maximum over its epochs and the winner of many draws on one split, so it flatters; fresh seeds and
 *       fresh splits do not.</li>
 * </ol>
 * Given items held out as new ones ({@link TuneSplit}, {@link ColdItems}) and item features ({@link
 * Builder#features}), trials train without those items' ratings and every evaluation adds the cold-start metrics
 * of {@link ColdStartEvaluator} on them to the validation metrics, so the objective and its bounds can name them.
 * <p>
 * With {@code parallel} 1 the search repeats exactly for a seed (up to where the budget cuts it); with more
 * threads which trials reach a rung first, and so which are pruned, depends on timing.
 */
public final class Tuner {
    private final TuneSplit search;
    private final FeatureMatrix userFeatures;
    private final FeatureMatrix itemFeatures;
    private final IdIndex users;
    private final IdIndex items;
    private final TrainerConfig base;
    private final SearchSpace space;
    private final Objective objective;
    private final double budgetSeconds;
    private final int maxTrials;
    private final int parallel;
    private final long seed;
    private final int maxEpochs;
    private final int minEpochs;
    private final int eta;
    private final int evalEvery;
    private final int patience;
    private final int finalists;
    private final int confirmSeeds;
    private final TuneListener listener;
    private final Evaluator evaluator;
    private final List<ColdStartEvaluator> coldEvaluators;
    private final List<TuneSplit> confirmSplits;
    private final Consumer<TrainingInput> inputs;

    private Tuner(Builder b) {
        search = Objects.requireNonNull(b.search, "data");
        inputs = b.inputs;
        userFeatures = b.userFeatures;
        itemFeatures = b.itemFeatures;
        users = Objects.requireNonNull(b.users, "users");
        items = Objects.requireNonNull(b.items, "items");
        base = Objects.requireNonNull(b.base, "base");
        space = b.space;
        objective = Objects.requireNonNull(b.objective, "objective");
        budgetSeconds = b.budgetSeconds;
        maxTrials = b.maxTrials;
        parallel = b.parallel;
        seed = b.seed;
        maxEpochs = b.maxEpochs > 0 ? b.maxEpochs : Math.max(2 * base.epochs(), 1);
        minEpochs = Math.max(1, Math.min(b.minEpochs, maxEpochs));
        eta = b.eta;
        evalEvery = Math.max(1, maxEpochs / 20);
        patience = b.patience;
        finalists = b.finalists;
        confirmSeeds = b.confirmSeeds;
        listener = b.listener;
        confirmSplits = List.copyOf(b.confirmSplits);
        Interactions train = search.train();
        for (TuneSplit split : confirmSplits) {
            if (split.train().numUsers() != train.numUsers() || split.train().numItems() != train.numItems()) {
                throw new IllegalArgumentException("a confirmation split covers another catalogue");
            }
            if (split.hasColdItems() != search.hasColdItems()) {
                throw new IllegalArgumentException("a confirmation split must hold out items when the search's does");
            }
        }
        if (train.numUsers() != users.size() || train.numItems() != items.size()) {
            throw new IllegalArgumentException("interactions and id maps disagree on the catalogue size");
        }
        int[] ks = objective.ks();
        int[] withTen = java.util.stream.IntStream.concat(java.util.Arrays.stream(ks), java.util.stream.IntStream.of(10))
                .distinct().sorted().toArray();
        evaluator = Evaluator.builder().ks(withTen).threads(1).build();
        if (search.validation().anchorCount() == 0) {
            throw new IllegalArgumentException("the validation split has no likes to evaluate on; hold out more");
        }
        List<ColdStartEvaluator> cold = new ArrayList<>();
        if (search.hasColdItems()) {
            if (ColdStartEvaluator.likedColdItems(search.coldValidation(), search.coldItems()) == 0) {
                throw new IllegalArgumentException("the items held out have no likes to evaluate on; hold out more");
            }
            for (int k : java.util.stream.IntStream.concat(java.util.Arrays.stream(objective.coldKs()),
                    java.util.stream.IntStream.of(10)).distinct().sorted().toArray()) {
                cold.add(new ColdStartEvaluator(k));
            }
        } else if (objective.namesColdMetric()) {
            throw new IllegalArgumentException("the objective " + objective + " names a cold-start metric, which"
                    + " needs items held out as new ones");
        }
        coldEvaluators = List.copyOf(cold);
        if (itemFeatures != null && itemFeatures.numRows() != items.size()
                || userFeatures != null && userFeatures.numRows() != users.size()) {
            throw new IllegalArgumentException("feature rows do not match the catalogue");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The epochs at which trials are compared: minEpochs x eta^k below maxEpochs. */
    List<Integer> rungs() {
        List<Integer> rungs = new ArrayList<>();
        for (long r = minEpochs; r < maxEpochs; r *= eta) {
            rungs.add((int) r);
        }
        return rungs;
    }

    /** Runs the search and the confirmation; returns when both are done or the budget is spent. */
    public TuneResult run() {
        long start = System.nanoTime();
        long end = start + (long) (budgetSeconds * 1e9);
        long searchEnd = start + (long) (budgetSeconds * 1e9 * (finalists > 0 && confirmSeeds > 0 ? 0.75 : 1.0));
        List<Integer> rungs = rungs();
        Rungs rungScores = new Rungs(rungs.size());
        List<Trial> trials = new ArrayList<>();
        AtomicInteger nextId = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "tripletrec-tune");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> searchers = new ArrayList<>();
            for (int p = 0; p < parallel; p++) {
                searchers.add(pool.submit(() -> {
                    for (int id = nextId.getAndIncrement(); id < maxTrials && System.nanoTime() < searchEnd;
                         id = nextId.getAndIncrement()) {
                        TrainerConfig config = space.sample(base, trialRandom(id), maxEpochs).toBuilder()
                                .threads(1).build();
                        Trial trial = runTrial(id, config, searchEnd, rungs, rungScores);
                        synchronized (trials) {
                            trials.add(trial);
                            listener.onTrial(trial);
                        }
                    }
                }));
            }
            waitAll(searchers);
            trials.sort(Comparator.comparingInt(Trial::id));
            List<Confirmation> confirmations = confirm(trials, end, pool);
            return result(trials, confirmations, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private SplittableRandom trialRandom(int id) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
    }

    private Trial runTrial(int id, TrainerConfig config, long deadline, List<Integer> rungs, Rungs rungScores) {
        long t0 = System.nanoTime();
        TrialListener l = new TrialListener(config.epochs(), deadline, rungs, rungScores);
        Trial.Status status = Trial.Status.COMPLETED;
        try {
            new Trainer(config).fit(input(search.train()), l);
        } catch (Stop s) {
            status = s.status;
        } catch (TrainingDivergedException e) {
            status = Trial.Status.DIVERGED;
        }
        return new Trial(id, config, l.bestEpoch, l.best, l.epochsRun, status, (System.nanoTime() - t0) / 1e9);
    }

    /** Ends a trial from inside its training loop. */
    private static final class Stop extends RuntimeException {
        final Trial.Status status;

        Stop(Trial.Status status) {
            super(status.label(), null, false, false);
            this.status = status;
        }
    }

    /** The best-so-far score of every trial that reached each rung. */
    private final class Rungs {
        private final List<List<Metrics>> scores = new ArrayList<>();

        Rungs(int n) {
            for (int k = 0; k < n; k++) {
                scores.add(new ArrayList<>());
            }
        }

        /** Records {@code m} at rung k; true when it is among the top 1/eta there (the top one while few). */
        synchronized boolean promote(int k, Metrics m) {
            List<Metrics> at = scores.get(k);
            at.add(m);
            List<Metrics> sorted = new ArrayList<>(at);
            sorted.sort(objective.bestFirst());
            int cut = Math.max(0, sorted.size() / eta - 1);
            return objective.bestFirst().compare(m, sorted.get(cut)) <= 0;
        }
    }

    /** Evaluates a trial as it trains, keeps its best epoch, and stops it when it should stop. */
    private final class TrialListener implements TrainingListener {
        private final int epochs;
        private final long deadline;
        private final List<Integer> rungs;
        private final Rungs rungScores;
        Metrics best;
        int bestEpoch;
        int epochsRun;
        private int sinceBest;

        TrialListener(int epochs, long deadline, List<Integer> rungs, Rungs rungScores) {
            this.epochs = epochs;
            this.deadline = deadline;
            this.rungs = rungs;
            this.rungScores = rungScores;
        }

        @Override
        public void onEpoch(EpochStats stats, EmbeddingModel model) {
            int epoch = stats.epoch();
            epochsRun = epoch;
            int rung = rungs.indexOf(epoch);
            if (epoch % evalEvery == 0 || epoch == epochs || rung >= 0) {
                Metrics m = evaluate(model, search);
                if (objective.better(m, best)) {
                    best = m;
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else if (++sinceBest >= patience) {
                    throw new Stop(Trial.Status.EARLY_STOPPED);
                }
            }
            if (rung >= 0 && !rungScores.promote(rung, best)) {
                throw new Stop(Trial.Status.PRUNED);
            }
            if (System.nanoTime() >= deadline && epoch < epochs) {
                throw new Stop(Trial.Status.OUT_OF_TIME);
            }
        }
    }

    private List<Confirmation> confirm(List<Trial> trials, long end, ExecutorService pool) {
        List<Trial> ranked = new ArrayList<>();
        for (Trial t : trials) {
            if (t.metrics() != null) {
                ranked.add(t);
            }
        }
        ranked.sort((a, b) -> objective.bestFirst().compare(a.metrics(), b.metrics()));
        List<Trial> chosen = ranked.subList(0, Math.min(finalists, ranked.size()));
        List<Future<Metrics>> runs = new ArrayList<>();
        for (Trial t : chosen) {
            for (int s = 1; s <= confirmSeeds; s++) {
                runs.add(confirmRun(t.tunedConfig(), s, end, pool));
            }
        }
        // the starting config, measured as the finalists are: what the search gained over it
        List<Future<Metrics>> baseRuns = new ArrayList<>();
        for (int s = 1; s <= confirmSeeds && !chosen.isEmpty(); s++) {
            baseRuns.add(confirmRun(base.toBuilder().threads(1).build(), s, end, pool));
        }
        List<Confirmation> out = new ArrayList<>();
        int r = 0;
        for (Trial t : chosen) {
            List<Metrics> got = new ArrayList<>();
            for (int s = 1; s <= confirmSeeds; s++) {
                Metrics m = get(runs.get(r++));
                if (m != null) {
                    got.add(m);
                }
            }
            if (got.size() == confirmSeeds) {
                Confirmation c = new Confirmation(t, List.copyOf(got), Metrics.mean(got));
                out.add(c);
                synchronized (this) {
                    listener.onConfirmation(c);
                }
            }
        }
        List<Metrics> baseGot = new ArrayList<>();
        for (Future<Metrics> f : baseRuns) {
            Metrics m = get(f);
            if (m != null) {
                baseGot.add(m);
            }
        }
        baseline = baseGot.size() == confirmSeeds && confirmSeeds > 0 ? Metrics.mean(baseGot) : null;
        return out;
    }

    /** Run s (1-based) of a confirmation: seed base + s, on the s-th further split (or the search's). */
    private Future<Metrics> confirmRun(TrainerConfig config, int s, long end, ExecutorService pool) {
        TrainerConfig seeded = config.toBuilder().seed(base.seed() + s).build();
        TuneSplit split = s <= confirmSplits.size() ? confirmSplits.get(s - 1) : search;
        return pool.submit(() -> confirmRun(seeded, split, end));
    }

    private volatile Metrics baseline;

    /** Validation metrics of one full run, or null when the budget ran out or it diverged. */
    private Metrics confirmRun(TrainerConfig config, TuneSplit split, long end) {
        if (System.nanoTime() >= end) {
            return null;
        }
        TrainingListener deadline = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats, EmbeddingModel model) {
                if (System.nanoTime() >= end) {
                    throw new Stop(Trial.Status.OUT_OF_TIME);
                }
            }
        };
        try {
            EmbeddingModel model = new Trainer(config).fit(input(split.train()), deadline);
            return evaluate(model, split);
        } catch (Stop | TrainingDivergedException e) {
            return null;
        }
    }

    private TrainingInput input(Interactions train) {
        TrainingInput input = TrainingInput.of(train, users, items, "tune").withFeatures(userFeatures, itemFeatures);
        inputs.accept(input);
        return input;
    }

    /** The warm validation metrics, then the held-out items' cold-start metrics when the split has any. */
    private Metrics evaluate(EmbeddingModel model, TuneSplit split) {
        Metrics warm = evaluator.evaluate(model, split.train(), split.validation());
        if (!split.hasColdItems()) {
            return warm;
        }
        Map<String, Double> all = new LinkedHashMap<>(warm.asMap());
        for (ColdStartEvaluator cold : coldEvaluators) {
            cold.evaluate(model, split.coldValidation(), split.coldItems()).asMap().forEach(all::putIfAbsent);
        }
        return new Metrics(all);
    }

    private TuneResult result(List<Trial> trials, List<Confirmation> confirmations, double seconds) {
        Confirmation bestConfirmed = null;
        for (Confirmation c : confirmations) {
            if (bestConfirmed == null || objective.better(c.mean(), bestConfirmed.mean())) {
                bestConfirmed = c;
            }
        }
        Trial bestTrial = null;
        for (Trial t : trials) {
            if (t.metrics() != null && (bestTrial == null || objective.better(t.metrics(), bestTrial.metrics()))) {
                bestTrial = t;
            }
        }
        if (bestTrial == null) {
            throw new IllegalStateException("no trial reached an evaluation within the budget; give it more time");
        }
        Trial winner = bestConfirmed != null ? bestConfirmed.trial() : bestTrial;
        TrainerConfig best = winner.tunedConfig().toBuilder().seed(base.seed()).threads(base.threads()).build();
        return new TuneResult(List.copyOf(trials), List.copyOf(confirmations), baseline, best,
                bestConfirmed != null ? bestConfirmed.mean() : bestTrial.metrics(), bestConfirmed != null, seconds);
    }

    private static void waitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            get(f);
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tuning", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Settings of a search; train, validation, id maps, base config and objective are required. */
    public static final class Builder {
        private TuneSplit search;
        private FeatureMatrix userFeatures;
        private FeatureMatrix itemFeatures;
        private IdIndex users;
        private IdIndex items;
        private TrainerConfig base;
        private SearchSpace space = SearchSpace.all();
        private Objective objective = Objective.parse("ndcg@10");
        private double budgetSeconds = 300;
        private int maxTrials = Integer.MAX_VALUE;
        private int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());
        private long seed = 1;
        private int maxEpochs;
        private int minEpochs = 4;
        private int eta = 3;
        private int patience = 4;
        private int finalists = 3;
        private int confirmSeeds = 2;
        private TuneListener listener = TuneListener.NONE;
        private final List<TuneSplit> confirmSplits = new ArrayList<>();
        private Consumer<TrainingInput> inputs = input -> { };

        private Builder() {}

        /**
         * A further train / validation split of the same training data, over the same catalogue, for the
         * confirmation: the s-th further seed of each finalist trains and is measured on the s-th split given
         * (the search's own split when there are fewer). Fresh splits judge the finalists on ratings the search
         * never chose on: a winner picked on one split is partly picked for that split's luck.
         */
        public Builder confirmOn(Interactions train, Interactions validation) {
            return confirmOn(TuneSplit.warm(train, validation));
        }

        /**
         * {@link #confirmOn(Interactions, Interactions)} with items held out: when the search's split holds out
         * items, each further split must too (a fresh choice of them, as a fresh validation holdout).
         */
        public Builder confirmOn(TuneSplit split) {
            confirmSplits.add(Objects.requireNonNull(split));
            return this;
        }

        /** Training and validation interactions over the same catalogue, labelled with the base's thresholds. */
        public Builder data(Interactions train, Interactions validation, IdIndex users, IdIndex items) {
            return data(TuneSplit.warm(train, validation), users, items);
        }

        /**
         * The search's split, possibly with items held out as new ones: then every evaluation adds their
         * cold-start metrics ({@code cold_auc}, {@code cold_pos_neg_auc}, {@code cold_ndcg@k},
         * {@code cold_dislike@k}), which the objective may name.
         */
        public Builder data(TuneSplit split, IdIndex users, IdIndex items) {
            this.search = split;
            this.users = users;
            this.items = items;
            return this;
        }

        /**
         * Side features every trial trains with (null for a side without), rows over the catalogue: a held-out
         * item keeps its features, as a new item's are known, and is scored from them.
         */
        public Builder features(FeatureMatrix users, FeatureMatrix items) {
            this.userFeatures = users;
            this.itemFeatures = items;
            return this;
        }

        /** The config trials start from: every key the space does not draw keeps its value. */
        public Builder base(TrainerConfig v) { base = v; return this; }
        public Builder space(SearchSpace v) { space = Objects.requireNonNull(v); return this; }
        public Builder objective(Objective v) { objective = v; return this; }
        public Builder listener(TuneListener v) { listener = Objects.requireNonNull(v); return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** Wall-clock seconds for the whole search, confirmation included. */
        public Builder budgetSeconds(double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("the budget must be a positive number of seconds, got " + v);
            }
            budgetSeconds = v;
            return this;
        }

        /** The most trials to draw (the budget usually ends the search first). */
        public Builder maxTrials(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("at least one trial, got " + v);
            }
            maxTrials = v;
            return this;
        }

        /** Trials trained at the same time, one thread each. */
        public Builder parallel(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("at least one trial at a time, got " + v);
            }
            parallel = v;
            return this;
        }

        /** The most epochs a trial trains (0: twice the base config's). */
        public Builder maxEpochs(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("max epochs must not be negative, got " + v);
            }
            maxEpochs = v;
            return this;
        }

        /** The first rung; later rungs are eta times further apart. */
        public Builder rungs(int minEpochs, int eta) {
            if (minEpochs < 1 || eta < 2) {
                throw new IllegalArgumentException("rungs need min epochs >= 1 and eta >= 2");
            }
            this.minEpochs = minEpochs;
            this.eta = eta;
            return this;
        }

        /** Evaluations without improvement before a trial stops. */
        public Builder patience(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("patience must be at least 1, got " + v);
            }
            patience = v;
            return this;
        }

        /** How many of the best trials are run again, and on how many further seeds each (0 to skip). */
        public Builder confirm(int finalists, int seeds) {
            if (finalists < 0 || seeds < 0) {
                throw new IllegalArgumentException("finalists and seeds must not be negative");
            }
            this.finalists = finalists;
            this.confirmSeeds = seeds;
            return this;
        }

        /** Sees what every training run of the search and the confirmation trains on (for tests). */
        Builder onInput(Consumer<TrainingInput> v) {
            inputs = Objects.requireNonNull(v);
            return this;
        }

        public Tuner build() {
            return new Tuner(this);
        }
    }
}
