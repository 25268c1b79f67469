package org.tripletrec.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tripletrec.eval.ColdStartEvaluator;
import org.tripletrec.eval.Metrics;

/**
 * What a search maximises: a weighted sum of metrics ({@code ndcg@10}, {@code ndcg@10-10*dislike@10},
 * {@code 0.5*ndcg@10+0.5*pos_neg_auc}), subject to bounds on metrics ({@code dislike@10 <= 0.004}). A result that
 * meets every bound beats every result that does not; among those that do not, the smaller the total relative
 * excess wins. Immutable.
 */
public final class Objective {
    private static final Pattern TERM = Pattern.compile("([+-]?)\\s*(?:(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*\\*\\s*)?"
            + "([a-z_]+(?:@\\d+)?)");

    /** One term of the blend. */
    public record Term(double weight, String metric) {}

    /** A bound: {@code metric <= value} when {@code upper}, else {@code metric >= value}. */
    public record Bound(String metric, double value, boolean upper) {
        double excess(Metrics m) {
            double v = m.get(metric);
            if (Double.isNaN(v)) {
                return 1;
            }
            double over = upper ? v - value : value - v;
            return over <= 0 ? 0 : over / Math.max(Math.abs(value), 1e-9);
        }

        @Override
        public String toString() {
            return metric + (upper ? " <= " : " >= ") + value;
        }
    }

    private static final String COLD = "cold_";

    private final String text;
    private final List<Term> terms;
    private final List<Bound> bounds;

    private Objective(String text, List<Term> terms, List<Bound> bounds) {
        this.text = text;
        this.terms = List.copyOf(terms);
        this.bounds = List.copyOf(bounds);
    }

    /**
     * Parses {@code [w*]metric ([+-] [w*]metric)*}; metric names are those of {@link Metrics}.
     *
     * @throws IllegalArgumentException for anything else, or an unknown metric
     */
    public static Objective parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        List<Term> terms = new ArrayList<>();
        Matcher m = TERM.matcher(s);
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at || (m.group(1).isEmpty() && !terms.isEmpty())) {
                throw new IllegalArgumentException("objective '" + text + "': expected a metric or a weighted sum"
                        + " such as ndcg@10 or ndcg@10-10*dislike@10");
            }
            double w = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
            terms.add(new Term(m.group(1).equals("-") ? -w : w, checkMetric(m.group(3))));
            at = m.end();
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("objective is empty: name a metric such as ndcg@10");
        }
        return new Objective(text.strip(), terms, List.of());
    }

    /** This objective with a further bound {@code metric <= value}. */
    public Objective withMax(String metric, double value) {
        return with(new Bound(checkMetric(metric), value, true));
    }

    /** This objective with a further bound {@code metric >= value}. */
    public Objective withMin(String metric, double value) {
        return with(new Bound(checkMetric(metric), value, false));
    }

    private Objective with(Bound b) {
        List<Bound> more = new ArrayList<>(bounds);
        more.add(b);
        return new Objective(text, terms, more);
    }

    public List<Term> terms() { return terms; }
    public List<Bound> bounds() { return bounds; }

    /** True when a term or a bound names a cold-start metric ({@code cold_auc}, {@code cold_ndcg@10}, ...). */
    public boolean namesColdMetric() {
        return metrics().stream().anyMatch(Objective::isCold);
    }

    /** The cut-offs k that the terms and bounds name on cold-start metrics, ascending (none: empty). */
    public int[] coldKs() {
        TreeSet<Integer> ks = new TreeSet<>();
        for (String metric : metrics()) {
            if (isCold(metric)) {
                addK(ks, metric);
            }
        }
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<String> metrics() {
        List<String> names = new ArrayList<>();
        terms.forEach(t -> names.add(t.metric()));
        bounds.forEach(b -> names.add(b.metric()));
        return names;
    }

    private static boolean isCold(String metric) {
        return metric.startsWith(COLD);
    }

    /** The cut-offs k that the terms and bounds name on warm metrics, ascending (10 when none does). */
    public int[] ks() {
        TreeSet<Integer> ks = new TreeSet<>();
        for (String metric : metrics()) {
            if (!isCold(metric)) {
                addK(ks, metric);
            }
        }
        if (ks.isEmpty()) {
            ks.add(10);
        }
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void addK(TreeSet<Integer> ks, String metric) {
        int at = metric.indexOf('@');
        if (at > 0) {
            ks.add(Integer.parseInt(metric.substring(at + 1)));
        }
    }

    /** The blend's value (bounds ignored); NaN when a metric is. */
    public double value(Metrics m) {
        double v = 0;
        for (Term t : terms) {
            v += t.weight() * m.get(t.metric());
        }
        return v;
    }

    /** The total relative excess over the bounds: 0 when every bound holds. */
    public double excess(Metrics m) {
        double e = 0;
        for (Bound b : bounds) {
            e += b.excess(m);
        }
        return e;
    }

    public boolean feasible(Metrics m) {
        return excess(m) == 0;
    }

    /** Best first: feasible before infeasible, then by value, or by smaller excess; NaN values last. */
    public Comparator<Metrics> bestFirst() {
        return (a, b) -> {
            double ea = excess(a), eb = excess(b);
            if ((ea == 0) != (eb == 0)) {
                return ea == 0 ? -1 : 1;
            }
            if (ea != 0) {
                return Double.compare(ea, eb);
            }
            double va = value(a), vb = value(b);
            if (Double.isNaN(va) || Double.isNaN(vb)) {
                return Boolean.compare(Double.isNaN(va), Double.isNaN(vb));
            }
            return Double.compare(vb, va);
        };
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(Metrics a, Metrics b) {
        return b == null || bestFirst().compare(a, b) < 0;
    }

    private static String checkMetric(String metric) {
        String name = metric.strip().toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        String base = at < 0 ? name : name.substring(0, at);
        List<String> atK = List.of("precision", "recall", "ndcg", "map", "dislike", "coverage", COLD + "ndcg",
                COLD + "dislike");
        List<String> plain = List.of(Metrics.FULL_AUC, Metrics.AUC_UNSEEN, Metrics.POS_NEG_AUC, Metrics.MRR,
                ColdStartEvaluator.AUC, ColdStartEvaluator.POS_NEG_AUC);
        boolean ok = at < 0 ? plain.contains(name) : atK.contains(base) && name.substring(at + 1).matches("[1-9]\\d{0,3}");
        if (!ok) {
            throw new IllegalArgumentException("unknown metric '" + metric + "' (" + String.join(", ", plain)
                    + ", or precision, recall, ndcg, map, dislike, coverage, cold_ndcg, cold_dislike @k such as"
                    + " ndcg@10)");
        }
        return name;
    }

    @Override
    public String toString() {
        return bounds.isEmpty() ? text : text + " with " + String.join(", ", bounds.stream().map(Bound::toString).toList());
    }
}
