package org.tripletrec.train;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.tripletrec.data.Interactions;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Vectors;
import org.tripletrec.sampling.SplitMix;
import org.tripletrec.sampling.Triplet;
import org.tripletrec.sampling.TripletSampler;

/**
 * One training thread: draws triplets for its share of the epoch's anchors and applies them to the shared tables.
 *
 * <p>Two paths give the same model for the same triplets (tested bit for bit):
 * <ul>
 *   <li>the fused path, for batch size 1 with SGD, Adagrad or lazy Adam: one pass over the three rows of the
 *       triplet computes the gradient and updates the rows in place; no gradient slots, no shared counter
 *       for SGD and Adagrad;</li>
 *   <li>the batched path for everything else: mini-batch gradients accumulate in small per-row slots (so a
 *       batch touches only its own rows), then each touched row goes through the optimiser once per batch.
 *       Dense Adam also steps every untouched row there.</li>
 * </ul>
 * With side features every triplet takes the batched path: the user's and the two items' vectors are composed
 * from their parameter rows, and each row's gradient is the vector's gradient times the row's weight. With item
 * features and ids, a triplet whose positive the user liked is also applied, against an item the user rated
 * without liking, to the two items as new items would be composed, from their features alone
 * ({@link TrainerConfig#newItemWeight()}), and item feature rows take a stronger L2 penalty than item rows
 * ({@link #FEATURE_REG_SCALE}); user feature rows likewise than user rows ({@link #USER_FEATURE_REG_SCALE}).
 * Everything is preallocated: nothing is allocated or boxed per triplet.
 *
 * <p>{@link Trainer}'s threads number their mini-batches with one shared counter; a {@link CellTrainer} (one
 * cell of a blocked model, batched path only) with each table's own {@link TableState#steps}.
 */
final class Worker {
    private static final int CHUNK = 64, REPORT_EVERY = 1 << 14;
    /**
     * How much stronger the L2 penalty of an item feature's row is than an item's own row. A feature's row is what
     * every item with that feature shares, and all a new item has: held closer to zero, it keeps only what many
     * items agree on, and a new item's score leans on its features' biases (not penalised), which carry their
     * popularity, more than on their noisier match with the user (measured on held-out items of the training
     * data, docs/CATALOGUE.md).
     */
    static final float FEATURE_REG_SCALE = 10f;
    /**
     * How much stronger the L2 penalty of a user feature's row is than a user's own row. Every user with a rating
     * has an id row that fits them; a demographic's row, shared by hundreds of users, otherwise takes over part
     * of what each id row would learn and pulls users towards their group's average, which costs the warm top 10.
     * Chosen on a validation split of ua.base alone (docs/CATALOGUE.md).
     */
    static final float USER_FEATURE_REG_SCALE = 30f;
    /** Triplets drawn before any of them is applied, on the fused path with a model-free sampler. */
    private static final int AHEAD = 4;

    private final Kernel kernel;
    private final Interactions data;
    private final TableState users, items;
    private final TripletSampler sampler;
    private final Triplet triplet = new Triplet();
    private final double[] lossValue = new double[1];
    private final Loss loss;
    private final float margin, userReg, itemReg;
    private final int dim, batch;
    private final boolean denseUpdate;
    private final OptimizerKind kind;
    private final boolean fused;
    private final boolean ahead; // fused, and the sampler never reads the model: draw AHEAD triplets, then apply
    private final int[] aheadUser = new int[AHEAD], aheadPos = new int[AHEAD], aheadNeg = new int[AHEAD];
    private final float[] aheadWeight = new float[AHEAD], aheadGrad = new float[AHEAD];
    private final boolean countsSteps; // the fused path numbers its steps only for Adam
    private final FeatureMatrix userFeatures, itemFeatures; // null: that side's rows are its entities
    private final boolean composed;
    private final float[] composedUser, composedItems, itemDiff; // scratch of the composed path
    private final float newItemWeight;
    private final int firstItemFeatureRow; // item parameter rows from here on are features' (none without features)
    private final float featureReg;
    private final int firstUserFeatureRow; // user parameter rows from here on are features' (none without them)
    private final float userFeatureReg;
    private SplitMix rng; // the chunk's random stream: the new-item term draws from it

