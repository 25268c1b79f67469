package org.tripletrec.app.serve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.FoldIn;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.recommend.Scored;

/**
 * Recommendations for a new user from raw item ids, as {@code tripletrec recommend --like ... --dislike ...}
 * asks for them: the same fold-in and the same filter as {@code POST /v1/recommendations}, so the command line
 * and the server give the same list for the same likes.
 */
public final class FoldInQuery {
    private FoldInQuery() {}

    /**
     * @throws IllegalArgumentException naming every unknown id, or an id in both lists, or both lists empty
     */
    public static List<Scored> recommend(EmbeddingModel model, List<String> liked, List<String> disliked, int k) {
        Set<String> likedSet = new LinkedHashSet<>(liked);
        Set<String> dislikedSet = new LinkedHashSet<>(disliked);
        if (likedSet.isEmpty() && dislikedSet.isEmpty()) {
            throw new IllegalArgumentException("give at least one item to --like or --dislike");
        }
        for (String id : likedSet) {
            if (dislikedSet.contains(id)) {
                throw new IllegalArgumentException("item '" + id + "' is both liked and disliked");
            }
        }
        List<String> unknown = new ArrayList<>();
        int[] likedIdx = indices(model, likedSet, unknown);
        int[] dislikedIdx = indices(model, dislikedSet, unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown item ids: " + String.join(", ", unknown));
        }
        return new FoldIn(model).recommend(new Recommender(model), likedIdx, dislikedIdx, k);
    }

    private static int[] indices(EmbeddingModel model, Set<String> ids, List<String> unknown) {
        int[] out = new int[ids.size()];
        int n = 0;
        for (String id : ids) {
            int i = model.items().indexOf(id.strip());
            if (i < 0) {
                unknown.add(id);
            } else {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
