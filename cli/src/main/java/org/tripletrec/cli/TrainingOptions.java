package org.tripletrec.cli;

import java.nio.file.Path;

import org.tripletrec.train.AnchorOrder;
import org.tripletrec.train.ConfigChanges;
import org.tripletrec.train.Loss;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;
import picocli.CommandLine.Option;

/**
 * A preset or a config file, and per-field overrides of it; an option left out keeps the value of the file, else
 * of the preset. So the precedence is: flags, then {@code --config FILE}, then {@code --preset} (or the file's
 * own preset), then {@code default}.
 */
public final class TrainingOptions {

    @Option(names = "--preset", paramLabel = "NAME", converter = Converters.Preset.class,
            description = "Starting configuration: default (a model of likes above unrated and disliked items,"
                    + " with exposure and preference channels of their own beside it: fewer disliked items in the"
                    + " top k), single (that model alone: the fastest to train), balanced and cautious (channel"
                    + " models with fewer, and few, disliked items; for items that all have ratings), seed (the"
                    + " seed document's run) or notebook (its parent notebook). Default: default, or the preset"
                    + " named in --config.")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Start from a config file: the JSON that 'tune --out' writes, the \"config\" object of"
                    + " a --metrics-out file, or that whole file. Flags given beside it override it.")
    Path configFile;

    @Option(names = "--dislike-weight", paramLabel = "W",
            description = "The knob between top-k accuracy and few dislikes: weight of the preference channel"
                    + " (each like above the same user's dislikes), added to whatever --sampler trains. 0 turns"
                    + " it off (most accurate top k, most dislikes in it); higher keeps dislikes out of the top k"
                    + " at some cost in accuracy.")
    Float dislikeWeight;

    @Option(names = "--exposure-weight", paramLabel = "E",
            description = "Weight of the exposure channel (every rated item above unrated ones: what the user"
                    + " would watch at all); 0 turns it off.")
    Float exposureWeight;

    @Option(names = "--channel-loss", paramLabel = "LOSS", converter = Converters.LossName.class,
            description = "The exposure and preference channels' own loss (bpr, margin or sigmoid); default: the"
                    + " main model's.")
    Loss channelLoss;

    @Option(names = "--channel-lr", paramLabel = "RATE",
            description = "The channels' own learning rate; default: the main model's.")
    Float channelLearningRate;

    @Option(names = "--channel-user-reg", paramLabel = "L2",
            description = "The channels' own L2 penalty on user vectors; default: the main model's.")
    Float channelUserReg;

    @Option(names = "--channel-item-reg", paramLabel = "L2",
            description = "The channels' own L2 penalty on item vectors; default: the main model's.")
    Float channelItemReg;

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
            + " new-item term, which trains the features on each liked item over one the same user rated without"
            + " liking, as items nobody rated yet are scored (their features alone): fewer disliked items among"
            + " the top of new items. Default 0.3; 0 turns it off.")
    Float newItemWeight;

    /** The preset the config starts from: --preset, else the config file's, else default. */
    public String preset() {
        if (preset != null) {
            return preset;
        }
        return configFile == null ? "default" : file().preset();
    }

    /** Whether --preset was given (else the preset is the config file's, or default). */
    public boolean presetGiven() {
        return preset != null;
    }

    /** The config file, null without --config. */
    public Path configFile() {
        return configFile;
    }

    private ConfigFile file() {
        if (file == null) {
            file = ConfigFile.read(configFile);
        }
        return file;
    }

    private ConfigFile file;

    /** The config keys set by flags on the command line (not by the preset or the config file). */
    public java.util.Set<String> givenKeys() {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        Object[][] fields = {{positiveThreshold, "positive_threshold"}, {negativeThreshold, "negative_threshold"},
                {sampler, "sampler"}, {loss, "loss"}, {margin, "margin"}, {optimizer, "optimizer"},
                {learningRate, "learning_rate"}, {batchSize, "batch_size"}, {epochs, "epochs"}, {dim, "dim"},
                {userReg, "user_reg"}, {itemReg, "item_reg"}, {itemBias, "item_bias"}, {initScale, "init_scale"},
                {threads, "threads"}, {order, "order"}, {seed, "seed"}, {dislikeWeight, "dislike_weight"},
                {exposureWeight, "exposure_weight"}, {newItemWeight, "new_item_weight"},
                {channelLoss, "channel_loss"}, {channelLearningRate, "channel_learning_rate"},
                {channelUserReg, "channel_user_reg"}, {channelItemReg, "channel_item_reg"},
                {noItemIds ? true : null, "item_ids"},
                {noUserIds ? true : null, "user_ids"}, {noFeatureNormalization ? true : null, "feature_normalization"}};
        for (Object[] f : fields) {
            if (f[0] != null) {
                keys.add((String) f[1]);
            }
        }
        return keys;
    }

    /**
     * The preset, then the config file's keys, then the flags; throws IllegalArgumentException when the result is
     * invalid, and a one-line file error for a bad config file.
     */
    public TrainerConfig config() {
        return config(Presets.byName(preset()));
    }

    /**
     * {@code base} (a saved model's own configuration, say), or the preset when {@code --preset} is given, then
     * the config file's keys, then the flags.
     */
    public TrainerConfig config(TrainerConfig base) {
        TrainerConfig start = preset == null ? base : Presets.byName(preset);
        if (configFile != null) {
            start = ConfigChanges.apply(start, file().values());
        }
        TrainerConfig.Builder b = start.toBuilder();
        if (dislikeWeight != null) b.dislikeWeight(dislikeWeight);
        if (exposureWeight != null) b.exposureWeight(exposureWeight);
        if (channelLoss != null) b.channelLoss(channelLoss);
        if (channelLearningRate != null) b.channelLearningRate(channelLearningRate);
        if (channelUserReg != null) b.channelUserReg(channelUserReg);
        if (channelItemReg != null) b.channelItemReg(channelItemReg);
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
