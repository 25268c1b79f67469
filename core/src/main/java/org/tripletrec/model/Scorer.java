package org.tripletrec.model;

/** Anything that scores items for a user: the trained model, a baseline. Higher is better. */
public interface Scorer {
    int numUsers();

    int numItems();

    /** Writes the scores of every item for user {@code u} into {@code out[0..numItems)}. */
    void scoreAll(int u, float[] out);

    /**
     * A scorer giving the same scores, faster over many users, for as long as this one does not change (it may copy
     * tables). An evaluation takes one before scoring its users.
     */
    default Scorer snapshot() {
        return this;
    }
}
