package org.tripletrec.recommend;

import java.util.List;

/**
 * Finds a model's best items for a user vector (score {@code u . V[i] + b[i]}) and the items most like an item
 * (cosine of item vectors). {@link ExactIndex} scores every item; an approximate index (HNSW) looks at a small
 * part of the catalogue and may miss an item now and then. Either way every returned item passes the filter,
 * lists are best first with ties to the lower item index, and each score is the model's own float for that item,
 * the same as exact search gives it. Implementations are immutable and thread-safe.
 */
public interface ItemIndex {

    /**
     * What an index is and what it cost to make.
     *
     * @param exactFallbacks searches an approximate index has handed to exact search so far (strict filters); 0
     *                       for exact search itself
     */
    record Description(String kind, String settings, long bytes, double buildSeconds, boolean loadedFromFile,
                       long exactFallbacks) {}

    /**
     * The n best items for the user vector at {@code vectors[offset .. offset + dim)} among those the filter
     * allows user {@code user} ({@code -1} for a vector that is no user of the model, as a folded-in one).
     */
    List<Scored> recommend(float[] vectors, int offset, int user, int n, ItemFilter filter);

    /** The n items whose vectors have the highest cosine with item {@code item}'s, the item itself left out. */
    List<Scored> similar(int item, int n, ItemFilter filter);

    Description describe();
}
