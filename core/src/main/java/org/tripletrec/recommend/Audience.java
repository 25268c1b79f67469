package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Vectors;

/**
 * Who a new item is for: from the users who liked and disliked it and/or its item features, the item's vector
 * and bias ({@link ItemFoldIn}, shrunk towards its features' composed vector when it has features, the tables
 * frozen), then the users who score it highest and the existing items whose vectors are closest to it (cosine).
 * The library form of {@code tripletrec audience} and {@code POST /v1/items/audience}. Nothing is written to the
 * model: the same query always gives the same answer. Immutable and thread-safe.
 */
public final class Audience {
    private final EmbeddingModel model;
    private final ItemFoldIn itemFoldIn;
    private final float[] itemNorms;

    public Audience(EmbeddingModel model) {
        this.model = model;
        this.itemFoldIn = new ItemFoldIn(model);
        int d = model.dim();
        itemNorms = new float[model.numItems()];
        for (int i = 0; i < itemNorms.length; i++) {
            itemNorms[i] = Vectors.norm(model.itemFactors(), i * d, d);
        }
    }

    /**
     * A new item resolved against a model.
     *
     * @param likedBy    user indices who liked it, repeats dropped
     * @param dislikedBy user indices who disliked it
     * @param features   vocabulary indices of its item features (each with weight 1, as a feature file's
     *                   {@code item,feature,1} line)
     */
    public record Query(int[] likedBy, int[] dislikedBy, int[] features) {

        /**
         * Resolves raw user ids and feature names (blanks stripped, repeats dropped).
         *
         * @throws UnknownIdsException      naming every user id the model lacks, else every feature name
         * @throws IllegalArgumentException when all three lists are empty, a user is in both user lists, or
         *                                  features are given for a model without item features
         */
        public static Query resolve(EmbeddingModel model, Collection<String> likedBy, Collection<String> dislikedBy,
                                    Collection<String> features) {
            Set<String> liked = Ids.stripped(likedBy);
            Set<String> disliked = Ids.stripped(dislikedBy);
            Set<String> names = Ids.stripped(features);
            if (liked.isEmpty() && disliked.isEmpty() && names.isEmpty()) {
                throw new IllegalArgumentException("no user who liked or disliked the item and no feature of it:"
                        + " give at least one");
            }
            for (String id : liked) {
                if (disliked.contains(id)) {
                    throw new IllegalArgumentException("user '" + id + "' both liked and disliked the item");
                }
            }
            List<String> unknown = new ArrayList<>();
            int[] likedIdx = Ids.indices(model.users(), liked, unknown);
            int[] dislikedIdx = Ids.indices(model.users(), disliked, unknown);
            if (!unknown.isEmpty()) {
                throw new UnknownIdsException("user ids", unknown);
            }
            int[] featureIdx = new int[0];
            if (!names.isEmpty()) {
                FeatureMatrix items = model.features() == null ? null : model.features().items();
                if (items == null) {
                    throw new IllegalArgumentException("the model has no item features, so it cannot place an item"
                            + " by " + String.join(", ", names));
                }
                featureIdx = Ids.indices(items.features(), names, unknown);
                if (!unknown.isEmpty()) {
                    throw new UnknownIdsException("item features", unknown);
                }
            }
            return new Query(likedIdx, dislikedIdx, featureIdx);
        }
    }

    /**
     * @param vector  the new item's vector (model dimension)
     * @param bias    its bias (0 for a model without biases)
     * @param users   the users it scores highest for, best first, the query's own users left out: here
     *                {@link Scored#item()} is a user index, and the score that user's score for the new item
     * @param similar the existing items closest to it by cosine, best first
     */
    public record Result(float[] vector, float bias, List<Scored> users, List<Scored> similar) {}

    /** The k users most likely to like the item and the k items most like it. */
    public Result find(Query query, int k) {
        int dim = model.dim();
        float[] prior = null;
        float priorBias = 0f;
        if (query.features().length > 0) {
            prior = new float[dim];
            float[] weights = new float[query.features().length];
            Arrays.fill(weights, 1f);
            priorBias = model.features().composeNewItem(query.features(), weights, dim, prior);
        }
        ItemFoldIn.Fitted item = itemFoldIn.fit(query.likedBy(), query.dislikedBy(), prior, priorBias, -1);
        return new Result(item.vector(), item.bias(), users(item, query, k), similar(item.vector(), k));
    }

    private List<Scored> users(ItemFoldIn.Fitted item, Query query, int k) {
        int[] given = new int[query.likedBy().length + query.dislikedBy().length];
        System.arraycopy(query.likedBy(), 0, given, 0, query.likedBy().length);
        System.arraycopy(query.dislikedBy(), 0, given, query.likedBy().length, query.dislikedBy().length);
        Arrays.sort(given);
        int dim = model.dim();
        float[] u = model.userFactors();
        TopK top = new TopK(Math.min(k, model.numUsers()));
        for (int user = 0; user < model.numUsers(); user++) {
            // summed in the order EmbeddingModel.score sums, so that a user's score here is the model's
            float score = Vectors.orderedDot(u, user * dim, item.vector(), 0, dim) + item.bias();
            if (top.accepts(user, score) && Arrays.binarySearch(given, user) < 0) {
                top.offer(user, score);
            }
        }
        return top.toList();
    }

    private List<Scored> similar(float[] vector, int k) {
        int dim = model.dim();
        float norm = Vectors.norm(vector, 0, dim);
        float[] v = model.itemFactors();
        TopK top = new TopK(Math.min(k, model.numItems()));
        for (int i = 0; i < model.numItems(); i++) {
            float denom = norm * itemNorms[i];
            float cosine = denom == 0f ? 0f : Vectors.orderedDot(vector, 0, v, i * dim, dim) / denom;
            top.offer(i, cosine);
        }
        return top.toList();
    }
}
