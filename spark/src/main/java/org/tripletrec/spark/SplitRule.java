package org.tripletrec.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.Splits;
import org.tripletrec.data.TrainTest;

/**
 * How the ratings of a user block are split into train and test: core's own per-user splits
 * ({@link Splits#holdout} and {@link Splits#last}), applied where all of a user's ratings meet, after the
 * blocking shuffle. A holdout draws by the ids' keys, broadcast by index, so that a rating goes to test exactly
 * when it would in core. With a test file, the rows that came from it are the test set.
 */
abstract class SplitRule implements Serializable {
    private SplitRule() {}

    /** Splits the block's deduplicated ratings (local user indices, global item indices) of user block r. */
    abstract TrainTest split(RatingLog log, Blocking users, int r);

    /** Whether rows from a test file make the test set (they are deduplicated apart from the train rows). */
    boolean fromTestFile() {
        return false;
    }

    static SplitRule none() {
        return new SplitRule() {
            @Override
            TrainTest split(RatingLog log, Blocking users, int r) {
                return new TrainTest(log, new RatingLog.Builder(0).build());
            }
        };
    }

    static SplitRule testFile() {
        return new SplitRule() {
            @Override
            TrainTest split(RatingLog log, Blocking users, int r) {
                return new TrainTest(log, new RatingLog.Builder(0).build());
            }

            @Override
            boolean fromTestFile() {
                return true;
            }
        };
    }

    static SplitRule holdout(double fraction, long seed, Broadcast<long[]> userKeys, Broadcast<long[]> itemKeys) {
        return new SplitRule() {
            @Override
            TrainTest split(RatingLog log, Blocking users, int r) {
                long[] all = userKeys.value();
                long[] local = new long[users.blockSize(r)];
                for (int l = 0; l < local.length; l++) {
                    local[l] = all[users.global(r, l)];
                }
                return Splits.holdout(log, local, itemKeys.value(), fraction, seed);
            }
        };
    }

    static SplitRule last(int n) {
        return new SplitRule() {
            @Override
            TrainTest split(RatingLog log, Blocking users, int r) {
                return Splits.last(log, n);
            }
        };
    }
}
