package org.tripletrec.train;

/**
 * A loss of the score margin x = s(u, p) - s(u, n). The trainer only needs the derivative; the value is for
 * reporting.
 */
public enum Loss {
    /** 1 - sigmoid(x): the seed's loss. Its gradient vanishes for badly ranked pairs, which slows learning. */
    SIGMOID("sigmoid") {
        @Override public double value(double x, double margin) { return 1.0 - sigmoid(x); }
        @Override public double derivative(double x, double margin) { double s = sigmoid(x); return -s * (1.0 - s); }
        @Override public double derivative(double x, double margin, double[] value) {
            double s = sigmoid(x);
            value[0] = 1.0 - s;
            return -s * (1.0 - s);
        }
    },
    /** -ln sigmoid(x): classic BPR. */
    BPR("bpr") {
        // log, not log1p: log is a HotSpot intrinsic and log1p is not (a tenth of a triplet's time on large data);
        // the value is only reported, and 1 + e loses nothing that shows in a mean loss
        @Override public double value(double x, double margin) { return Math.max(-x, 0.0) + Math.log(1.0 + Math.exp(-Math.abs(x))); }
        @Override public double derivative(double x, double margin) { return -sigmoid(-x); }
        @Override public double derivative(double x, double margin, double[] value) {
            // one exponential for both: e^-|x| is sigmoid's exponential on either side of 0 (same floats as above)
            double e = Math.exp(-Math.abs(x));
            value[0] = Math.max(-x, 0.0) + Math.log(1.0 + e);
            return x <= 0 ? -(1.0 / (1.0 + e)) : -(e / (1.0 + e));
        }
    },
    /** max(0, margin - x): the hinge used with WARP. */
    MARGIN("margin") {
        @Override public double value(double x, double margin) { return Math.max(0.0, margin - x); }
        @Override public double derivative(double x, double margin) { return x < margin ? -1.0 : 0.0; }
    };

    private final String label;

    Loss(String label) { this.label = label; }

    public abstract double value(double x, double margin);

    /** dL/dx. */
    public abstract double derivative(double x, double margin);

    /**
     * dL/dx, and the value L(x) in {@code value[0]}: the same floats as {@link #derivative(double, double)} and
     * {@link #value}, with one exponential where the two share it (the trainer needs both for every triplet).
     */
    public double derivative(double x, double margin, double[] value) {
        value[0] = value(x, margin);
        return derivative(x, margin);
    }

    public String label() { return label; }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    public static Loss parse(String name) {
        for (Loss l : values()) {
            if (l.label.equalsIgnoreCase(name) || l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        if (name.equalsIgnoreCase("hinge")) {
            return MARGIN;
        }
        throw new IllegalArgumentException("unknown loss '" + name + "' (sigmoid, bpr, margin)");
    }

    @Override public String toString() { return label; }
}
