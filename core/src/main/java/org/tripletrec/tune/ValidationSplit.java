package org.tripletrec.tune;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.data.Splits;
import org.tripletrec.data.TrainTest;

/**
 * A validation split carved from training ratings alone: a per-user random share ({@code holdout:F}) or count
 * ({@code holdout:N}), or each user's latest ratings ({@code last:N}). Give it what {@link org.tripletrec.data.DatasetLoader#loadTrainOnly()}
 * returns, and a search cannot see the test set.
 */
public final class ValidationSplit {
    private ValidationSplit() {}

    /**
     * The train ratings of {@code trainOnly} split into train and validation (as the returned data set's train and
     * test), over the same catalogue.
     *
     * @throws IllegalArgumentException for a split that is not holdout or last
     */
    public static Dataset carve(Dataset trainOnly, SplitSpec spec, long seed) {
        RatingLog all = trainOnly.train();
        TrainTest parts = switch (spec.kind()) {
            case HOLDOUT -> spec.count() > 0
                    ? Splits.holdoutPerUser(all, trainOnly.users(), trainOnly.items(), spec.count(), seed)
                    : Splits.holdout(all, trainOnly.users(), trainOnly.items(), spec.fraction(), seed);
            case LAST -> Splits.last(all, spec.count());
            default -> throw new IllegalArgumentException("a validation split is holdout:FRACTION, holdout:N or"
                    + " last:N, not " + spec);
        };
        return new Dataset(trainOnly.name() + " (validation " + spec + ")", trainOnly.users(), trainOnly.items(),
                parts.train(), parts.test(), trainOnly.titles(), trainOnly.report());
    }
}
