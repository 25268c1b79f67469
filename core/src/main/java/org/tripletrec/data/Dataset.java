package org.tripletrec.data;

import java.util.Map;

/**
 * A loaded data set: the id maps (the catalogue: every user and item of the train OR the test file), the train
 * and test ratings as indices into them, item titles by external item id (may be empty) and what loading saw.
 */
public record Dataset(String name, IdIndex users, IdIndex items, RatingLog train, RatingLog test,
                      Map<String, String> titles, LoadReport report) {

    public int numUsers() { return users.size(); }
    public int numItems() { return items.size(); }

    public Interactions trainInteractions(FeedbackPolicy policy) {
        return Interactions.of(train, policy, numUsers(), numItems());
    }

    public Interactions testInteractions(FeedbackPolicy policy) {
        return Interactions.of(test, policy, numUsers(), numItems());
    }

    /**
     * The same ratings over a larger catalogue: {@code newUsers} and {@code newItems} must start with this data
     * set's ids, in order (ids known only from a feature file come after them).
     */
    public Dataset withCatalogue(IdIndex newUsers, IdIndex newItems) {
        requirePrefix(users, newUsers, "user");
        requirePrefix(items, newItems, "item");
        return new Dataset(name, newUsers, newItems, train, test, titles, report);
    }

    private static void requirePrefix(IdIndex old, IdIndex grown, String what) {
        if (grown.size() < old.size() || !grown.ids().subList(0, old.size()).equals(old.ids())) {
            throw new IllegalArgumentException("the new " + what + " ids must extend the old ones");
        }
    }

    /** Title of the item with dense index {@code iidx}, or its raw id if no title is known. */
    public String title(int iidx) {
        String id = items.id(iidx);
        return titles.getOrDefault(id, id);
    }
}
