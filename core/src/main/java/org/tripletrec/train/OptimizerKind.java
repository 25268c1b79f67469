package org.tripletrec.train;

/** The optimisers a {@link TrainerConfig} can name. */
public enum OptimizerKind {
    /** Dense Adam, as Keras and PyTorch run it: every row's moments decay, and every row moves, every step. */
    ADAM("adam"),
    /** Adam that only updates the rows a mini-batch touched (TensorFlow's LazyAdam): far cheaper per step. */
    LAZY_ADAM("lazy-adam"),
    ADAGRAD("adagrad"),
    SGD("sgd");

    private final String label;

    OptimizerKind(String label) { this.label = label; }

    public String label() { return label; }

    public static OptimizerKind parse(String name) {
        for (OptimizerKind k : values()) {
            if (k.label.equalsIgnoreCase(name) || k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (adam, lazy-adam, adagrad, sgd)");
    }

    @Override public String toString() { return label; }
}
