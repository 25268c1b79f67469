package org.tripletrec.recommend;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.tripletrec.data.IntView;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.Vectors;
import org.tripletrec.train.Loss;
import org.tripletrec.train.TrainerConfig;

/**
 * A user vector for someone the model has never seen, fitted from the items they liked and disliked with the
 * item table and biases frozen: the model's own loss over triplets liked > unrated, unrated > disliked and
 * liked > disliked, plus a ridge on the vector so that it cannot grow without bound.
 *
 * <p>Each pass draws a fresh pool of unrated items from a generator seeded by the input, scores only the items
 * involved, and takes one gradient step; so the same likes and dislikes always give the same vector, and the
 * cost does not grow with the catalogue. Pairs liked > unrated are weighted as WARP weights them (by the log
 * of the estimated rank of the liked item), because that is what the trained user vectors were fitted under
 * (the top of the list, not the AUC). Immutable and thread-safe.
 */
public final class FoldIn {

    /**
     * @param passes        gradient steps
     * @param learningRate  step size of the first pass; it decays as 1/sqrt(pass)
     * @param ridge         L2 weight on the user vector
     * @param poolSize      unrated items drawn per pass
     * @param dislikeWeight weight of the two dislike groups relative to liked > unrated
     */
    public record Settings(int passes, float learningRate, float ridge, int poolSize, float dislikeWeight) {
        public Settings {
            if (passes < 0 || poolSize < 1 || !(learningRate > 0) || !(ridge >= 0) || !(dislikeWeight >= 0)) {
                throw new IllegalArgumentException("fold-in settings out of range: " + passes + " passes, lr "
                        + learningRate + ", ridge " + ridge + ", pool " + poolSize + ", dislike weight " + dislikeWeight);
            }
        }

        /**
         * Tuned on MovieLens 100k ua: users folded in from their ua.base likes and dislikes, ndcg@10 on ua.test
         * against the trained vectors' (the figure is in docs/SERVING.md; more passes gave no more, a light ridge
         * run longer gave less). The ridge looks large only because the loss is a mean over pairs; it pulls a user
         * with few likes towards the items' biases (popularity), which is where a trained user with few ratings
         * sits too. Dislikes weigh less than likes because "liked > unrated" carries most of what ranks the top of
         * the list.
         */
        public static Settings defaults() {
            return new Settings(8, 0.5f, 2f, 128, 0.25f);
        }

        /**
         * Each channel of a model with channels ({@code ChannelTrainer}): half the passes at twice the step, and a
         * ridge per unit of the channel's spread (see {@link FoldIn#FoldIn(EmbeddingModel, Settings)}). Chosen on a
         * validation split of MovieLens 100k ua.base: of the constants tried, the one whose worst ratio of folded-in
         * to trained ndcg@10 over the channel configs (the {@code balanced} and {@code cautious} presets, the
         * tuned config, the default preset with an exposure channel) is highest, since they want different
         * constants (docs/QUALITY.md). A channel model trained with a smooth loss keeps long user vectors, and the
         * plain ridge held its folded-in users at a fraction of their length, close to the bare popularity of the
         * item biases.
         */
        public static Settings channelDefaults() {
            return new Settings(4, 1f, 1.5f, 128, 0.25f);
        }

        Settings withRidge(float newRidge) {
            return new Settings(passes, learningRate, newRidge, poolSize, dislikeWeight);
        }
    }

    private final EmbeddingModel model;
    private final Settings settings;
    private final Loss loss;
    private final float margin;
    private final boolean hinge;
    private final FoldIn[] channels;       // per channel of a model with channels, else null
    private final float[] channelWeights;

    /** {@link Settings#defaults()}, or {@link Settings#channelDefaults()} for a model with channels. */
    public FoldIn(EmbeddingModel model) {
        this(model, hasChannels(model) ? Settings.channelDefaults() : Settings.defaults());
    }

