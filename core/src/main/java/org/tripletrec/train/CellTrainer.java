package org.tripletrec.train;

import java.util.concurrent.atomic.AtomicLong;
import org.tripletrec.data.Interactions;
import org.tripletrec.sampling.SamplingContext;
import org.tripletrec.sampling.Samplers;
import org.tripletrec.sampling.SplitMix;
import org.tripletrec.sampling.TripletSampler;

/**
 * Trains one cell of a blocked model on one thread: the liked pairs of a block of users with a block of items,
 * against the two blocks' tables and optimiser state ({@link TableState}).
 *
 * <p>Public for distributed trainers (the Spark module's DSGD trains one cell per task): they get
 * {@link Trainer}'s own mini-batch step (the same sampler, loss, per-row gradient slots, mean over the batch
 * plus L2, and optimiser update rules) instead of a restatement of it. Differences from {@link Trainer}: the
 * anchors and rows are the cell's (local indices, as in the cell's {@link Interactions}); every mini-batch
 * takes the general batched path; and Adam's step number is each table's own {@link TableState#steps()}, so
 * that it travels with the block.
 */
public final class CellTrainer {
    private final Worker worker;
    private final TripletSampler sampler;
    private final int anchors;
    private final Interactions cell;
    private final AnchorOrder order;

    /**
     * {@code cell}'s users index the rows of {@code users}, its items the rows of {@code items} (which holds the
     * item biases if the model has them). Training updates both states in place.
     */
    public CellTrainer(TrainerConfig config, Interactions cell, TableState users, TableState items) {
        int dim = config.dim();
        if (cell.numUsers() != users.table.length / dim || cell.numItems() != items.table.length / dim) {
            throw new IllegalArgumentException("the cell and its tables disagree on the number of rows");
        }
        this.sampler = Samplers.parse(config.sampler(),
                new SamplingContext(cell, dim, users.table, items.table, items.bias, config.margin())).forThread();
        this.worker = new Worker(config, cell, users, items, sampler, true);
        this.anchors = cell.anchorCount();
        this.cell = cell;
        this.order = config.order();
    }

    /**
     * One pass over the cell's anchors in the configured {@link AnchorOrder}, drawn from {@code rng}, which then
     * draws the triplets.
     */
    public void run(int epoch, SplitMix rng) {
        sampler.startEpoch(epoch);
        int[] anchorOrder = Trainer.identity(anchors);
        Trainer.arrange(anchorOrder, cell, order, rng);
        worker.run(anchorOrder, 0, anchorOrder.length, rng, null, new AtomicLong(), epoch, TrainingListener.NONE);
    }

    /** Triplets trained so far. */
    public long triplets() {
        return worker.triplets;
    }

    /** Anchors for which the sampler found no triplet, so far. */
    public long skipped() {
        return worker.skipped;
    }

    /** The sum of the (weighted) triplet losses so far. */
    public double lossSum() {
        return worker.lossSum;
    }
}