    // batched path only (null on the fused path)
    private final int[] userSlot, itemSlot;     // row -> slot, -1 when the row has no gradient this batch
    private final int[] slotUser, slotItem;     // slot -> row
    private final float[] gradUser, gradItem, gradBias;
    private int usersInBatch, itemsInBatch, inBatch;
    private int sinceReport; // anchors done but not yet reported to the listener

    long triplets, skipped;
    double lossSum;

    Worker(TrainerConfig c, Interactions data, TableState users, TableState items, TripletSampler sampler,
           boolean batchedOnly) {
        this(c, data, users, items, null, null, sampler, batchedOnly, Kernel.fastest());
    }

    /**
     * A worker over parameter tables composed through feature matrices (null for a side without features), with
     * the given kernel ({@link Kernel#forWork}).
     */
    Worker(TrainerConfig c, Interactions data, TableState users, TableState items, FeatureMatrix userFeatures,
           FeatureMatrix itemFeatures, TripletSampler sampler, boolean batchedOnly, Kernel kernel) {
        this.kernel = kernel;
        this.userFeatures = userFeatures;
        this.itemFeatures = itemFeatures;
        this.composed = userFeatures != null || itemFeatures != null;
        this.data = data;
        this.users = users;
        this.items = items;
        this.sampler = sampler;
        this.loss = c.loss();
        this.margin = c.margin();
        this.userReg = c.userReg();
        this.itemReg = c.itemReg();
        this.dim = c.dim();
        this.batch = c.batchSize();
        this.kind = c.optimizer();
        this.denseUpdate = users.opt.dense();
        this.fused = !batchedOnly && !composed && fusedApplies(c);
        this.ahead = fused && sampler.modelFree();
        this.countsSteps = kind == OptimizerKind.LAZY_ADAM || kind == OptimizerKind.ADAM;
        // The fused path still falls back to one batched step when a triplet's positive is its negative.
        int slots = fused ? 1 : batch;
        int userSlots = Math.multiplyExact(slots, maxEntries(userFeatures));
        int itemSlots = Math.multiplyExact(3 * slots, maxEntries(itemFeatures)); // the new-item term's third item
        userSlot = new int[users.table.length / dim];
        itemSlot = new int[items.table.length / dim];
        Arrays.fill(userSlot, -1);
        Arrays.fill(itemSlot, -1);
        slotUser = new int[userSlots];
        slotItem = new int[itemSlots];
        gradUser = new float[Math.multiplyExact(userSlots, dim)];
        gradItem = new float[Math.multiplyExact(itemSlots, dim)];
        gradBias = new float[itemSlots];
        composedUser = composed ? new float[dim] : null;
        composedItems = composed ? new float[2 * dim] : null;
        itemDiff = composed ? new float[dim] : null;
        newItemWeight = itemFeatures != null && itemFeatures.hasIds() ? c.newItemWeight() : 0f;
        firstItemFeatureRow = itemFeatures == null || !itemFeatures.hasIds() ? Integer.MAX_VALUE
                : itemFeatures.featureParam(0);
        featureReg = itemReg * FEATURE_REG_SCALE;
        firstUserFeatureRow = userFeatures == null || !userFeatures.hasIds() ? Integer.MAX_VALUE
                : userFeatures.featureParam(0);
        userFeatureReg = userReg * USER_FEATURE_REG_SCALE;
    }

    /** The most parameter rows one entity is made of (1 without features). */
    private static int maxEntries(FeatureMatrix m) {
        if (m == null) {
            return 1;
        }
        int most = 1;
        for (int r = 0; r < m.numRows(); r++) {
            most = Math.max(most, m.end(r) - m.start(r));
        }
        return most;
    }

    /** Whether a config takes the fused batch-1 path (the batched path gives the same model, slower). */
    static boolean fusedApplies(TrainerConfig c) {
        return c.batchSize() == 1 && c.optimizer() != OptimizerKind.ADAM;
    }

