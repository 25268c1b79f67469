package org.tripletrec.app.cli;

import org.tripletrec.eval.Metrics;
import org.tripletrec.train.EpochStats;

/** One finished epoch and, when it was evaluated, its metrics on the test split (else null). */
public record EpochRecord(EpochStats stats, Metrics metrics) {
    public int epoch() {
        return stats.epoch();
    }
}
