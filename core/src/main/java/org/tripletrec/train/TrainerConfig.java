package org.tripletrec.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tripletrec.data.FeedbackPolicy;

/**
 * Everything that defines a training run. Immutable; start from a preset ({@link Presets}) or
 * {@link #builder()} and change fields with {@link #toBuilder()}.
 *
 * @param sampler triplet sampler spec, see {@link org.tripletrec.sampling.Samplers#parse}
 * @param margin  the margin of the {@code margin} loss, and the violation margin of WARP sampling
 * @param userIds whether each user has an embedding of its own beside its features (only matters with user
 *                features; without features every user has one)
 * @param itemIds the same for items
 * @param featureNormalization whether each user's and item's feature weights are divided by their Euclidean
 *                length, the id row keeping weight 1 (see {@link org.tripletrec.model.FeatureMatrix})
 * @param newItemWeight with item features and ids: the weight of the new-item term, in which each liked pair
 *                is applied once more against an item the same user rated without liking, to the two items' feature
 *                rows, the items composed from their features alone as an item nobody rated yet is, and the user
 *                held fixed: fewer disliked items among the top of new items. {@value #DEFAULT_NEW_ITEM_WEIGHT} by
 *                default, 0 turns it off; no effect without item features
 * @param exposureWeight weight of the exposure channel ("would the user rate it": every rating above an unrated
 *                item), 0 for none; see {@link ChannelTrainer}
 * @param dislikeWeight weight of the preference channel ("would they like it once rated": a like above the same
 *                user's dislikes), 0 for none: the knob between top-k accuracy and few dislikes
 * @param channelLoss the loss of the exposure and preference channels, or null for the main model's
 * @param channelLearningRate their learning rate, or NaN for the main model's
 * @param channelUserReg their L2 term on user rows, or NaN for the main model's
 * @param channelItemReg their L2 term on item rows, or NaN for the main model's. The main model is what ranks
 *                items known only by their features ({@link ChannelTrainer}), and the loss and penalties that
 *                rank new items best are not those that make the best channels
 */