    void resetCounters() {
        triplets = 0;
        skipped = 0;
        lossSum = 0;
    }

    /**
     * Trains on anchors {@code order[from..to)}. {@code step} numbers the mini-batches across threads; null for a
     * cell, whose batches count in its tables' {@link TableState#steps} (the fused path needs {@code step}).
     */
    void run(int[] order, int from, int to, SplitMix rng, AtomicLong step, AtomicLong done, int epoch,
             TrainingListener listener) {
        for (int k = from; k < to; k += CHUNK) {
            int end = Math.min(to, k + CHUNK);
            runChunk(order, k, end, rng, step);
            report(end - k, done, epoch, listener);
        }
        finish(step, done, epoch, listener);
    }

    /**
     * Trains chunks of {@code order[0..to)} claimed from {@code cursor} until none is left, so that threads
     * that share the anchors finish together; the batch in progress carries over. {@link #finish} ends the
     * thread's epoch.
     */
    void claim(int[] order, AtomicIntegerArray cursors, int cursor, int to, SplitMix rng, AtomicLong step,
               AtomicLong done, int epoch, TrainingListener listener) {
        int k;
        while ((k = cursors.getAndAdd(cursor, CHUNK)) < to) {
            int end = Math.min(to, k + CHUNK);
            runChunk(order, k, end, rng, step);
            report(end - k, done, epoch, listener);
        }
    }

    /** Applies the last, partial batch of the thread's epoch and reports the rest of its progress. */
    void finish(AtomicLong step, AtomicLong done, int epoch, TrainingListener listener) {
        if (inBatch > 0) {
            endBatch(step);
        }
        listener.onProgress(epoch, done.addAndGet(sinceReport));
        sinceReport = 0;
    }

    private void report(int anchors, AtomicLong done, int epoch, TrainingListener listener) {
        sinceReport += anchors;
        if (sinceReport >= REPORT_EVERY) {
            listener.onProgress(epoch, done.addAndGet(sinceReport));
            sinceReport = 0;
        }
    }

    /**
     * Anchors {@code order[from..to)}. A method of its own, called once per {@value #CHUNK} anchors, because HotSpot
     * compiles a method that is called often much sooner than a long loop that is entered twice an epoch: on a
     * small data set the epoch loop stayed interpreted or half-compiled for the first ten epochs.
     */
    private void runChunk(int[] order, int from, int to, SplitMix rng, AtomicLong step) {
        if (ahead) {
            runChunkAhead(order, from, to, rng, step);
            return;
        }
        Triplet tr = triplet;
        this.rng = rng;
        for (int k = from; k < to; k++) {
            int anchor = order[k];
            int user = data.anchorUser(anchor);
            int positive = data.anchorItem(anchor);
            if (sampler.draw(anchor, user, positive, rng, tr)) {
                if (fused) {
                    // SGD and Adagrad ignore the step; skipping the shared counter saves a contended atomic.
                    fusedStep(tr.user, tr.positive, tr.negative, tr.weight, countsSteps ? step.incrementAndGet() : 0L);
                } else {
                    accumulate(tr.user, tr.positive, tr.negative, tr.weight);
                    if (inBatch == batch) {
                        endBatch(step);
                    }
                }
            } else {
                skipped++;
            }
        }
    }

    /** Applies the batch at the next step: the shared counter's, or (no counter) each table's own. */
    private void endBatch(AtomicLong step) {
        if (step != null) {
            long s = step.incrementAndGet();
            flush(s, s);
        } else {
            flush(++users.steps, ++items.steps);
        }
    }

    // ---------------------------------------------------------------- fused path (batch 1, sparse optimisers)

