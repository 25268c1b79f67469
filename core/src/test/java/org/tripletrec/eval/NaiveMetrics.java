package org.tripletrec.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tripletrec.data.Interactions;
import org.tripletrec.model.Scorer;

/**
 * A deliberately plain transcription of docs/EVALUATION.md (O(n^2) pair counts, boxed sorts), used only to
 * cross-check the fast {@link Evaluator} on random data.
 */
final class NaiveMetrics {
    private NaiveMetrics() {}

    static Map<String, Double> evaluate(Scorer scorer, Interactions train, Interactions test, int... ks) {
        int n = train.numItems();
        Map<String, List<Double>> per = new LinkedHashMap<>();
        boolean[][] covered = new boolean[ks.length][n];
        for (String name : Metrics.standardNames(ks)) {
            if (!name.startsWith("coverage@") && !name.equals("users")) {
                per.put(name, new ArrayList<>()); // a metric no user defines is NaN, not absent
            }
        }
        int users = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            if (test.positiveCount(u) == 0) {
                continue;
            }
            users++;
            float[] s = new float[n];
            scorer.scoreAll(u, s);
            List<Integer> all = new ArrayList<>();
            List<Integer> cand = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
                if (!train.isRated(u, i)) {
                    cand.add(i);
                }
            }
            final int user = u;
            add(per, "full_auc", auc(s, all, i -> test.isPositive(user, i), i -> !test.isPositive(user, i)));
            add(per, "auc_unseen", auc(s, cand, i -> test.isPositive(user, i), i -> !test.isPositive(user, i)));
            add(per, "pos_neg_auc", auc(s, all, i -> test.isPositive(user, i), i -> test.isNegative(user, i)));
            List<Integer> ranking = new ArrayList<>(cand);
            ranking.sort((a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
            double rr = 0;
            for (int r = 0; r < ranking.size(); r++) {
                if (test.isPositive(u, ranking.get(r))) {
                    rr = 1.0 / (r + 1);
                    break;
                }
            }
            add(per, "mrr", rr);
            int numPos = test.positiveCount(u);
            for (int j = 0; j < ks.length; j++) {
                int k = ks[j];
                int hits = 0, dis = 0;
                double dcg = 0, ap = 0, ideal = 0;
                for (int r = 0; r < Math.min(k, ranking.size()); r++) {
                    int item = ranking.get(r);
                    covered[j][item] = true;
                    if (test.isPositive(u, item)) {
                        hits++;
                        dcg += 1 / Fixtures.log2(r + 2);
                        ap += hits / (double) (r + 1);
                    }
                    if (test.isNegative(u, item)) {
                        dis++;
                    }
                }
                for (int r = 0; r < Math.min(numPos, k); r++) {
                    ideal += 1 / Fixtures.log2(r + 2);
                }
                add(per, "precision@" + k, hits / (double) k);
                add(per, "recall@" + k, hits / (double) numPos);
                add(per, "ndcg@" + k, dcg / ideal);
                add(per, "map@" + k, ap / Math.min(numPos, k));
                add(per, "dislike@" + k, dis / (double) k);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : per.entrySet()) {
            out.put(e.getKey(), e.getValue().isEmpty() ? Double.NaN
                    : e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
        for (int j = 0; j < ks.length; j++) {
            int c = 0;
            for (boolean b : covered[j]) {
                c += b ? 1 : 0;
            }
            out.put("coverage@" + ks[j], c / (double) n);
        }
        out.put("users", (double) users);
        return out;
    }

    interface ItemTest { boolean test(int item); }

    /** Share of (positive, negative) pairs ordered right, ties one half; null when a class is empty. */
    private static Double auc(float[] s, List<Integer> items, ItemTest isPos, ItemTest isNeg) {
        double good = 0;
        long pairs = 0;
        for (int p : items) {
            if (!isPos.test(p)) {
                continue;
            }
            for (int q : items) {
                if (!isNeg.test(q)) {
                    continue;
                }
                pairs++;
                good += s[p] > s[q] ? 1 : s[p] == s[q] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? null : good / pairs;
    }

    private static void add(Map<String, List<Double>> per, String name, Double value) {
        List<Double> list = per.computeIfAbsent(name, x -> new ArrayList<>());
        if (value != null) {
            list.add(value);
        }
    }
}
