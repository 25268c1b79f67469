package org.tripletrec.spark;

import java.io.Serializable;

/**
 * One rating as dense indices: what the blocking step shuffles. {@code position} orders the ratings as the input
 * does (file order), which breaks ties the way core's loader does (of two ratings of a pair with equal times the
 * later one is kept). {@code user < 0} marks a filler that makes an empty block's partition exist.
 */
record RatingRow(int user, int item, float rating, long time, long position) implements Serializable {
    static RatingRow filler() {
        return new RatingRow(-1, -1, 0f, 0L, 0L);
    }
}