    /**
     * {@link #runChunk} for a sampler that never reads the model: draws up to {@value #AHEAD} triplets, then applies
     * them. Triplets that share no row are applied as a group (all score margins first, then all updates), so the
     * memory loads and the arithmetic of neighbouring triplets overlap and the branchy sampling stays out of the
     * arithmetic; a triplet that shares a row with an earlier one of its group starts a new group, after the
     * earlier one's update. So each margin sees exactly the rows one-at-a-time training would: the same floats.
     */
    private void runChunkAhead(int[] order, int from, int to, SplitMix rng, AtomicLong step) {
        Triplet tr = triplet;
        int k = from;
        while (k < to) {
            int m = 0;
            while (m < AHEAD && k < to) {
                int anchor = order[k++];
                if (sampler.draw(anchor, data.anchorUser(anchor), data.anchorItem(anchor), rng, tr)) {
                    aheadUser[m] = tr.user;
                    aheadPos[m] = tr.positive;
                    aheadNeg[m] = tr.negative;
                    aheadWeight[m] = tr.weight;
                    m++;
                } else {
                    skipped++;
                }
            }
            for (int i = 0; i < m; ) {
                int end = groupEnd(i, m);
                if (end == i + 1) {
                    fusedStep(aheadUser[i], aheadPos[i], aheadNeg[i], aheadWeight[i],
                            countsSteps ? step.incrementAndGet() : 0L);
                } else {
                    fusedGroup(i, end, step);
                }
                i = end;
            }
        }
    }

    /** The end of the group that starts at drawn triplet i: the triplets after it up to the first sharing a row. */
    private int groupEnd(int i, int m) {
        if (aheadPos[i] == aheadNeg[i]) {
            return i + 1;
        }
        int e = i + 1;
        for (; e < m; e++) {
            int u = aheadUser[e], p = aheadPos[e], n = aheadNeg[e];
            if (p == n) {
                return e;
            }
            for (int j = i; j < e; j++) {
                if (aheadUser[j] == u || aheadPos[j] == p || aheadPos[j] == n || aheadNeg[j] == p
                        || aheadNeg[j] == n) {
                    return e;
                }
            }
        }
        return e;
    }

    /** Drawn triplets [from, to), which share no row: margins and gradients of all, then the updates in order. */
    private void fusedGroup(int from, int to, AtomicLong step) {
        float[] user = users.table, item = items.table, bias = items.bias;
        for (int j = from; j < to; j++) {
            int p = aheadPos[j], n = aheadNeg[j];
            float x = kernel.diffDot(user, aheadUser[j] * dim, item, p * dim, n * dim, dim);
            if (bias != null) {
                x += bias[p] - bias[n];
            }
            aheadGrad[j] = x;
        }
        for (int j = from; j < to; j++) {
            float w = aheadWeight[j];
            aheadGrad[j] = (float) (w * loss.derivative(aheadGrad[j], margin, lossValue));
            lossSum += w * lossValue[0];
        }
        triplets += to - from;
        for (int j = from; j < to; j++) {
            long s = countsSteps ? step.incrementAndGet() : 0L;
            float g = aheadGrad[j];
            if (g != 0f) {
                int u = aheadUser[j], p = aheadPos[j], n = aheadNeg[j];
                update(u, p, n, u * dim, p * dim, n * dim, g, s);
            }
        }
    }

    /**
     * One triplet, batch size 1: the score margin, then the gradient of the three rows and their update in one
     * pass. Element for element the same arithmetic as {@link #accumulate} followed by {@link #flush}: the
     * gradients use the rows as they were before this step, and L2 uses the row being updated.
     */
    private void fusedStep(int u, int p, int n, float w, long step) {
        float[] user = users.table, item = items.table;
        int uo = u * dim, po = p * dim, no = n * dim;
        float x = kernel.diffDot(user, uo, item, po, no, dim);
        float[] bias = items.bias;
        if (bias != null) {
            x += bias[p] - bias[n];
        }
        triplets++;
        float g = (float) (w * loss.derivative(x, margin, lossValue));
        lossSum += w * lossValue[0];
        if (g == 0f) {
            return;
        }
        if (p == n) {
            // the two item gradients cancel on one row: rare (only the notebook's uniform sampler), keep it exact
            inBatch++;
            addGradient(u, p, n, g, uo, po, no);
            flush(step, step);
            return;
        }
        update(u, p, n, uo, po, no, g, step);
    }