    /**
     * A model with channels is folded into each channel with these settings, but with the ridge divided by the
     * channel's spread: the mean squared norm of the trained users' vectors in that channel (users whose part is
     * zero left out; 1 when there are none). The ridge is then a prior as wide as the users the channel learned,
     * whatever its loss and weight: a channel whose users sit far from the origin is held back less.
     */
    public FoldIn(EmbeddingModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        TrainerConfig config = model.info() == null ? null : model.info().config();
        this.loss = config == null ? Loss.MARGIN : config.loss();
        this.margin = config == null ? 1f : config.margin();
        this.hinge = loss == Loss.MARGIN;
        if (hasChannels(model)) {
            int d = config.dim();
            int k = config.modelDim() / d;
            channelWeights = new float[k];
            int c = 0;
            channelWeights[c++] = 1f;
            if (config.exposureWeight() > 0) {
                channelWeights[c++] = config.exposureWeight();
            }
            if (config.dislikeWeight() > 0) {
                channelWeights[c] = config.dislikeWeight();
            }
            channels = new FoldIn[k];
            for (c = 0; c < k; c++) {
                float ridge = (float) (settings.ridge / spread(model, d, c, channelWeights[c]));
                channels[c] = new FoldIn(block(model, d, c, c == 0), settings.withRidge(ridge));
            }
        } else {
            channels = null;
            channelWeights = null;
        }
    }

    /** Whether the model joins channels (and is not one channel's block). */
    private static boolean hasChannels(EmbeddingModel model) {
        TrainerConfig config = model.info() == null ? null : model.info().config();
        return config != null && config.hasChannels() && model.dim() == config.modelDim();
    }

    /**
     * The mean squared norm of the trained users' vectors in channel c of a joined model (whose user columns
     * hold the channel's vectors times its weight), over the users whose part is not zero; 1 without any.
     */
    static double spread(EmbeddingModel joined, int d, int c, float weight) {
        int dim = joined.dim();
        float[] u = joined.userFactors();
        int rows = u.length / dim;
        double sum = 0;
        int users = 0;
        for (int r = 0; r < rows; r++) {
            double sq = Vectors.dot(u, r * dim + c * d, u, r * dim + c * d, d);
            if (sq > 0) {
                sum += sq;
                users++;
            }
        }
        return users == 0 ? 1.0 : sum / users / ((double) weight * weight);
    }

