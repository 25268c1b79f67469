package org.tripletrec.cli;

import java.util.Locale;

import org.tripletrec.train.EpochStats;

/** The one line a trainer prints per epoch, the same for every entry point; callers may append to it. */
public final class EpochLine {
    private EpochLine() {}

    /** {@code epoch  3/20     0.41s  17,409 triplets  42,461/s  loss 3.4696  (1,639 skipped)}. */
    public static StringBuilder of(EpochStats s, int totalEpochs) {
        int width = Integer.toString(totalEpochs).length();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "epoch %" + width + "d/%d  %7.2fs  %,d triplets  %,.0f/s  loss %.4f",
                s.epoch(), totalEpochs, s.seconds(), s.triplets(), s.tripletsPerSecond(), s.meanLoss()));
        if (s.skipped() > 0) {
            sb.append(String.format(Locale.ROOT, "  (%,d skipped)", s.skipped()));
        }
        return sb;
    }
}