public record TrainerConfig(
        int dim,
        int epochs,
        float learningRate,
        int batchSize,
        OptimizerKind optimizer,
        Loss loss,
        float margin,
        float userReg,
        float itemReg,
        boolean itemBias,
        String sampler,
        float positiveThreshold,
        float negativeThreshold,
        float initScale,
        int threads,
        long seed,
        AnchorOrder order,
        boolean userIds,
        boolean itemIds,
        boolean featureNormalization,
        float newItemWeight,
        float exposureWeight,
        float dislikeWeight,
        Loss channelLoss,
        float channelLearningRate,
        float channelUserReg,
        float channelItemReg) {

    /** The new-item term's weight unless set (chosen on held-out items of the training data, docs/CATALOGUE.md). */
    public static final float DEFAULT_NEW_ITEM_WEIGHT = 0.3f;

    /** A configuration with ids on both sides, normalised features and the default new-item term. */
    public TrainerConfig(int dim, int epochs, float learningRate, int batchSize, OptimizerKind optimizer, Loss loss,
                         float margin, float userReg, float itemReg, boolean itemBias, String sampler,
                         float positiveThreshold, float negativeThreshold, float initScale, int threads, long seed,
                         AnchorOrder order) {
        this(dim, epochs, learningRate, batchSize, optimizer, loss, margin, userReg, itemReg, itemBias, sampler,
                positiveThreshold, negativeThreshold, initScale, threads, seed, order, true, true, true,
                DEFAULT_NEW_ITEM_WEIGHT, 0f, 0f, null, Float.NaN, Float.NaN, Float.NaN);
    }

    public TrainerConfig {
        require(dim >= 1, "dim must be at least 1");
        require(epochs >= 0, "epochs must not be negative");
        require(learningRate > 0 && Float.isFinite(learningRate), "learning rate must be a positive number");
        require(batchSize >= 1, "batch size must be at least 1");
        require(userReg >= 0 && itemReg >= 0, "L2 terms must not be negative");
        require(initScale >= 0, "init scale must not be negative");
        require(newItemWeight >= 0 && Float.isFinite(newItemWeight), "new-item weight must not be negative");
        require(threads >= 1, "threads must be at least 1");
        require(optimizer != null && loss != null && sampler != null && order != null,
                "optimizer, loss, sampler and order are required");
        require(exposureWeight >= 0 && Float.isFinite(exposureWeight), "exposure weight must be 0 or more");
        require(dislikeWeight >= 0 && Float.isFinite(dislikeWeight), "dislike weight must be 0 or more");
        require(Float.isNaN(channelLearningRate) || channelLearningRate > 0 && Float.isFinite(channelLearningRate),
                "channel learning rate must be a positive number");
        require(Float.isNaN(channelUserReg) || channelUserReg >= 0 && Float.isFinite(channelUserReg),
                "channel L2 terms must not be negative");
        require(Float.isNaN(channelItemReg) || channelItemReg >= 0 && Float.isFinite(channelItemReg),
                "channel L2 terms must not be negative");
        new FeedbackPolicy(positiveThreshold, negativeThreshold); // validates the thresholds
    }

    /** True when an exposure or a preference channel is trained beside the main model ({@link ChannelTrainer}). */
    public boolean hasChannels() {
        return exposureWeight > 0 || dislikeWeight > 0;
    }

    /** Keys of {@link #toProperties()} written only when set: the channels' own loss, learning rate and L2. */
    public static final java.util.List<String> CHANNEL_KEYS = java.util.List.of("channel_loss",
            "channel_learning_rate", "channel_user_reg", "channel_item_reg");

    /** Whether the channels train with a loss, learning rate or L2 of their own. */
    public boolean hasChannelParams() {
        return channelLoss != null || !Float.isNaN(channelLearningRate) || !Float.isNaN(channelUserReg)
                || !Float.isNaN(channelItemReg);
    }

    /** This config with the channels' own loss, learning rate and L2 unset (theirs are then the main model's). */
    public TrainerConfig withoutChannelParams() {
        return toBuilder().channelLoss(null).channelLearningRate(Float.NaN).channelUserReg(Float.NaN)
                .channelItemReg(Float.NaN).build();
    }

    /**
     * The plain config of an exposure or preference channel, from the main model's: the channels' own loss,
     * learning rate and L2 where set.
     */
    public TrainerConfig forChannel() {
        Builder b = withoutChannelParams().toBuilder();
        if (channelLoss != null) b.loss(channelLoss);
        if (!Float.isNaN(channelLearningRate)) b.learningRate(channelLearningRate);
        if (!Float.isNaN(channelUserReg)) b.userReg(channelUserReg);
        if (!Float.isNaN(channelItemReg)) b.itemReg(channelItemReg);
        return b.build();
    }

    /** The dimension of the model this config trains: {@code dim} for each channel, the main one included. */
    public int modelDim() {
        return dim * (1 + (exposureWeight > 0 ? 1 : 0) + (dislikeWeight > 0 ? 1 : 0));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public FeedbackPolicy policy() {
        return new FeedbackPolicy(positiveThreshold, negativeThreshold);
    }

    /** A builder that starts from the single model ({@link Presets#single()}): no channels unless asked. */
    public static Builder builder() {
        return Presets.single().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Flat key=value form, stored in model files and metrics output. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("dim", Integer.toString(dim));
        p.put("epochs", Integer.toString(epochs));
        p.put("learning_rate", Float.toString(learningRate));
        p.put("batch_size", Integer.toString(batchSize));
        p.put("optimizer", optimizer.label());
        p.put("loss", loss.label());
        p.put("margin", Float.toString(margin));
        p.put("user_reg", Float.toString(userReg));
        p.put("item_reg", Float.toString(itemReg));
        p.put("item_bias", Boolean.toString(itemBias));
        p.put("sampler", sampler);
        p.put("positive_threshold", Float.toString(positiveThreshold));
        p.put("negative_threshold", Float.toString(negativeThreshold));
        p.put("init_scale", Float.toString(initScale));
        p.put("threads", Integer.toString(threads));
        p.put("seed", Long.toString(seed));
        p.put("order", order.label());
        p.put("user_ids", Boolean.toString(userIds));
        p.put("item_ids", Boolean.toString(itemIds));
        p.put("feature_normalization", Boolean.toString(featureNormalization));
        p.put("new_item_weight", Float.toString(newItemWeight));
        p.put("exposure_weight", Float.toString(exposureWeight));
        p.put("dislike_weight", Float.toString(dislikeWeight));
        if (channelLoss != null) p.put("channel_loss", channelLoss.label());
        if (!Float.isNaN(channelLearningRate)) p.put("channel_learning_rate", Float.toString(channelLearningRate));
        if (!Float.isNaN(channelUserReg)) p.put("channel_user_reg", Float.toString(channelUserReg));
        if (!Float.isNaN(channelItemReg)) p.put("channel_item_reg", Float.toString(channelItemReg));
        return p;
    }

    /**
     * Inverse of {@link #toProperties()}; missing keys keep the single model's value ({@link Presets#single()}),
     * except the channel weights, which default to 0: a model file written before channels existed was trained
     * without them.
     */
    public static TrainerConfig fromProperties(Map<String, String> p) {
        Builder b = builder();
        if (p.containsKey("dim")) b.dim(Integer.parseInt(p.get("dim")));
        if (p.containsKey("epochs")) b.epochs(Integer.parseInt(p.get("epochs")));
        if (p.containsKey("learning_rate")) b.learningRate(Float.parseFloat(p.get("learning_rate")));
        if (p.containsKey("batch_size")) b.batchSize(Integer.parseInt(p.get("batch_size")));
        if (p.containsKey("optimizer")) b.optimizer(OptimizerKind.parse(p.get("optimizer")));
        if (p.containsKey("loss")) b.loss(Loss.parse(p.get("loss")));
        if (p.containsKey("margin")) b.margin(Float.parseFloat(p.get("margin")));
        if (p.containsKey("user_reg")) b.userReg(Float.parseFloat(p.get("user_reg")));
        if (p.containsKey("item_reg")) b.itemReg(Float.parseFloat(p.get("item_reg")));
        if (p.containsKey("item_bias")) b.itemBias(Boolean.parseBoolean(p.get("item_bias")));
        if (p.containsKey("sampler")) b.sampler(p.get("sampler"));
        if (p.containsKey("positive_threshold")) b.positiveThreshold(Float.parseFloat(p.get("positive_threshold")));
        if (p.containsKey("negative_threshold")) b.negativeThreshold(Float.parseFloat(p.get("negative_threshold")));
        if (p.containsKey("init_scale")) b.initScale(Float.parseFloat(p.get("init_scale")));
        if (p.containsKey("threads")) b.threads(Integer.parseInt(p.get("threads")));
        if (p.containsKey("seed")) b.seed(Long.parseLong(p.get("seed")));
        if (p.containsKey("order")) b.order(AnchorOrder.parse(p.get("order")));
        if (p.containsKey("user_ids")) b.userIds(Boolean.parseBoolean(p.get("user_ids")));
        if (p.containsKey("item_ids")) b.itemIds(Boolean.parseBoolean(p.get("item_ids")));
        if (p.containsKey("feature_normalization")) {
            b.featureNormalization(Boolean.parseBoolean(p.get("feature_normalization")));
        }
        // files from before the new-item term trained without it
        b.newItemWeight(p.containsKey("new_item_weight") ? Float.parseFloat(p.get("new_item_weight")) : 0f);
        b.exposureWeight(p.containsKey("exposure_weight") ? Float.parseFloat(p.get("exposure_weight")) : 0f);
        b.dislikeWeight(p.containsKey("dislike_weight") ? Float.parseFloat(p.get("dislike_weight")) : 0f);
        b.channelLoss(p.containsKey("channel_loss") ? Loss.parse(p.get("channel_loss")) : null);
        b.channelLearningRate(floatOrNaN(p, "channel_learning_rate"));
        b.channelUserReg(floatOrNaN(p, "channel_user_reg"));
        b.channelItemReg(floatOrNaN(p, "channel_item_reg"));
        return b.build();
    }

    private static float floatOrNaN(Map<String, String> p, String key) {
        return p.containsKey(key) ? Float.parseFloat(p.get(key)) : Float.NaN;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int dim;
        private int epochs;
        private float learningRate;
        private int batchSize;
        private OptimizerKind optimizer;
        private Loss loss;
        private float margin;
        private float userReg;
        private float itemReg;
        private boolean itemBias;
        private String sampler;
        private float positiveThreshold;
        private float negativeThreshold;
        private float initScale;
        private int threads;
        private long seed;
        private AnchorOrder order;
        private boolean userIds;
        private boolean itemIds;
        private boolean featureNormalization;
        private float newItemWeight;
        private float exposureWeight;
        private float dislikeWeight;
        private Loss channelLoss;
        private float channelLearningRate;
        private float channelUserReg;
        private float channelItemReg;

        private Builder(TrainerConfig c) {
            dim = c.dim;
            epochs = c.epochs;
            learningRate = c.learningRate;
            batchSize = c.batchSize;
            optimizer = c.optimizer;
            loss = c.loss;
            margin = c.margin;
            userReg = c.userReg;
            itemReg = c.itemReg;
            itemBias = c.itemBias;
            sampler = c.sampler;
            positiveThreshold = c.positiveThreshold;
            negativeThreshold = c.negativeThreshold;
            initScale = c.initScale;
            threads = c.threads;
            seed = c.seed;
            order = c.order;
            userIds = c.userIds;
            itemIds = c.itemIds;
            featureNormalization = c.featureNormalization;
            newItemWeight = c.newItemWeight;
            exposureWeight = c.exposureWeight;
            dislikeWeight = c.dislikeWeight;
            channelLoss = c.channelLoss;
            channelLearningRate = c.channelLearningRate;
            channelUserReg = c.channelUserReg;
            channelItemReg = c.channelItemReg;
        }

        public Builder dim(int v) { dim = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder loss(Loss v) { loss = v; return this; }
        public Builder margin(float v) { margin = v; return this; }
        public Builder userReg(float v) { userReg = v; return this; }
        public Builder itemReg(float v) { itemReg = v; return this; }
        public Builder itemBias(boolean v) { itemBias = v; return this; }
        public Builder sampler(String v) { sampler = v; return this; }
        public Builder positiveThreshold(float v) { positiveThreshold = v; return this; }
        public Builder negativeThreshold(float v) { negativeThreshold = v; return this; }
        public Builder initScale(float v) { initScale = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder order(AnchorOrder v) { order = v; return this; }
        public Builder userIds(boolean v) { userIds = v; return this; }
        public Builder itemIds(boolean v) { itemIds = v; return this; }
        public Builder featureNormalization(boolean v) { featureNormalization = v; return this; }
        public Builder newItemWeight(float v) { newItemWeight = v; return this; }
        public Builder exposureWeight(float v) { exposureWeight = v; return this; }
        public Builder dislikeWeight(float v) { dislikeWeight = v; return this; }
        public Builder channelLoss(Loss v) { channelLoss = v; return this; }
        public Builder channelLearningRate(float v) { channelLearningRate = v; return this; }
        public Builder channelUserReg(float v) { channelUserReg = v; return this; }
        public Builder channelItemReg(float v) { channelItemReg = v; return this; }

        public TrainerConfig build() {
            return new TrainerConfig(dim, epochs, learningRate, batchSize, optimizer, loss, margin, userReg, itemReg,
                    itemBias, sampler, positiveThreshold, negativeThreshold, initScale, threads, seed, order, userIds,
                    itemIds, featureNormalization, newItemWeight, exposureWeight, dislikeWeight, channelLoss,
                    channelLearningRate, channelUserReg, channelItemReg);
        }
    }
}
