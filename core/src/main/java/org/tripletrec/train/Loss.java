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
    },
    /** -ln sigmoid(x): classic BPR. */
    BPR("bpr") {
        @Override public double value(double x, double margin) { return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x)); }
        @Override public double derivative(double x, double margin) { return -sigmoid(-x); }
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

    public String label() { return label; }

    static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
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
