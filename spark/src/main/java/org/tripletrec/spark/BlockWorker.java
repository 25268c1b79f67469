package org.tripletrec.spark;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tripletrec.data.Interactions;
import org.tripletrec.sampling.SamplingContext;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.sampling.Triplet;
import org.tripletrec.sampling.TripletSampler;
import org.tripletrec.train.Loss;
import org.tripletrec.train.TrainerConfig;

/**
 * Trains one cell of a stratum: every liked (user, item) pair of the cell once, in a seeded random order, with
 * the triplet drawn by core's sampler over the cell (so the negative comes from the positive's item block), and
 * the mini-batch gradient of core's {@code Worker} (same loss, same per-row slots, mean over the batch plus L2)
 * applied by the optimiser state that travels with the blocks. Single-threaded: a Spark task.
 */
final class BlockWorker {
    private final TrainerConfig c;
    private final TableBlock users, items;
    private final Interactions data;
    private final TripletSampler sampler;
    private final Triplet triplet = new Triplet();
    private final Loss loss;
    private final float margin, userReg, itemReg;
    private final int dim, batch;
    private final boolean dense;
    private final int[] userSlot, itemSlot, slotUser, slotItem;
    private final float[] gradUser, gradItem, gradBias;
    private int usersInBatch, itemsInBatch, inBatch;

    long triplets, skipped;
    double lossSum;

    BlockWorker(TrainerConfig c, DataBlock cell, TableBlock users, TableBlock items) {
        this.c = c;
        this.users = users;
        this.items = items;
        this.data = cell.interactions(c.policy());
        this.sampler = Samplers.parse(c.sampler(),
                new SamplingContext(data, c.dim(), users.table, items.table, items.bias, c.margin())).forThread();
        this.loss = c.loss();
        this.margin = c.margin();
        this.userReg = c.userReg();
        this.itemReg = c.itemReg();
        this.dim = c.dim();
        this.batch = c.batchSize();
        this.dense = users.dense();
        userSlot = new int[users.rows];
        itemSlot = new int[items.rows];
        Arrays.fill(userSlot, -1);
        Arrays.fill(itemSlot, -1);
        slotUser = new int[batch];
        slotItem = new int[2 * batch];
        gradUser = new float[batch * dim];
        gradItem = new float[2 * batch * dim];
        gradBias = new float[2 * batch];
    }

    /** One pass over the cell's anchors. */
    void run(int epoch, SplittableRandom rng) {
        sampler.startEpoch(epoch);
        int anchors = data.anchorCount();
        int[] order = new int[anchors];
        for (int k = 0; k < anchors; k++) {
            order[k] = k;
        }
        for (int i = anchors - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int k = 0; k < anchors; k++) {
            int anchor = order[k];
            if (sampler.draw(anchor, data.anchorUser(anchor), data.anchorItem(anchor), rng, triplet)) {
                accumulate(triplet.user, triplet.positive, triplet.negative, triplet.weight);
                if (inBatch == batch) {
                    flush();
                }
            } else {
                skipped++;
            }
        }
        if (inBatch > 0) {
            flush();
        }
    }

    private void accumulate(int u, int p, int n, float w) {
        float[] user = users.table, item = items.table, bias = items.bias;
        int uo = u * dim, po = p * dim, no = n * dim;
        float x = 0f;
        for (int j = 0; j < dim; j++) {
            x += user[uo + j] * (item[po + j] - item[no + j]);
        }
        if (bias != null) {
            x += bias[p] - bias[n];
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

    private void flush() {
        long userStep = ++users.steps;
        long itemStep = ++items.steps;
        float scale = 1f / inBatch;
        float[] user = users.table, item = items.table;
        for (int s = 0; s < usersInBatch; s++) {
            int off = s * dim;
            int row = slotUser[s] * dim;
            for (int j = 0; j < dim; j++) {
                gradUser[off + j] = gradUser[off + j] * scale + userReg * user[row + j];
            }
            users.update(row, gradUser, off, dim, userStep);
        }
        for (int s = 0; s < itemsInBatch; s++) {
            int off = s * dim;
            int row = slotItem[s] * dim;
            for (int j = 0; j < dim; j++) {
                gradItem[off + j] = gradItem[off + j] * scale + itemReg * item[row + j];
            }
            items.update(row, gradItem, off, dim, itemStep);
            if (items.bias != null) {
                gradBias[s] *= scale;
                items.updateBias(slotItem[s], gradBias, s, itemStep);
            }
        }
        if (dense) {
            for (int u = 0; u < userSlot.length; u++) {
                if (userSlot[u] < 0) {
                    users.decay(u * dim, dim, userStep);
                }
            }
            for (int i = 0; i < itemSlot.length; i++) {
                if (itemSlot[i] < 0) {
                    items.decay(i * dim, dim, itemStep);
                    if (items.bias != null) {
                        items.decayBias(i, itemStep);
                    }
                }
            }
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
}
