package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
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

    /** Ids a model does not know, in the order given (likes first); the message names them all. */
    public static final class UnknownItemsException extends IllegalArgumentException {
        private final List<String> ids;

        UnknownItemsException(List<String> ids) {
            super("unknown item ids: " + String.join(", ", ids));
            this.ids = List.copyOf(ids);
        }

        public List<String> ids() {
            return ids;
        }
    }

    /**
     * Resolves the ids (surrounding blanks ignored, repeats dropped).
     *
     * @throws UnknownItemsException    naming every id the model lacks
     * @throws IllegalArgumentException when both lists are empty or an id is in both
     */
    public static FoldInQuery resolve(IdIndex items, Collection<String> liked, Collection<String> disliked) {
        Set<String> likedIds = stripped(liked);
        Set<String> dislikedIds = stripped(disliked);
        if (likedIds.isEmpty() && dislikedIds.isEmpty()) {
            throw new IllegalArgumentException("no liked or disliked item: give at least one");
        }
        for (String id : likedIds) {
            if (dislikedIds.contains(id)) {
                throw new IllegalArgumentException("item '" + id + "' is both liked and disliked");
            }
        }
        List<String> unknown = new ArrayList<>();
        int[] likedIdx = indices(items, likedIds, unknown);
        int[] dislikedIdx = indices(items, dislikedIds, unknown);
        if (!unknown.isEmpty()) {
            throw new UnknownItemsException(unknown);
        }
        return new FoldInQuery(likedIdx, dislikedIdx);
    }

    /** The top {@code k} for this user, never a liked or disliked item. */
    public List<Scored> recommend(FoldIn foldIn, Recommender recommender, int k) {
        return foldIn.recommend(recommender, liked, disliked, k);
    }

    private static Set<String> stripped(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            out.add(id.strip());
        }
        return out;
    }

    private static int[] indices(IdIndex items, Set<String> ids, List<String> unknown) {
        int[] out = new int[ids.size()];
        int n = 0;
        for (String id : ids) {
            int i = items.indexOf(id);
            if (i < 0) {
                unknown.add(id);
            } else {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