    /** The update of a triplet's three rows (p != n) and biases from its loss gradient g. */
    private void update(int u, int p, int n, int uo, int po, int no, float g, long step) {
        float[] user = users.table, item = items.table;
        switch (kind) {
            case SGD -> sgd(user, item, uo, po, no, g);
            case ADAGRAD -> adagrad(user, item, uo, po, no, g);
            default -> adam(user, item, uo, po, no, g, step);
        }
        float[] bias = items.bias;
        if (bias != null) {
            items.biasOpt.update1(bias, p, 0f + g, step);
            items.biasOpt.update1(bias, n, 0f - g, step);
        }
    }

    private void sgd(float[] user, float[] item, int uo, int po, int no, float g) {
        kernel.sgd(user, item, uo, po, no, dim, g, users.opt.lr, items.opt.lr, userReg, itemReg);
    }

    private void adagrad(float[] user, float[] item, int uo, int po, int no, float g) {
        kernel.adagrad(user, item, ((Optimizer.Adagrad) users.opt).acc, ((Optimizer.Adagrad) items.opt).acc, uo, po,
                no, dim, g, users.opt.lr, items.opt.lr, userReg, itemReg);
    }

    private void adam(float[] user, float[] item, int uo, int po, int no, float g, long step) {
        Optimizer.Adam ou = (Optimizer.Adam) users.opt, oi = (Optimizer.Adam) items.opt;
        ou.update3(user, uo, item, po, no, g, userReg, itemReg, oi, dim, step);
    }

    // ---------------------------------------------------------------- batched path

    private void accumulate(int u, int p, int n, float w) {
        if (composed) {
            accumulateComposed(u, p, n, w);
            return;
        }
        int uo = u * dim, po = p * dim, no = n * dim;
        float x = kernel.diffDot(users.table, uo, items.table, po, no, dim);
        if (items.bias != null) {
            x += items.bias[p] - items.bias[n];
        }
        triplets++;
        inBatch++;
        float g = (float) (w * loss.derivative(x, margin, lossValue));
        lossSum += w * lossValue[0];
        if (g == 0f) {
            return;
        }
        addGradient(u, p, n, g, uo, po, no);
    }

    private void addGradient(int u, int p, int n, float g, int uo, int po, int no) {
        int su = userSlot(u) * dim;
        int sp = itemSlot(p);
        int sn = itemSlot(n);
        kernel.accumulate(users.table, uo, items.table, po, no, gradUser, su, gradItem, sp * dim, sn * dim, dim, g);
        gradBias[sp] += g;
        gradBias[sn] -= g;
    }

    /**
     * The batched step of a triplet over composed vectors: the margin from the composed user and items, then the
     * gradient of each parameter row it is made of, weighted as the row enters the composition.
     */
    private void accumulateComposed(int u, int p, int n, float w) {
        float[] cu = composedUser, ci = composedItems;
        compose(userFeatures, users.table, u, cu, 0);
        compose(itemFeatures, items.table, p, ci, 0);
        compose(itemFeatures, items.table, n, ci, dim);
        float x = kernel.diffDot(cu, 0, ci, 0, dim, dim);
        float[] bias = items.bias;
        if (bias != null) {
            x += composedBias(bias, p) - composedBias(bias, n);
        }
        triplets++;
        inBatch++;
        float g = (float) (w * loss.derivative(x, margin, lossValue));
        lossSum += w * lossValue[0];
        if (g != 0f) {
            addComposedGradient(u, g, ci);
            addItemGradient(p, g, cu, itemFeatures == null ? 0 : itemFeatures.start(p));
            addItemGradient(n, -g, cu, itemFeatures == null ? 0 : itemFeatures.start(n));
        }
        if (newItemWeight > 0f && data.isPositive(u, p)) {
            int others = data.negativeCount(u) + data.neutralCount(u);
            if (others > 0) {
                int j = rng.nextInt(others);
                int seen = j < data.negativeCount(u) ? data.negative(u, j) : data.neutral(u, j - data.negativeCount(u));
                accumulateAsNewItems(p, seen, w, cu);
            }
        }
    }

