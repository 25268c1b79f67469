package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.tripletrec.data.IdIndex;

/**
 * A new user's likes and dislikes given as raw item ids, resolved to a model's item indices. The command line
 * ({@code tripletrec recommend --like ... --dislike ...}) and the HTTP API ({@code POST /v1/recommendations})
 * both resolve through here and fold in with {@link FoldIn}, so that they give the same list for the same likes.
 *
 * @param liked    model item indices, repeats dropped, in the order first given
 * @param disliked the same for the dislikes
 */
public record FoldInQuery(int[] liked, int[] disliked) {

    /** Item ids a model does not know, in the order given (likes first); the message names them all. */
    public static final class UnknownItemsException extends UnknownIdsException {
        UnknownItemsException(List<String> ids) {
            super("item ids", ids);
        }
    }

    /**
     * Resolves the ids (surrounding blanks ignored, repeats dropped).
     *
     * @throws UnknownItemsException    naming every id the model lacks
     * @throws IllegalArgumentException when both lists are empty or an id is in both
     */
    public static FoldInQuery resolve(IdIndex items, Collection<String> liked, Collection<String> disliked) {
        Set<String> likedIds = Ids.stripped(liked);
        Set<String> dislikedIds = Ids.stripped(disliked);
        if (likedIds.isEmpty() && dislikedIds.isEmpty()) {
            throw new IllegalArgumentException("no liked or disliked item: give at least one");
        }
        for (String id : likedIds) {
            if (dislikedIds.contains(id)) {
                throw new IllegalArgumentException("item '" + id + "' is both liked and disliked");
            }
        }
        List<String> unknown = new ArrayList<>();
        int[] likedIdx = Ids.indices(items, likedIds, unknown);
        int[] dislikedIdx = Ids.indices(items, dislikedIds, unknown);
        if (!unknown.isEmpty()) {
            throw new UnknownItemsException(unknown);
        }
        return new FoldInQuery(likedIdx, dislikedIdx);
    }

    /** The top {@code k} for this user, never a liked or disliked item. */
    public List<Scored> recommend(FoldIn foldIn, Recommender recommender, int k) {
        return foldIn.recommend(recommender, liked, disliked, k);
    }

    /** The top {@code k} among the items {@code filter} allows, never a liked or disliked item. */
    public List<Scored> recommend(FoldIn foldIn, Recommender recommender, int k, ItemFilter filter) {
        return foldIn.recommend(recommender, liked, disliked, k, filter);
    }
}
