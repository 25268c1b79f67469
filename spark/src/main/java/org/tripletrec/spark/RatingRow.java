package org.tripletrec.spark;

import java.io.Serializable;

/** One rating as dense indices: what the blocking step shuffles. {@code user < 0} marks an empty-block filler. */
record RatingRow(int user, int item, float rating, long time) implements Serializable {
    static RatingRow filler() {
        return new RatingRow(-1, -1, 0f, 0L);
    }
}