    /**
     * The new-item term, at {@link TrainerConfig#newItemWeight()}: for a triplet whose positive the user liked, the
     * liked item over one the user rated without liking (drawn uniformly from their neutral and disliked items),
     * both composed from their features alone, as an item nobody rated is. The full composition already teaches the
     * feature rows what users watch; what a new item's features must learn beyond that is whether the user likes
     * it once watched, so that disliked items stay out of the top of new items. Only the items' feature rows and
     * biases learn from it; the user is held as it is (fitting new items to the users, not the users to items that
     * are not there), which keeps the rated items' ranking as it was. Its loss value is not in the epoch's mean.
     */
    private void accumulateAsNewItems(int p, int n, float w, float[] cu) {
        float[] ci = composedItems;
        float bp = composeFeatures(p, ci, 0), bn = composeFeatures(n, ci, dim);
        float x = kernel.diffDot(cu, 0, ci, 0, dim, dim);
        if (items.bias != null) {
            x += bp - bn;
        }
        float g = (float) (newItemWeight * w * loss.derivative(x, margin, lossValue));
        if (g == 0f) {
            return;
        }
        addItemGradient(p, g, cu, itemFeatures.featureStart(p));
        addItemGradient(n, -g, cu, itemFeatures.featureStart(n));
    }

    /** out[off ..] = item i's features' part of its vector; returns their part of its bias. */
    private float composeFeatures(int i, float[] out, int off) {
        Arrays.fill(out, off, off + dim, 0f);
        float[] table = items.table, bias = items.bias;
        float b = 0f;
        for (int k = itemFeatures.featureStart(i), end = itemFeatures.end(i); k < end; k++) {
            int row = itemFeatures.paramRow(k);
            Vectors.axpy(itemFeatures.weight(k), table, row * dim, out, off, dim);
            if (bias != null) {
                b += itemFeatures.weight(k) * bias[row];
            }
        }
        return b;
    }

    /** Adds g * (items[0] - items[1]) to the gradient of the user's rows, each times its weight. */
    private void addComposedGradient(int u, float g, float[] items) {
        float[] diff = itemDiff;
        for (int j = 0; j < dim; j++) {
            diff[j] = items[j] - items[dim + j];
        }
        if (userFeatures == null) {
            Vectors.axpy(g, diff, 0, gradUser, userSlot(u) * dim, dim);
        } else {
            for (int k = userFeatures.start(u), end = userFeatures.end(u); k < end; k++) {
                Vectors.axpy(g * userFeatures.weight(k), diff, 0, gradUser, userSlot(userFeatures.paramRow(k)) * dim, dim);
            }
        }
    }

    private void compose(FeatureMatrix m, float[] table, int r, float[] out, int off) {
        if (m == null) {
            System.arraycopy(table, r * dim, out, off, dim);
        } else {
            m.compose(table, dim, r, out, off);
        }
    }

    private float composedBias(float[] bias, int i) {
        return itemFeatures == null ? bias[i] : itemFeatures.composeBias(bias, i);
    }

    /**
     * Adds g * user vector to the gradient of item i's rows (and g to their biases), each times its weight: its
     * entries from {@code first} on (its id row included when {@code first} is its start).
     */
    private void addItemGradient(int i, float g, float[] user, int first) {
        if (itemFeatures == null) {
            int s = itemSlot(i);
            Vectors.axpy(g, user, 0, gradItem, s * dim, dim);
            gradBias[s] += g;
            return;
        }
        for (int k = first, end = itemFeatures.end(i); k < end; k++) {
            float gk = g * itemFeatures.weight(k);
            int s = itemSlot(itemFeatures.paramRow(k));
            Vectors.axpy(gk, user, 0, gradItem, s * dim, dim);
            gradBias[s] += gk;
        }
    }