    /**
     * Channel c of a joined model as a model of its own, for folding in: its item columns, and the joined item
     * bias for the main channel (c = 0) alone. No user rows: folding in needs none.
     */
    private static EmbeddingModel block(EmbeddingModel joined, int d, int c, boolean withBias) {
        int dim = joined.dim();
        float[] all = joined.itemFactors();
        float[] items = new float[joined.numItems() * d];
        for (int i = 0; i < joined.numItems(); i++) {
            System.arraycopy(all, i * dim + c * d, items, i * d, d);
        }
        // the block folds in with its channel's own loss and margin (the channels may train with a loss of their own)
        TrainerConfig config = joined.info().config();
        return new EmbeddingModel(d, new float[0], items, withBias ? joined.itemBias() : null,
                new org.tripletrec.data.IdIndex(), joined.items(),
                joined.info().withConfig(c == 0 ? config : config.forChannel()));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The fitted vector (model dimension). Indices are dense item indices; repeats are ignored. An item may not be
     * both liked and disliked. With both lists empty the vector is zero, which ranks items by bias alone.
     */
    public float[] userVector(int[] liked, int[] disliked) {
        int[] pos = distinctSorted(liked);
        int[] neg = distinctSorted(disliked);
        for (int i : neg) {
            if (Arrays.binarySearch(pos, i) >= 0) {
                throw new IllegalArgumentException("item index " + i + " is both liked and disliked");
            }
        }
        if (channels != null) {
            return channelVector(pos, neg);
        }
        int dim = model.dim();
        float[] w = new float[dim];
        int unrated = model.numItems() - pos.length - neg.length;
        if (pos.length + neg.length == 0 || unrated <= 0) {
            return w;
        }
        SplittableRandom rng = new SplittableRandom(seed(pos, neg));
        Pass pass = new Pass(pos, neg, Math.min(settings.poolSize, unrated), dim);
        for (int t = 1; t <= settings.passes; t++) {
            pass.draw(rng, model.numItems());
            pass.gradient(w);
            float step = settings.learningRate / (float) Math.sqrt(t);
            Vectors.axpy(-step, pass.grad, 0, w, 0, dim);
        }
        return w;
    }

    /**
     * A user of a model with channels is folded into each channel with that channel's question, and the parts are
     * joined as training joins them: the main channel from the likes above unrated items above the dislikes, the
     * exposure channel from every rated item (liked or disliked) above unrated ones, the preference channel from
     * the likes above the dislikes (and unrated items between them). Folding one vector into all the joined
     * columns at once fits the channels' weights badly from a handful of ratings.
     */
    private float[] channelVector(int[] pos, int[] neg) {
        int k = channels.length;
        int d = model.dim() / k;
        float[] w = new float[model.dim()];
        int[] rated = distinctSorted(java.util.stream.IntStream.concat(Arrays.stream(pos), Arrays.stream(neg)).toArray());
        TrainerConfig config = model.info().config();
        for (int c = 0; c < k; c++) {
            boolean exposure = c == 1 && config.exposureWeight() > 0;
            float[] part = exposure ? channels[c].userVector(rated, new int[0]) : channels[c].userVector(pos, neg);
            for (int j = 0; j < d; j++) {
                w[c * d + j] = channelWeights[c] * part[j];
            }
        }
        return w;
    }

    /** {@link #userVector(int[], int[])} from views on a user's rows (an {@code Interactions}' likes and dislikes). */
    public float[] userVector(IntView liked, IntView disliked) {
        return userVector(liked.toArray(), disliked.toArray());
    }

    /**
     * The n best items for the folded-in user, never one of the liked or disliked items: the library form of
     * {@code POST /v1/recommendations} and {@code tripletrec recommend --like ... --dislike ...}.
     */
    public List<Scored> recommend(Recommender recommender, int[] liked, int[] disliked, int n) {
        return recommend(recommender, liked, disliked, n, ItemFilter.all());
    }

    /** The same among the items {@code filter} allows (user -1): a request's own filters, say. */
    public List<Scored> recommend(Recommender recommender, int[] liked, int[] disliked, int n, ItemFilter filter) {
        if (recommender.model() != model) {
            throw new IllegalArgumentException("the recommender serves another model than this fold-in");
        }
        float[] w = userVector(liked, disliked);
        int[] rated = new int[liked.length + disliked.length];
        System.arraycopy(liked, 0, rated, 0, liked.length);
        System.arraycopy(disliked, 0, rated, liked.length, disliked.length);
        return recommender.recommend(w, n, ItemFilter.excluding(rated).and(filter));
    }

    /** The mutable work of one call: pool, scores, per-item coefficients and the gradient. */
    private final class Pass {
        final int[] pos, neg, pool;
        final float[] sPos, sNeg, sPool, cPos, cNeg, cPool, grad, tmp;

        Pass(int[] pos, int[] neg, int poolSize, int dim) {
            this.pos = pos;
            this.neg = neg;
            pool = new int[poolSize];
            sPos = new float[pos.length];
            sNeg = new float[neg.length];
            sPool = new float[poolSize];
            cPos = new float[pos.length];
            cNeg = new float[neg.length];
            cPool = new float[poolSize];
            tmp = new float[poolSize];
            grad = new float[dim];
        }

        /** A uniform sample (with replacement) of items neither liked nor disliked. */
        void draw(SplittableRandom rng, int numItems) {
            for (int j = 0; j < pool.length; j++) {
                int i;
                do {
                    i = rng.nextInt(numItems);
                } while (Arrays.binarySearch(pos, i) >= 0 || Arrays.binarySearch(neg, i) >= 0);
                pool[j] = i;
            }
        }

        /** Fills {@link #grad} with the gradient of the mean weighted loss plus the ridge at {@code w}. */
        void gradient(float[] w) {
            score(w, pos, sPos);
            score(w, neg, sNeg);
            score(w, pool, sPool);
            Arrays.fill(cPos, 0f);
            Arrays.fill(cNeg, 0f);
            Arrays.fill(cPool, 0f);
            int numItems = model.numItems();
            if (pos.length > 0) {
                // liked > unrated, each liked item weighted by ln(estimated rank), spread over its violators
                float groupScale = 1f / pos.length;
                float[] d = tmp;
                for (int p = 0; p < pos.length; p++) {
                    // one pass: the loss slope of every pair, and how many unrated items outrank p (WARP's rank)
                    int violators = 0;
                    float sum = 0f;
                    float sp = sPos[p];
                    for (int n = 0; n < pool.length; n++) {
                        float x = sp - sPool[n];
                        violators += x < margin ? 1 : 0;
                        d[n] = slope(x);
                        sum += d[n];
                    }
                    double rank = 1.0 + (double) violators * (numItems - 1) / pool.length;
                    float weight = groupScale * (float) Math.log(1.0 + rank) / pool.length;
                    cPos[p] += weight * sum;
                    for (int n = 0; n < pool.length; n++) {
                        cPool[n] -= weight * d[n];
                    }
                }
            }
            if (neg.length > 0) {
                float scale = settings.dislikeWeight / ((float) neg.length * pool.length);
                for (int n = 0; n < neg.length; n++) {
                    for (int q = 0; q < pool.length; q++) {
                        float d = scale * slope(sPool[q] - sNeg[n]);
                        cPool[q] += d;
                        cNeg[n] -= d;
                    }
                }
                if (pos.length > 0) {
                    float pairScale = settings.dislikeWeight / ((float) neg.length * pos.length);
                    for (int p = 0; p < pos.length; p++) {
                        for (int n = 0; n < neg.length; n++) {
                            float d = pairScale * slope(sPos[p] - sNeg[n]);
                            cPos[p] += d;
                            cNeg[n] -= d;
                        }
                    }
                }
            }
            int dim = grad.length;
            for (int j = 0; j < dim; j++) {
                grad[j] = settings.ridge * w[j];
            }
            accumulate(pos, cPos);
            accumulate(neg, cNeg);
            accumulate(pool, cPool);
        }

        private void score(float[] w, int[] items, float[] out) {
            float[] v = model.itemFactors();
            int dim = w.length;
            for (int j = 0; j < items.length; j++) {
                out[j] = Vectors.dot(w, 0, v, items[j] * dim, dim) + model.bias(items[j]);
            }
        }

        private void accumulate(int[] items, float[] coef) {
            float[] v = model.itemFactors();
            int dim = grad.length;
            for (int j = 0; j < items.length; j++) {
                if (coef[j] != 0f) {
                    Vectors.axpy(coef[j], v, items[j] * dim, grad, 0, dim);
                }
            }
        }
    }

    /** dL/dx; the hinge, the default preset's loss, without the call and the doubles of the general path. */
    private float slope(float x) {
        if (hinge) {
            return x < margin ? -1f : 0f;
        }
        return (float) loss.derivative(x, margin);
    }

    private int[] distinctSorted(int[] items) {
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int j = 0; j < sorted.length; j++) {
            int i = sorted[j];
            if (i < 0 || i >= model.numItems()) {
                throw new IllegalArgumentException("no item with index " + i);
            }
            if (n == 0 || sorted[n - 1] != i) {
                sorted[n++] = i;
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** A seed that depends on the sets only, not on their order or repeats. */
    private static long seed(int[] pos, int[] neg) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i : pos) {
            h = (h ^ i) * 0xBF58476D1CE4E5B9L;
        }
        h = (h ^ 0xFFL) * 0x94D049BB133111EBL;
        for (int i : neg) {
            h = (h ^ i) * 0xBF58476D1CE4E5B9L;
        }
        return h ^ (h >>> 31);
    }
}
