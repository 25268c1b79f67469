package org.tripletrec.tune;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.tripletrec.train.Loss;
import org.tripletrec.train.TrainerConfig;

/**
 * The hyperparameters a search draws, each from a fixed range, independently (random search, Bergstra and Bengio
 * 2012): dimension, learning rate, L2 terms, loss and margin, the weights of the default sampler mixture, and the
 * weights of the exposure and preference channels. Epochs are not drawn: every trial trains up to a maximum and
 * keeps its best epoch on validation (early stopping). Keys that are fixed keep the base config's value.
 * Immutable.
 */
public final class SearchSpace {
    /** Every key a search can draw, in config-key names. */
    public static final List<String> KEYS = List.of("dim", "learning_rate", "user_reg", "item_reg", "loss",
            "margin", "sampler", "exposure_weight", "dislike_weight");

    /**
     * Keys searched only when named ({@code tune --search}): the exposure and preference channels' own loss,
     * learning rate and L2 ({@link TrainerConfig#forChannel()}). A search without them draws exactly as before.
     */
    public static final List<String> CHANNEL_KEYS = TrainerConfig.CHANNEL_KEYS;

    /** The sampler mixture whose weights are drawn: liked > unrated, warm > unrated, liked > disliked. */
    static final List<String> SAMPLER_TERMS = List.of("warp", "neutral-warp", "disliked-warp");

    private final Set<String> searched;

    private SearchSpace(Set<String> searched) {
        this.searched = Set.copyOf(searched);
    }

    /** Every key of {@link #KEYS}. */
    public static SearchSpace all() {
        return new SearchSpace(new LinkedHashSet<>(KEYS));
    }

    /** Exactly the given keys (of {@link #KEYS} and {@link #CHANNEL_KEYS}); an unknown key is an error. */
    public static SearchSpace of(Collection<String> keys) {
        for (String k : keys) {
            if (!KEYS.contains(k) && !CHANNEL_KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown search key '" + k + "'");
            }
        }
        return new SearchSpace(new LinkedHashSet<>(keys));
    }

    /** This space without the given keys (they keep the base config's value); unknown keys are ignored. */
    public SearchSpace fixing(Collection<String> keys) {
        Set<String> left = new LinkedHashSet<>(searched);
        left.removeAll(keys);
        return new SearchSpace(left);
    }

    /** The keys drawn, in {@link #KEYS} then {@link #CHANNEL_KEYS} order. */
    public List<String> searched() {
        List<String> out = new ArrayList<>();
        for (String k : KEYS) {
            if (searched.contains(k)) {
                out.add(k);
            }
        }
        for (String k : CHANNEL_KEYS) {
            if (searched.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** A config drawn from the space around {@code base}, trained for {@code epochs}. */
    public TrainerConfig sample(TrainerConfig base, SplittableRandom rng, int epochs) {
        TrainerConfig.Builder b = base.toBuilder().epochs(epochs);
        // every key draws its random numbers whether it is searched or not, so that fixing one key leaves the
        // draws of the others as they were
        int dim = 8 * (int) Math.round(logUniform(rng, 16, 128) / 8);
        float lr = round(logUniform(rng, 0.01, 0.1), 3);
        float userReg = round(logUniform(rng, 0.001, 0.1), 3);
        float itemReg = round(logUniform(rng, 0.001, 0.1), 3);
        Loss loss = rng.nextDouble() < 0.7 ? Loss.MARGIN : Loss.BPR;
        float margin = round(0.5 + rng.nextDouble(), 2);
        String sampler = sampler(rng);
        double e = rng.nextDouble();
        float exposure = e < 0.25 ? 0f : round(logUniform(rng, 0.1, 2), 2);
        double w = rng.nextDouble();
        float dislike = w < 0.25 ? 0f : round(logUniform(rng, 0.25, 8), 2);
        if (searched.contains("dim")) b.dim(dim);
        if (searched.contains("learning_rate")) b.learningRate(lr);
        if (searched.contains("user_reg")) b.userReg(userReg);
        if (searched.contains("item_reg")) b.itemReg(itemReg);
        if (searched.contains("loss")) b.loss(loss);
        if (searched.contains("margin")) b.margin(margin);
        if (searched.contains("sampler")) b.sampler(sampler);
        if (searched.contains("exposure_weight")) b.exposureWeight(exposure);
        if (searched.contains("dislike_weight")) b.dislikeWeight(dislike);
        boolean channelParams = false;
        for (String k : CHANNEL_KEYS) {
            channelParams |= searched.contains(k);
        }
        if (channelParams) {
            // drawn only when searched, after every other key: a search without them repeats as before
            Loss channelLoss = rng.nextDouble() < 0.5 ? Loss.MARGIN : Loss.BPR;
            float channelLr = round(logUniform(rng, 0.01, 0.2), 3);
            float channelUserReg = round(logUniform(rng, 0.001, 0.1), 3);
            float channelItemReg = round(logUniform(rng, 0.001, 0.1), 3);
            if (searched.contains("channel_loss")) b.channelLoss(channelLoss);
            if (searched.contains("channel_learning_rate")) b.channelLearningRate(channelLr);
            if (searched.contains("channel_user_reg")) b.channelUserReg(channelUserReg);
            if (searched.contains("channel_item_reg")) b.channelItemReg(channelItemReg);
        }
        return b.build();
    }

    /** Weights of {@link #SAMPLER_TERMS}, each uniform, those under 0.1 dropped, normalised to sum 1. */
    private static String sampler(SplittableRandom rng) {
        double[] w = new double[SAMPLER_TERMS.size()];
        double total = 0;
        for (int t = 0; t < w.length; t++) {
            w[t] = rng.nextDouble();
            if (w[t] < 0.1) {
                w[t] = 0;
            }
            total += w[t];
        }
        if (total == 0) {
            return SAMPLER_TERMS.get(0);
        }
        StringBuilder spec = new StringBuilder();
        for (int t = 0; t < w.length; t++) {
            if (w[t] > 0) {
                if (spec.length() > 0) {
                    spec.append('+');
                }
                spec.append(String.format(Locale.ROOT, "%.2f*%s", w[t] / total, SAMPLER_TERMS.get(t)));
            }
        }
        return spec.toString();
    }

    private static double logUniform(SplittableRandom rng, double lo, double hi) {
        return Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    private static float round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        // keep three significant digits for small values (L2 terms of 0.001)
        double r = Math.round(v * scale) / scale;
        return (float) (r == 0 ? v : r);
    }
}