    private int userSlot(int u) {
        int s = userSlot[u];
        if (s < 0) {
            s = usersInBatch++;
            userSlot[u] = s;
            slotUser[s] = u;
        }
        return s;
    }

    private int itemSlot(int i) {
        int s = itemSlot[i];
        if (s < 0) {
            s = itemsInBatch++;
            itemSlot[i] = s;
            slotItem[s] = i;
        }
        return s;
    }

    /**
     * Applies the mean gradient of the batch (plus L2) to every touched row, then clears the slots. The user
     * table takes step {@code userStep}, the item table and the biases {@code itemStep} (the same number but
     * in a cell of a blocked model).
     */
    private void flush(long userStep, long itemStep) {
        float scale = 1f / inBatch;
        float[] user = users.table, item = items.table, bias = items.bias;
        if (denseUpdate) {
            startDecay(userStep, itemStep);
        }
        if (users.opt instanceof Optimizer.Adam ua) {
            // Adam, dense or lazy: bias corrections once per step, the row update in the kernel
            Optimizer.Adam ia = (Optimizer.Adam) items.opt;
            float c1 = Optimizer.Adam.c1(userStep), c2 = Optimizer.Adam.c2(userStep);
            for (int s = 0; s < usersInBatch; s++) {
                kernel.adamRow(user, slotUser[s] * dim, gradUser, s * dim, ua.m, ua.v, dim, scale, userReg(s), ua.lr,
                        c1, c2);
            }
            if (itemStep != userStep) {
                c1 = Optimizer.Adam.c1(itemStep);
                c2 = Optimizer.Adam.c2(itemStep);
            }
            for (int s = 0; s < itemsInBatch; s++) {
                kernel.adamRow(item, slotItem[s] * dim, gradItem, s * dim, ia.m, ia.v, dim, scale, itemReg(s), ia.lr,
                        c1, c2);
                if (bias != null) {
                    gradBias[s] *= scale;
                    items.biasOpt.update(bias, slotItem[s], gradBias, s, 1, itemStep);
                }
            }
        } else {
            for (int s = 0; s < usersInBatch; s++) {
                int off = s * dim;
                int row = slotUser[s] * dim;
                float reg = userReg(s);
                for (int j = 0; j < dim; j++) {
                    gradUser[off + j] = gradUser[off + j] * scale + reg * user[row + j];
                }
                users.opt.update(user, row, gradUser, off, dim, userStep);
            }
            for (int s = 0; s < itemsInBatch; s++) {
                int off = s * dim;
                int row = slotItem[s] * dim;
                float reg = itemReg(s);
                for (int j = 0; j < dim; j++) {
                    gradItem[off + j] = gradItem[off + j] * scale + reg * item[row + j];
                }
                items.opt.update(item, row, gradItem, off, dim, itemStep);
                if (bias != null) {
                    gradBias[s] *= scale;
                    items.biasOpt.update(bias, slotItem[s], gradBias, s, 1, itemStep);
                }
            }
        }
        if (denseUpdate) {
            finishDecay();
        }
        for (int s = 0; s < usersInBatch; s++) {
            userSlot[slotUser[s]] = -1;
        }
        for (int s = 0; s < itemsInBatch; s++) {
            itemSlot[slotItem[s]] = -1;
        }
        if (!(users.opt instanceof Optimizer.Adam)) { // Adam's row kernel has zeroed its slots already
            Arrays.fill(gradUser, 0, usersInBatch * dim, 0f);
            Arrays.fill(gradItem, 0, itemsInBatch * dim, 0f);
        }
        Arrays.fill(gradBias, 0, itemsInBatch, 0f);
        usersInBatch = 0;
        itemsInBatch = 0;
        inBatch = 0;
    }

    /** The L2 weight of the user row in slot s: stronger for a feature's row ({@link #USER_FEATURE_REG_SCALE}). */
    private float userReg(int s) {
        return slotUser[s] >= firstUserFeatureRow ? userFeatureReg : userReg;
    }

