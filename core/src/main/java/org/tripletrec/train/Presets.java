package org.tripletrec.train;

import java.util.List;

/** Named starting configurations; any field can be overridden afterwards. */
public final class Presets {
    private Presets() {}

    public static final List<String> NAMES = List.of("default", "seed", "notebook");

    /**
     * The seed document's run: liked = 5, disliked <= 2 topped up from the user's neutral ratings, 1 - sigmoid
     * loss, dense Adam 0.001, batch 64, dim 100, 20 epochs.
     */
    public static TrainerConfig seed() {
        return new TrainerConfig(100, 20, 0.001f, 64, OptimizerKind.ADAM, Loss.SIGMOID, 1f, 0f, 0f, false,
                "explicit", 5f, 2f, 0.05f, 1, 1L, AnchorOrder.SHUFFLED);
    }

    /** The parent Keras notebook: liked = rating >= 4, negatives uniform over all items, 10 epochs. */
    public static TrainerConfig notebook() {
        return new TrainerConfig(100, 10, 0.001f, 64, OptimizerKind.ADAM, Loss.SIGMOID, 1f, 0f, 0f, false,
                "uniform", 4f, 2f, 0.05f, 1, 1L, AnchorOrder.SHUFFLED);
    }

    /**
     * The best recommender we found for the seed's labels (liked 5, disliked <= 2), tuned on the ua split: one
     * epoch visits every liked pair once and draws, per pair, liked > unrated by WARP (half the draws), a warm 4
     * > unrated by WARP (a fifth), or liked > a dislike weighted by how high the dislike ranks (the rest);
     * hinge loss, Adagrad 0.03, dim 64, item biases, light L2, 20 epochs, one thread (so a seed repeats exactly).
     */
    public static TrainerConfig defaults() {
        return new TrainerConfig(64, 20, 0.03f, 1, OptimizerKind.ADAGRAD, Loss.MARGIN, 1f, 0.01f, 0.01f, true,
                DEFAULT_SAMPLER, 5f, 2f, 0.05f, 1, 1L, AnchorOrder.SHUFFLED);
    }

    public static final String DEFAULT_SAMPLER = "0.5*warp+0.2*neutral-warp+0.3*disliked-warp";

    public static TrainerConfig byName(String name) {
        return switch (name) {
            case "default" -> defaults();
            case "seed" -> seed();
            case "notebook" -> notebook();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }
}
