package org.tripletrec.cli;

import org.tripletrec.train.AnchorOrder;
import org.tripletrec.train.Loss;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;
import picocli.CommandLine.Option;

/** A preset and per-field overrides of it; an option left out keeps the preset's value. */
public final class TrainingOptions {

    @Option(names = "--preset", paramLabel = "NAME", converter = Converters.Preset.class,
            description = "Starting configuration: default (best found), seed (the seed document's run) or"
                    + " notebook (its parent notebook). Default: default.")
    String preset;

    @Option(names = "--positive-threshold", paramLabel = "R", description = "A rating >= R is a like.")
    Float positiveThreshold;

    @Option(names = "--negative-threshold", paramLabel = "R", description = "A rating <= R is a dislike.")
    Float negativeThreshold;

    @Option(names = "--sampler", paramLabel = "SPEC", converter = Converters.Sampler.class,
            description = "Negative sampler, e.g. warp[:trials], explicit, uniform, unrated, popularity[:alpha],"
                    + " mixed[:q], disliked, seed-literal, or a weighted mix like 0.8*warp+0.2*disliked"
                    + " (an unknown name lists them all).")
    String sampler;

    @Option(names = "--loss", paramLabel = "LOSS", converter = Converters.LossName.class,
            description = "sigmoid (1 - sigmoid, the seed's), bpr (-ln sigmoid) or margin (hinge).")
    Loss loss;

    @Option(names = "--margin", paramLabel = "M", description = "Margin of the margin loss and of WARP sampling.")
    Float margin;

    @Option(names = "--optimizer", paramLabel = "OPT", converter = Converters.Optimizer.class,
            description = "adam, lazy-adam, adagrad or sgd.")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
    Float learningRate;

    @Option(names = "--batch-size", paramLabel = "N", description = "Triplets per mini-batch.")
    Integer batchSize;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the liked (user, item) pairs.")
    Integer epochs;

    @Option(names = "--dim", paramLabel = "D", description = "Embedding dimension.")
    Integer dim;

    @Option(names = "--user-reg", paramLabel = "L2", description = "L2 penalty on user vectors.")
    Float userReg;

    @Option(names = "--item-reg", paramLabel = "L2", description = "L2 penalty on item vectors.")
    Float itemReg;

    @Option(names = "--item-bias", negatable = true, description = "Learn a per-item bias.")
    Boolean itemBias;

    @Option(names = "--init-scale", paramLabel = "S", description = "Initial weights are uniform in (-S, S).")
    Float initScale;

    @Option(names = "--threads", paramLabel = "N", description = "Training threads (Hogwild; 1 is repeatable).")
    Integer threads;

    @Option(names = "--order", paramLabel = "ORDER", description = "Anchor order of an epoch: shuffled (default) or "
            + "by-user (each user's liked pairs together: faster on data much larger than the CPU caches).")
    String order;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed.")
    Long seed;

    @Option(names = "--no-item-ids", description = "With item features: an item is its features only, no"
            + " embedding of its own (items without features become the zero vector).")
    boolean noItemIds;

    @Option(names = "--no-user-ids", description = "With user features: a user is their features only.")
    boolean noUserIds;

    @Option(names = "--no-feature-normalization", description = "Use feature weights as given; by default each"
            + " row's feature weights are divided by their Euclidean length (its own embedding keeps weight 1).")
    boolean noFeatureNormalization;

    @Option(names = "--new-item-weight", paramLabel = "W", description = "With item features: the weight of the"
            + " new-item term, which trains the features on liked-over-disliked pairs as items nobody rated yet"
            + " are scored (their features alone): fewer disliked items among the top of new items, at some"
            + " cost to rated ones. Default 0 (off).")
    Float newItemWeight;

    public String preset() {
        return preset == null ? "default" : preset;
    }

    /** The preset with the given overrides; throws IllegalArgumentException when the result is invalid. */
    public TrainerConfig config() {
        return config(Presets.byName(preset()));
    }

    /**
     * {@code base} (a saved model's own configuration, say) with the given overrides; an explicit
     * {@code --preset} replaces the base.
     */
    public TrainerConfig config(TrainerConfig base) {
        TrainerConfig.Builder b = (preset == null ? base : Presets.byName(preset)).toBuilder();
        if (positiveThreshold != null) b.positiveThreshold(positiveThreshold);
        if (negativeThreshold != null) b.negativeThreshold(negativeThreshold);
        if (sampler != null) b.sampler(sampler);
        if (loss != null) b.loss(loss);
        if (margin != null) b.margin(margin);
        if (optimizer != null) b.optimizer(optimizer);
        if (learningRate != null) b.learningRate(learningRate);
        if (batchSize != null) b.batchSize(batchSize);
        if (epochs != null) b.epochs(epochs);
        if (dim != null) b.dim(dim);
        if (userReg != null) b.userReg(userReg);
        if (itemReg != null) b.itemReg(itemReg);
        if (itemBias != null) b.itemBias(itemBias);
        if (initScale != null) b.initScale(initScale);
        if (threads != null) b.threads(threads);
        if (order != null) b.order(AnchorOrder.parse(order));
        if (seed != null) b.seed(seed);
        if (noItemIds) b.itemIds(false);
        if (noUserIds) b.userIds(false);
        if (noFeatureNormalization) b.featureNormalization(false);
        if (newItemWeight != null) b.newItemWeight(newItemWeight);
        return b.build();
    }
}