    /** The L2 weight of the item row in slot s: stronger for a feature's row ({@link #FEATURE_REG_SCALE}). */
    private float itemReg(int s) {
        return slotItem[s] >= firstItemFeatureRow ? featureReg : itemReg;
    }

    /**
     * Lets {@code helpers} more threads share dense Adam's decay of the untouched rows, in chunks of
     * {@link #DECAY_CHUNK_ROWS} rows. Each parameter's arithmetic is the same whichever thread runs it, so the
     * model is too. Close the crew after training.
     */
    ChunkCrew shareDecay(int helpers) {
        decayCrew = new ChunkCrew(helpers, this::decayChunk);
        return decayCrew;
    }

    /** Rows per chunk of a shared decay: long runs for the vector loop, chunks enough to balance the threads. */
    static final int DECAY_CHUNK_ROWS = 32;
    private ChunkCrew decayCrew;
    // the step's bias corrections, written before the crew's round (which publishes them)
    private float userC1, userC2, itemC1, itemC2;

    /**
     * Dense Adam: rows without a gradient still decay their moments and move, as in Keras and PyTorch. Runs of
     * untouched rows are contiguous in the flat tables, so each run is one long vectorisable loop. With a crew
     * ({@link #shareDecay}) the other threads start on chunks of rows here, while this thread updates the touched
     * rows (no row is both), and {@link #finishDecay} joins them.
     */
    private void startDecay(long userStep, long itemStep) {
        userC1 = Optimizer.Adam.c1(userStep);
        userC2 = Optimizer.Adam.c2(userStep);
        itemC1 = itemStep == userStep ? userC1 : Optimizer.Adam.c1(itemStep);
        itemC2 = itemStep == userStep ? userC2 : Optimizer.Adam.c2(itemStep);
        if (decayCrew != null) {
            decayCrew.start(chunks(userSlot.length) + chunks(itemSlot.length));
        }
    }

    /** The rest of the step's decay of the untouched rows (all of it without a crew); returns when it is done. */
    private void finishDecay() {
        if (decayCrew == null) {
            decayRows(true, 0, userSlot.length);
            decayRows(false, 0, itemSlot.length);
            return;
        }
        decayCrew.finish();
    }

    private static int chunks(int rows) {
        return (rows + DECAY_CHUNK_ROWS - 1) / DECAY_CHUNK_ROWS;
    }

    /** Chunk c of the decay: the user rows' chunks first, then the item rows'. */
    private void decayChunk(int c) {
        int userChunks = chunks(userSlot.length);
        boolean user = c < userChunks;
        int from = (user ? c : c - userChunks) * DECAY_CHUNK_ROWS;
        int rows = user ? userSlot.length : itemSlot.length;
        decayRows(user, from, Math.min(rows, from + DECAY_CHUNK_ROWS));
    }

    /** The decay of the untouched user (or item) rows from {@code from} to {@code to}, item biases included. */
    private void decayRows(boolean user, int from, int to) {
        if (user) {
            decayRuns((Optimizer.Adam) users.opt, users.table, userSlot, from, to, userC1, userC2);
            return;
        }
        decayRuns((Optimizer.Adam) items.opt, items.table, itemSlot, from, to, itemC1, itemC2);
        if (items.bias != null) {
            Optimizer.Adam bo = (Optimizer.Adam) items.biasOpt;
            int r = from;
            while (r < to) {
                if (itemSlot[r] >= 0) {
                    r++;
                    continue;
                }
                int end = r;
                while (end < to && itemSlot[end] < 0) {
                    end++;
                }
                bo.decay(items.bias, r, end - r, itemC1, itemC2);
                r = end;
            }
        }
    }

    private void decayRuns(Optimizer.Adam opt, float[] table, int[] slot, int from, int to, float c1, float c2) {
        int r = from;
        while (r < to) {
            if (slot[r] >= 0) {
                r++;
                continue;
            }
            int end = r;
            while (end < to && slot[end] < 0) {
                end++;
            }
            kernel.adamDecay(table, opt.m, opt.v, r * dim, (end - r) * dim, opt.lr, c1, c2);
            r = end;
        }
    }
}
