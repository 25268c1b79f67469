package org.tripletrec.tune;

import java.util.Arrays;
import java.util.Objects;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.ColdStartEvaluator;

/**
 * What a search trains and measures on: the training interactions, the warm validation carved from the same
 * users' ratings, and optionally items held out as new ones ({@link ColdItems}) with their ratings, which the
 * training interactions do not hold. All over one catalogue.
 *
 * @param coldItems the held-out items' indices, ascending, or null for none
 * @param coldValidation every rating of the held-out items, or null for none
 */
public record TuneSplit(Interactions train, Interactions validation, int[] coldItems, Interactions coldValidation) {

    public TuneSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if ((coldItems == null) != (coldValidation == null)) {
            throw new IllegalArgumentException("held-out items need their ratings, and ratings their items");
        }
        if (!sameCatalogue(train, validation) || coldValidation != null && !sameCatalogue(train, coldValidation)) {
            throw new IllegalArgumentException("train and validation cover different catalogues");
        }
        if (coldItems != null) {
            int[] unrated = ColdStartEvaluator.coldItems(train);
            for (int i : coldItems) {
                if (Arrays.binarySearch(unrated, i) < 0) {
                    throw new IllegalArgumentException("held-out item " + i + " is outside the catalogue or has a"
                            + " training rating");
                }
            }
        }
    }

    /** A split without held-out items. */
    public static TuneSplit warm(Interactions train, Interactions validation) {
        return new TuneSplit(train, validation, null, null);
    }

    public boolean hasColdItems() {
        return coldItems != null;
    }

    private static boolean sameCatalogue(Interactions a, Interactions b) {
        return a.numUsers() == b.numUsers() && a.numItems() == b.numItems();
    }
}
