package org.tripletrec.tune;

import java.util.List;
import org.tripletrec.eval.Metrics;
import org.tripletrec.train.TrainerConfig;

/**
 * What a search found: every trial (by id), the finalists' confirmations, the base config measured as the
 * finalists were (null when it was not: no confirmation, or out of time), the best config (with its best number of
 * epochs, the base config's seed and threads), its validation metrics (the confirmation mean when it was
 * confirmed, else its trial's best), and the wall time.
 */
public record TuneResult(List<Trial> trials, List<Confirmation> confirmations, Metrics baseline, TrainerConfig best,
                         Metrics bestMetrics, boolean confirmed, double seconds) {}
