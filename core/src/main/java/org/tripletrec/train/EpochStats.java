package org.tripletrec.train;

/** One epoch: its 1-based number, wall time, triplets trained on (skipped anchors excluded) and mean loss. */
public record EpochStats(int epoch, double seconds, long triplets, long skipped, double meanLoss) {
    public double tripletsPerSecond() {
        return seconds > 0 ? triplets / seconds : 0;
    }
}
