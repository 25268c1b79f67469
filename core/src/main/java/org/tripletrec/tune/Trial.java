package org.tripletrec.tune;

import org.tripletrec.eval.Metrics;
import org.tripletrec.train.TrainerConfig;

/**
 * One trial of a search: the config it drew (trained for at most {@code config.epochs()}), the epoch that scored
 * best on validation and its metrics (null when it never reached an evaluation), how many epochs it ran, how it
 * ended and how long it took.
 */
public record Trial(int id, TrainerConfig config, int bestEpoch, Metrics metrics, int epochsRun, Status status,
                    double seconds) {

    /** How a trial ended. */
    public enum Status {
        /** Trained every epoch. */
        COMPLETED("done"),
        /** No better on validation for several evaluations in a row. */
        EARLY_STOPPED("early stop"),
        /** Not among the best at a rung of successive halving. */
        PRUNED("pruned"),
        /** Stopped by the time budget. */
        OUT_OF_TIME("budget"),
        /** A parameter became NaN or infinite. */
        DIVERGED("diverged");

        private final String label;

        Status(String label) { this.label = label; }

        public String label() { return label; }
    }

    /** The config with its best number of epochs: what the search recommends if this trial wins. */
    public TrainerConfig tunedConfig() {
        return config.toBuilder().epochs(Math.max(1, bestEpoch)).build();
    }
}
