package org.tripletrec.train;

import java.util.ArrayList;
import java.util.List;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;

/**
 * The channels of a training config, and how their models join into one: the plan that every trainer of a
 * config with channels follows ({@link ChannelTrainer} on one machine, the Spark module's DSGD on a cluster), so
 * that the two train the same channels and join them the same way. See {@link ChannelTrainer} for what each
 * channel answers.
 *
 * <p>The plan: the main channel first, then exposure (if {@link TrainerConfig#exposureWeight()} E &gt; 0), then
 * preference (if {@link TrainerConfig#dislikeWeight()} W &gt; 0). Each is a config with both weights 0 (so it
 * trains one plain model of the config's dimension) and {@code max(1, threads / K)} threads; the main one keeps
 * the config's sampler and seed, the others take their own sampler, a seed of their own, and the channels' own loss,
 * learning rate and L2 where the config sets them ({@link TrainerConfig#forChannel()}). The join: user rows
 * {@code [U_main | E U_exp | W U_pref]}, item rows {@code [V_main | V_exp | V_pref]}, item bias
 * {@code b_main + E b_exp + W b_pref}, so that the joined score is {@code s_main + E s_exp + W s_pref}.
 */
public final class Channels {
    /** Every rating counts as "rated" (a positive), whatever its value: the exposure channel's labels. */
    public static final FeedbackPolicy EVERY_RATING = new FeedbackPolicy(-Float.MAX_VALUE, Float.NEGATIVE_INFINITY);
    public static final String EXPOSURE_SAMPLER = "popularity";
    public static final String PREFERENCE_SAMPLER = "explicit";
    static final long SEED_STEP = 0x9E3779B97F4A7C15L;

    /**
     * One channel: its name ({@code main}, {@code exposure} or {@code preference}), the plain config it trains
     * with, the labels its ratings are read with ({@code policy}), and its weight in the joined score.
     */
    public record Channel(String name, TrainerConfig config, FeedbackPolicy policy, float weight) {}

    private final TrainerConfig config;
    private final List<Channel> list;
    private final float[] weights;

    private Channels(TrainerConfig config, List<Channel> list) {
        this.config = config;
        this.list = List.copyOf(list);
        weights = new float[list.size()];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = list.get(c).weight();
        }
    }

    /** The channels of {@code config}: the main one alone when it has no channels. */
    public static Channels of(TrainerConfig config) {
        int k = config.modelDim() / config.dim();
        int threadsEach = Math.max(1, config.threads() / k);
        TrainerConfig main = config.withoutChannelParams().toBuilder().exposureWeight(0).dislikeWeight(0)
                .threads(threadsEach).build();
        TrainerConfig side = config.forChannel().toBuilder().exposureWeight(0).dislikeWeight(0)
                .threads(threadsEach).build();
        List<Channel> list = new ArrayList<>();
        list.add(new Channel("main", main, config.policy(), 1f));
        if (config.exposureWeight() > 0) {
            list.add(new Channel("exposure",
                    side.toBuilder().sampler(EXPOSURE_SAMPLER).seed(config.seed() + SEED_STEP).build(), EVERY_RATING,
                    config.exposureWeight()));
        }
        if (config.dislikeWeight() > 0) {
            list.add(new Channel("preference",
                    side.toBuilder().sampler(PREFERENCE_SAMPLER).seed(config.seed() + 2 * SEED_STEP).build(),
                    config.policy(), config.dislikeWeight()));
        }
        return new Channels(config, list);
    }

    /** The config the channels come from (with its weights): the joined model's config. */
    public TrainerConfig config() {
        return config;
    }

    public List<Channel> list() {
        return list;
    }

    public Channel get(int c) {
        return list.get(c);
    }

    /** K, the number of channels (1 without channels). */
    public int size() {
        return list.size();
    }

    /** Each channel's weight, in channel order (a copy). */
    public float[] weights() {
        return weights.clone();
    }

    /**
     * The same ratings with every one of them a positive ({@link #EVERY_RATING}): the exposure channel's data, from
     * the main channel's.
     */
    public static Interactions everyRatingLiked(Interactions train) {
        RatingLog.Builder log = new RatingLog.Builder(Math.max(1, train.totalRated()));
        for (int u = 0; u < train.numUsers(); u++) {
            var rated = train.rated(u);
            for (int j = 0; j < rated.size(); j++) {
                log.add(u, rated.get(j), train.ratedValue(u, j), 0L);
            }
        }
        return Interactions.of(log.build(), EVERY_RATING, train.numUsers(), train.numItems());
    }

    /**
     * Writes the channels' tables (each {@code dim} wide, the same rows) side by side into {@code to} (K x dim
     * wide): channel c's rows, times {@code weights[c]}, in columns {@code [c dim, (c + 1) dim)}. User rows take
     * the channels' weights ({@link #weights()}), item rows none ({@code weights} null).
     */
    public static void joinRows(float[][] parts, float[] weights, int dim, float[] to) {
        int width = parts.length * dim;
        for (int c = 0; c < parts.length; c++) {
            float w = weights == null ? 1f : weights[c];
            float[] from = parts[c];
            int rows = from.length / dim;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < dim; j++) {
                    to[r * width + c * dim + j] = w * from[r * dim + j];
                }
            }
        }
    }

    /** {@code to} = the channels' item biases, each times its weight, summed in channel order. */
    public static void joinBias(float[][] parts, float[] weights, float[] to) {
        java.util.Arrays.fill(to, 0f);
        for (int c = 0; c < parts.length; c++) {
            float w = weights[c];
            float[] b = parts[c];
            for (int i = 0; i < to.length; i++) {
                to[i] += w * b[i];
            }
        }
    }
}
