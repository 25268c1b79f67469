package org.tripletrec.train;

import java.util.List;

/** Named starting configurations; any field can be overridden afterwards. */
public final class Presets {
    private Presets() {}

    public static final List<String> NAMES = List.of("default", "single", "balanced", "cautious", "seed", "notebook");

    public static final String DEFAULT_SAMPLER = "0.5*warp+0.2*neutral-warp+0.3*disliked-warp";

    // The one configuration written out field by field (the single model): TrainerConfig.builder() starts from it,
    // so it cannot be built with the builder itself. Every other preset is this one with the fields that differ
    // changed.
    private static final TrainerConfig SINGLE = new TrainerConfig(
            /* dim */ 64, /* epochs */ 20, /* learningRate */ 0.03f, /* batchSize */ 1,
            /* optimizer */ OptimizerKind.ADAGRAD, /* loss */ Loss.MARGIN, /* margin */ 1f,
            /* userReg */ 0.01f, /* itemReg */ 0.01f, /* itemBias */ true, /* sampler */ DEFAULT_SAMPLER,
            /* positiveThreshold */ 5f, /* negativeThreshold */ 2f, /* initScale */ 0.05f, /* threads */ 1,
            /* seed */ 1L, /* order */ AnchorOrder.SHUFFLED);

    private static final TrainerConfig DEFAULT = SINGLE.toBuilder().epochs(19).exposureWeight(0.98f)
            .dislikeWeight(1.71f).channelLoss(Loss.BPR).channelLearningRate(0.047f).channelUserReg(0.01f)
            .channelItemReg(0.034f).build();

    /**
     * The seed document's run: liked = 5, disliked <= 2 topped up from the user's neutral ratings, 1 - sigmoid
     * loss, dense Adam 0.001, batch 64, dim 100, 20 epochs.
     */
    public static TrainerConfig seed() {
        return SINGLE.toBuilder().dim(100).learningRate(0.001f).batchSize(64).optimizer(OptimizerKind.ADAM)
                .loss(Loss.SIGMOID).userReg(0f).itemReg(0f).itemBias(false).sampler("explicit").build();
    }

    /** The parent Keras notebook: liked = rating >= 4, negatives uniform over all items, 10 epochs. */
    public static TrainerConfig notebook() {
        return seed().toBuilder().epochs(10).sampler("uniform").positiveThreshold(4f).build();
    }

    /**
     * One model of the seed's labels (liked 5, disliked <= 2): one epoch visits every liked pair once and draws,
     * per pair, liked > unrated by WARP (half the draws), a warm 4 > unrated by WARP (a fifth), or liked > a
     * dislike weighted by how high the dislike ranks (the rest); hinge loss, Adagrad 0.03, dim 64, item biases,
     * light L2, 20 epochs, one thread (so a seed repeats exactly). Chosen by hand on the ua split before
     * {@code tripletrec tune} existed, and the default preset until the channels below beat it. The fastest
     * preset to train; {@link TrainerConfig#builder()} starts from it.
     */
    public static TrainerConfig single() {
        return SINGLE;
    }

    /**
     * The single model ({@link #single()}) as the main channel, which alone ranks items known only by their
     * features, with an exposure channel (weight 0.98) and a preference channel (weight 1.71) that train with a
     * loss, learning rate and L2 of their own (BPR, Adagrad 0.047, L2 0.01 on users and 0.034 on items;
     * {@link ChannelTrainer}), 19 epochs, dim 64 per channel. The weights, the channels' parameters and the epochs
     * were chosen by {@code tripletrec tune} on validation splits of ua.base alone (docs/configs/default.json):
     * on further splits it beats the single model on all four figures. One thread, so a seed repeats.
     * docs/QUALITY.md has the command and the figures.
     */
    public static TrainerConfig defaults() {
        return DEFAULT;
    }

    /**
     * Fewer disliked items than {@link #single()} at about its top-10 accuracy, for a catalogue whose items all
     * have ratings: a main model of the seed's labels ({@code 0.47*warp+0.23*neutral-warp+0.30*disliked-warp},
     * BPR loss, Adagrad 0.099, L2 0.042 on users and 0.016 on items) with an exposure channel (weight 0.64) and a
     * preference channel (weight 1.52) ({@link ChannelTrainer}), dim 64 per channel, 18 epochs, one thread, so a
     * seed repeats. Chosen by {@code tripletrec tune} on validation splits of ua.base alone, as the most accurate
     * top 10 whose dislikes, pos_neg_auc and full_auc beat the default's there by set margins. It trains three
     * models, and it ranks items that nobody has rated yet (known only by their features) worse than the default
     * does. docs/QUALITY.md has the command and the figures.
     */
    public static TrainerConfig balanced() {
        return SINGLE.toBuilder().epochs(18).learningRate(0.099f).loss(Loss.BPR).margin(0.7f).userReg(0.042f)
                .itemReg(0.016f).sampler("0.47*warp+0.23*neutral-warp+0.30*disliked-warp").exposureWeight(0.64f)
                .dislikeWeight(1.52f).build();
    }

    /**
     * Few disliked items in the top k: the main model with an exposure and a heavy preference channel
     * ({@link ChannelTrainer}), as {@code tripletrec tune} chose it on validation splits of ua.base alone (the most
     * accurate top 10 with dislike@10 at most 0.003; docs/QUALITY.md has the commands). One thread, so a seed
     * repeats.
     */
    public static TrainerConfig cautious() {
        return SINGLE.toBuilder().dim(72).epochs(12).learningRate(0.094f).loss(Loss.BPR).margin(1.38f)
                .userReg(0.008f).itemReg(0.008f).sampler("0.33*warp+0.18*neutral-warp+0.50*disliked-warp")
                .exposureWeight(0.77f).dislikeWeight(3.66f).build();
    }

    public static TrainerConfig byName(String name) {
        return switch (name) {
            case "default" -> defaults();
            case "single" -> single();
            case "balanced" -> balanced();
            case "cautious" -> cautious();
            case "seed" -> seed();
            case "notebook" -> notebook();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }
}
