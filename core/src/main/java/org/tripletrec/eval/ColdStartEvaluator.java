package org.tripletrec.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tripletrec.data.Interactions;
import org.tripletrec.model.Scorer;

/**
 * How well a scorer ranks items nobody rated in training ("cold" items), as the cold-start protocol of
 * docs/EVALUATION.md defines it. For every user with a test like on a cold item, only the cold items are
 * scored; means over those users:
 * <ul>
 *   <li>{@code cold_auc}: ROC AUC of the user's test-liked cold items against every other cold item;</li>
 *   <li>{@code cold_pos_neg_auc}: share of (liked, disliked) cold pairs ranked right, over users with both;</li>
 *   <li>{@code cold_ndcg@k}: binary gains, log2(rank + 1) discount, ideal over min(k, likes);</li>
 *   <li>{@code cold_dislike@k}: share of the top k the user disliked.</li>
 * </ul>
 * Ties count one half in the AUCs, and in the top k at their expected value over a random order of the tied
 * items: breaking them by index would rank low ids first, and low ids are popular items in MovieLens. Also
 * reports {@code cold_users} and {@code cold_items}.
 */
public final class ColdStartEvaluator {
    public static final String AUC = "cold_auc";
    public static final String POS_NEG_AUC = "cold_pos_neg_auc";
    public static final String USERS = "cold_users";
    public static final String ITEMS = "cold_items";

    private final int k;

    public ColdStartEvaluator(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
    }

    public static ColdStartEvaluator defaults() {
        return new ColdStartEvaluator(10);
    }

    public String ndcgName() { return "cold_ndcg@" + k; }
    public String dislikeName() { return "cold_dislike@" + k; }

    /** Items of the catalogue without a single train rating, ascending. */
    public static int[] coldItems(Interactions train) {
        boolean[] rated = new boolean[train.numItems()];
        for (int u = 0; u < train.numUsers(); u++) {
            var row = train.rated(u);
            for (int j = 0; j < row.size(); j++) {
                rated[row.get(j)] = true;
            }
        }
        int n = 0;
        int[] cold = new int[rated.length];
        for (int i = 0; i < rated.length; i++) {
            if (!rated[i]) {
                cold[n++] = i;
            }
        }
        return Arrays.copyOf(cold, n);
    }

    /** Cold items that some test user likes: when there are none, there is nothing to measure. */
    public static int likedColdItems(Interactions test, int[] cold) {
        int n = 0;
        boolean[] liked = new boolean[test.numItems()];
        for (int u = 0; u < test.numUsers(); u++) {
            for (int j = 0; j < test.positiveCount(u); j++) {
                liked[test.positive(u, j)] = true;
            }
        }
        for (int i : cold) {
            if (liked[i]) {
                n++;
            }
        }
        return n;
    }

    public Metrics evaluate(Scorer scorer, Interactions train, Interactions test) {
        return evaluate(scorer, test, coldItems(train));
    }

    /** The metrics over the given cold items (ascending indices). */
    public Metrics evaluate(Scorer scorer, Interactions test, int[] cold) {
        Scorer s = scorer.snapshot();
        float[] all = new float[s.numItems()];
        float[] scores = new float[cold.length];
        byte[] label = new byte[cold.length]; // 1 liked, -1 disliked, 0 neither
        double auc = 0, posNeg = 0, ndcg = 0, dislike = 0;
        int users = 0, pairUsers = 0;
        Integer[] order = new Integer[cold.length];
        for (int u = 0; u < test.numUsers(); u++) {
            int likes = 0, dislikes = 0;
            for (int c = 0; c < cold.length; c++) {
                int i = cold[c];
                label[c] = (byte) (test.isPositive(u, i) ? 1 : test.isNegative(u, i) ? -1 : 0);
                likes += label[c] == 1 ? 1 : 0;
                dislikes += label[c] == -1 ? 1 : 0;
            }
            if (likes == 0) {
                continue;
            }
            s.scoreAll(u, all);
            for (int c = 0; c < cold.length; c++) {
                scores[c] = all[cold[c]];
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
            users++;
            auc += auc(order, scores, label, likes, cold.length - likes);
            if (dislikes > 0) {
                pairUsers++;
                posNeg += posNegAuc(scores, label, likes, dislikes);
            }
            double[] top = top(order, scores, label, likes);
            ndcg += top[0];
            dislike += top[1];
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(AUC, users == 0 ? Double.NaN : auc / users);
        m.put(POS_NEG_AUC, pairUsers == 0 ? Double.NaN : posNeg / pairUsers);
        m.put(ndcgName(), users == 0 ? Double.NaN : ndcg / users);
        m.put(dislikeName(), users == 0 ? Double.NaN : dislike / users);
        m.put(USERS, (double) users);
        m.put(ITEMS, (double) cold.length);
        return new Metrics(m);
    }

    /** Mann-Whitney over the order (best first): each like counts the others below it, ties one half. */
    private static double auc(Integer[] order, float[] scores, byte[] label, int pos, int neg) {
        if (neg == 0) {
            return 1.0;
        }
        double wins = 0;
        int othersBelow = neg;
        int g = 0;
        while (g < order.length) {
            int end = g;
            int groupPos = 0, groupOther = 0;
            while (end < order.length && scores[order[end]] == scores[order[g]]) {
                if (label[order[end]] == 1) {
                    groupPos++;
                } else {
                    groupOther++;
                }
                end++;
            }
            othersBelow -= groupOther;
            wins += groupPos * (othersBelow + 0.5 * groupOther);
            g = end;
        }
        return wins / ((double) pos * neg);
    }

    private static double posNegAuc(float[] scores, byte[] label, int likes, int dislikes) {
        double right = 0;
        for (int a = 0; a < scores.length; a++) {
            if (label[a] != 1) {
                continue;
            }
            for (int b = 0; b < scores.length; b++) {
                if (label[b] == -1) {
                    right += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
                }
            }
        }
        return right / ((double) likes * dislikes);
    }

    /** {ndcg@k, dislike@k} with every tie group spread evenly over the ranks it occupies. */
    private double[] top(Integer[] order, float[] scores, byte[] label, int likes) {
        double dcg = 0, disliked = 0;
        int g = 0;
        while (g < order.length && g < k) {
            int end = g;
            int groupLikes = 0, groupDislikes = 0;
            while (end < order.length && scores[order[end]] == scores[order[g]]) {
                groupLikes += label[order[end]] == 1 ? 1 : 0;
                groupDislikes += label[order[end]] == -1 ? 1 : 0;
                end++;
            }
            int size = end - g;
            int inTop = Math.min(end, k) - g;
            double pLike = groupLikes / (double) size;
            for (int r = g; r < g + inTop; r++) {
                dcg += pLike / log2(r + 2);
            }
            disliked += inTop * (groupDislikes / (double) size);
            g = end;
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, likes); r++) {
            ideal += 1 / log2(r + 2);
        }
        return new double[] {dcg / ideal, disliked / k};
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
