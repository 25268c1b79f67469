package org.tripletrec.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.tripletrec.data.Interactions;
import org.tripletrec.sampling.Triplet;
import org.tripletrec.sampling.TripletSampler;

/**
 * One training thread: draws triplets for its share of the epoch's anchors, accumulates mini-batch gradients
 * in small per-row slots (so a batch touches only its own rows), then hands each touched row to the optimiser.
 * Everything is preallocated: nothing is allocated per triplet.
 */
final class Worker {
    private final Interactions data;
    private final Trainer.Tables t;
    private final TripletSampler sampler;
    private final Triplet triplet = new Triplet();
    private final Loss loss;
    private final float margin, userReg, itemReg;
    private final int dim, batch;
    private final boolean denseUpdate;

    private final int[] userSlot, itemSlot;     // row -> slot, -1 when the row has no gradient this batch
    private final int[] slotUser, slotItem;     // slot -> row
    private final float[] gradUser, gradItem, gradBias;
    private int usersInBatch, itemsInBatch, inBatch;

    long triplets, skipped;
    double lossSum;

    Worker(TrainerConfig c, Interactions data, Trainer.Tables tables, TripletSampler sampler, int numUsers,
           int numItems) {
        this.data = data;
        this.t = tables;
        this.sampler = sampler;
        this.loss = c.loss();
        this.margin = c.margin();
        this.userReg = c.userReg();
        this.itemReg = c.itemReg();
        this.dim = c.dim();
        this.batch = c.batchSize();
        this.denseUpdate = tables.userOpt.dense();
        userSlot = new int[numUsers];
        itemSlot = new int[numItems];
        Arrays.fill(userSlot, -1);
        Arrays.fill(itemSlot, -1);
        slotUser = new int[batch];
        slotItem = new int[2 * batch];
        gradUser = new float[batch * dim];
        gradItem = new float[2 * batch * dim];
        gradBias = new float[2 * batch];
    }

    void resetCounters() {
        triplets = 0;
        skipped = 0;
        lossSum = 0;
    }

    void run(int[] order, int from, int to, SplittableRandom rng, AtomicLong step, AtomicLong done, int epoch,
             TrainingListener listener) {
        int sinceReport = 0;
        for (int k = from; k < to; k++) {
            int anchor = order[k];
            int user = data.anchorUser(anchor);
            int positive = data.anchorItem(anchor);
            if (sampler.draw(anchor, user, positive, rng, triplet)) {
                accumulate(triplet.user, triplet.positive, triplet.negative, triplet.weight);
                if (inBatch == batch) {
                    flush(step.incrementAndGet());
                }
            } else {
                skipped++;
            }
            if (++sinceReport == 1 << 14) {
                listener.onProgress(epoch, done.addAndGet(sinceReport));
                sinceReport = 0;
            }
        }
        if (inBatch > 0) {
            flush(step.incrementAndGet());
        }
        listener.onProgress(epoch, done.addAndGet(sinceReport));
    }

    private void accumulate(int u, int p, int n, float w) {
        float[] user = t.user, item = t.item;
        int uo = u * dim, po = p * dim, no = n * dim;
        float x = 0f;
        for (int j = 0; j < dim; j++) {
            x += user[uo + j] * (item[po + j] - item[no + j]);
        }
        if (t.bias != null) {
            x += t.bias[p] - t.bias[n];
        }
        triplets++;
        inBatch++;
        lossSum += w * loss.value(x, margin);
        float g = (float) (w * loss.derivative(x, margin));
        if (g == 0f) {
            return;
        }
        int su = userSlot(u) * dim;
        int sp = itemSlot(p);
        int sn = itemSlot(n);
        int spo = sp * dim, sno = sn * dim;
        for (int j = 0; j < dim; j++) {
            float uj = user[uo + j];
            gradUser[su + j] += g * (item[po + j] - item[no + j]);
            gradItem[spo + j] += g * uj;
            gradItem[sno + j] -= g * uj;
        }
        gradBias[sp] += g;
        gradBias[sn] -= g;
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

    /** Applies the mean gradient of the batch (plus L2) to every touched row, then clears the slots. */
    private void flush(long step) {
        float scale = 1f / inBatch;
        float[] user = t.user, item = t.item;
        for (int s = 0; s < usersInBatch; s++) {
            int off = s * dim;
            int row = slotUser[s] * dim;
            for (int j = 0; j < dim; j++) {
                gradUser[off + j] = gradUser[off + j] * scale + userReg * user[row + j];
            }
            t.userOpt.update(user, row, gradUser, off, dim, step);
        }
        for (int s = 0; s < itemsInBatch; s++) {
            int off = s * dim;
            int row = slotItem[s] * dim;
            for (int j = 0; j < dim; j++) {
                gradItem[off + j] = gradItem[off + j] * scale + itemReg * item[row + j];
            }
            t.itemOpt.update(item, row, gradItem, off, dim, step);
            if (t.bias != null) {
                gradBias[s] *= scale;
                t.biasOpt.update(t.bias, slotItem[s], gradBias, s, 1, step);
            }
        }
        if (denseUpdate) {
            decayUntouched(step);
        }
        for (int s = 0; s < usersInBatch; s++) {
            userSlot[slotUser[s]] = -1;
        }
        for (int s = 0; s < itemsInBatch; s++) {
            itemSlot[slotItem[s]] = -1;
        }
        Arrays.fill(gradUser, 0, usersInBatch * dim, 0f);
        Arrays.fill(gradItem, 0, itemsInBatch * dim, 0f);
        Arrays.fill(gradBias, 0, itemsInBatch, 0f);
        usersInBatch = 0;
        itemsInBatch = 0;
        inBatch = 0;
    }

    /** Dense Adam: rows without a gradient still decay their moments and move, as in Keras and PyTorch. */
    private void decayUntouched(long step) {
        Optimizer.Adam uo = (Optimizer.Adam) t.userOpt;
        Optimizer.Adam io = (Optimizer.Adam) t.itemOpt;
        for (int u = 0; u < userSlot.length; u++) {
            if (userSlot[u] < 0) {
                uo.decay(t.user, u * dim, dim, step);
            }
        }
        for (int i = 0; i < itemSlot.length; i++) {
            if (itemSlot[i] < 0) {
                io.decay(t.item, i * dim, dim, step);
                if (t.bias != null) {
                    ((Optimizer.Adam) t.biasOpt).decay(t.bias, i, 1, step);
                }
            }
        }
    }
}
