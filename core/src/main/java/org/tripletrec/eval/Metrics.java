package org.tripletrec.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one evaluation: metric name to value, in a stable order. The {@link Evaluator} writes
 * {@code full_auc, auc_unseen, pos_neg_auc}, then for each k in ascending order {@code precision@k, recall@k,
 * ndcg@k, map@k, dislike@k, coverage@k}, then {@code mrr} and {@code users} (the number of users averaged over).
 * A mean over no user at all is NaN. Immutable.
 */
public final class Metrics {
    public static final String FULL_AUC = "full_auc";
    public static final String AUC_UNSEEN = "auc_unseen";
    public static final String POS_NEG_AUC = "pos_neg_auc";
    public static final String MRR = "mrr";
    public static final String USERS = "users";

    public static String precisionAt(int k) { return "precision@" + k; }
    public static String recallAt(int k) { return "recall@" + k; }
    public static String ndcgAt(int k) { return "ndcg@" + k; }
    public static String mapAt(int k) { return "map@" + k; }
    public static String dislikeAt(int k) { return "dislike@" + k; }
    public static String coverageAt(int k) { return "coverage@" + k; }

    /** The names an evaluation with these cut-offs produces, in their documented order. */
    public static List<String> standardNames(int... ks) {
        List<String> names = new ArrayList<>(List.of(FULL_AUC, AUC_UNSEEN, POS_NEG_AUC));
        for (int k : ks) {
            names.addAll(List.of(precisionAt(k), recallAt(k), ndcgAt(k), mapAt(k), dislikeAt(k), coverageAt(k)));
        }
        names.add(MRR);
        names.add(USERS);
        return Collections.unmodifiableList(names);
    }

    /** Each metric's mean over the results (the names of the first, in its order); {@code users} averages too. */
    public static Metrics mean(List<Metrics> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to average");
        }
        Map<String, Double> sum = new LinkedHashMap<>();
        for (String name : results.get(0).values.keySet()) {
            double total = 0;
            for (Metrics m : results) {
                total += m.get(name);
            }
            sum.put(name, total / results.size());
        }
        return new Metrics(sum);
    }

    private final Map<String, Double> values;

    /** Copies {@code values}, keeping their iteration order. */
    public Metrics(Map<String, Double> values) {
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("null metric name or value: " + e);
            }
            copy.put(e.getKey(), e.getValue());
        }
        this.values = Collections.unmodifiableMap(copy);
    }

    /** The value of a metric; an unknown name is an error, not a silent NaN, as it is almost always a typo. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; have " + values.keySet());
        }
        return v;
    }

    public boolean has(String name) { return values.containsKey(name); }

    /** Number of users averaged over ({@code users}), 0 if absent. */
    public int users() {
        Double v = values.get(USERS);
        return v == null ? 0 : (int) Math.round(v);
    }

    /** Unmodifiable, in the documented order. */
    public Map<String, Double> asMap() { return values; }

    /** Counts ({@code users}, {@code cold_users}, {@code cold_items}) as integers, every other value with 4 decimals. */
    static String format(String name, double value) {
        if ((USERS.equals(name) || name.endsWith("_users") || name.endsWith("_items")) && !Double.isNaN(value)) {
            return Long.toString(Math.round(value));
        }
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.getKey()).append('=').append(format(e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        // Map equality ignores order; two results with the same values in another order are still the same result.
        return o instanceof Metrics m && values.equals(m.values);
    }

    @Override
    public int hashCode() { return values.hashCode(); }
}
