package org.tripletrec.train;

/** The order in which an epoch visits its anchors (the liked (user, item) pairs). */
public enum AnchorOrder {
    /** A fresh uniform shuffle of all anchors every epoch: the classic SGD order, the default. */
    SHUFFLED("shuffled"),
    /**
     * Users in a fresh random order, each user's anchors together (shuffled among themselves). The user's row, its
     * rated items and their filter stay in cache across its anchors, so on data far larger than the caches an epoch
     * runs faster; consecutive steps on one user make the model slightly weaker on small data (figures in
     * README.md and docs/PERFORMANCE.md).
     */
    BY_USER("by-user");

    private final String label;

    AnchorOrder(String label) { this.label = label; }

    public String label() { return label; }

    public static AnchorOrder parse(String name) {
        for (AnchorOrder o : values()) {
            if (o.label.equalsIgnoreCase(name) || o.name().equalsIgnoreCase(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown anchor order '" + name + "' (shuffled, by-user)");
    }

    @Override public String toString() { return label; }
}
