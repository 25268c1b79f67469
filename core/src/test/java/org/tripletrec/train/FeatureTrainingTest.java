package org.tripletrec.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SideFeatures;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.sampling.SplitMix;
import org.tripletrec.sampling.TripletSampler;

class FeatureTrainingTest {
    private static final int DIM = 3;

    /** Users 0, 1 with features; items 0, 1, 2 sharing features; user 0 likes item 0. */
    private static FeatureMatrix userMatrix() {
        SideFeatures f = new SideFeatures.Builder("u").put("u0", "age:a", 1f).put("u0", "gender:x", 2f)
                .put("u1", "age:a", 1f).build();
        return FeatureMatrix.build(IdIndex.of(List.of("u0", "u1")), f, true, true, new IdIndex()).matrix();
    }

    private static FeatureMatrix itemMatrix() {
        SideFeatures f = new SideFeatures.Builder("i").put("i0", "g:1", 1f).put("i0", "g:2", 1f)
                .put("i1", "g:2", 1f).put("i2", "g:1", 0.5f).build();
        return FeatureMatrix.build(IdIndex.of(List.of("i0", "i1", "i2")), f, true, true, new IdIndex()).matrix();
    }

    /** x = u . (p - n) + b(p) - b(n) over composed vectors, in double. */
    private static double margin(FeatureMatrix uf, FeatureMatrix itf, float[] up, float[] ip, float[] ib,
                                 int u, int p, int n) {
        double[] cu = compose(uf, up, u), cp = compose(itf, ip, p), cn = compose(itf, ip, n);
        double x = 0;
        for (int j = 0; j < DIM; j++) {
            x += cu[j] * (cp[j] - cn[j]);
        }
        return x + composeBias(itf, ib, p) - composeBias(itf, ib, n);
    }

    private static double[] compose(FeatureMatrix m, float[] params, int r) {
        return compose(m, params, r, m.start(r));
    }

    /** Entity r's vector from its entries {@code first ..}: all of them, or its features alone. */
    private static double[] compose(FeatureMatrix m, float[] params, int r, int first) {
        double[] v = new double[DIM];
        for (int k = first; k < m.end(r); k++) {
            for (int j = 0; j < DIM; j++) {
                v[j] += m.weight(k) * (double) params[m.paramRow(k) * DIM + j];
            }
        }
        return v;
    }

    private static double composeBias(FeatureMatrix m, float[] bias, int r) {
        return composeBias(m, bias, r, m.start(r));
    }

    private static double composeBias(FeatureMatrix m, float[] bias, int r, int first) {
        double b = 0;
        for (int k = first; k < m.end(r); k++) {
            b += m.weight(k) * (double) bias[m.paramRow(k)];
        }
        return b;
    }

    private static double bprLoss(double x) {
        return Math.log1p(Math.exp(-x));
    }

    /** x of the new-item term: the composed user against both items composed from their features alone. */
    private static double newItemMargin(FeatureMatrix uf, FeatureMatrix itf, float[] up, float[] ip, float[] ib,
                                        int u, int p, int n) {
        double[] cu = compose(uf, up, u);
        double[] cp = compose(itf, ip, p, itf.featureStart(p)), cn = compose(itf, ip, n, itf.featureStart(n));
        double x = 0;
        for (int j = 0; j < DIM; j++) {
            x += cu[j] * (cp[j] - cn[j]);
        }
        return x + composeBias(itf, ib, p, itf.featureStart(p)) - composeBias(itf, ib, n, itf.featureStart(n));
    }

    @Test
    void oneStepMovesEveryParameterRowAlongTheFiniteDifferenceGradient() {
        for (boolean dislikedNegative : new boolean[] {false, true}) {
            for (float newItemWeight : new float[] {0f, 0.7f}) {
                for (float reg : new float[] {0f, 0.05f}) {
                    oneStep(dislikedNegative, newItemWeight, reg);
                }
            }
        }
    }

    /**
     * One SGD step of triplet (u0, i0, i2). With the new-item term on and i2 a dislike of u0, the item rows and
     * biases also descend newItemWeight times the gradient of the term's loss, and the user rows do not. With L2
     * {@code reg} on both tables, every row the triplet touches also descends its penalty's gradient: reg times
     * the row for an id row, {@link Worker#USER_FEATURE_REG_SCALE} or {@link Worker#FEATURE_REG_SCALE} times that
     * for a user or an item feature's row; biases are not penalised, and the id rows of u1 and i1 stay put.
     */
    private void oneStep(boolean dislikedNegative, float newItemWeight, float reg) {
        FeatureMatrix uf = userMatrix(), itf = itemMatrix();
        SplitMix rng = new SplitMix(3);
        float[] up = new float[uf.numParams() * DIM], ip = new float[itf.numParams() * DIM];
        float[] ib = new float[itf.numParams()];
        for (float[] t : new float[][] {up, ip, ib}) {
            for (int k = 0; k < t.length; k++) {
                t[k] = (float) (rng.nextDouble() - 0.5);
            }
        }
        RatingLog.Builder log = new RatingLog.Builder();
        log.add(0, 0, 5, 0);
        if (dislikedNegative) {
            log.add(0, 2, 1, 0);
        }
        Interactions data = Interactions.of(log.build(), new FeedbackPolicy(5, 2), 2, 3);
        float lr = 0.01f;
        TrainerConfig c = Presets.single().toBuilder().dim(DIM).optimizer(OptimizerKind.SGD).learningRate(lr)
                .loss(Loss.BPR).userReg(reg).itemReg(reg).batchSize(1).newItemWeight(newItemWeight).build();
        boolean newItemTerm = dislikedNegative && newItemWeight > 0;
        // numeric gradient of the loss of triplet (0, 0, 2) for every parameter; the new-item term's for the
        // item tables only (it holds the user fixed)
        float[][] tables = {up, ip, ib};
        double[][] grad = new double[3][];
        double h = 1e-3, largestNewItemPart = 0;
        for (int t = 0; t < 3; t++) {
            grad[t] = new double[tables[t].length];
            for (int k = 0; k < tables[t].length; k++) {
                float keep = tables[t][k];
                tables[t][k] = (float) (keep + h);
                double plus = bprLoss(margin(uf, itf, up, ip, ib, 0, 0, 2));
                double plusNew = bprLoss(newItemMargin(uf, itf, up, ip, ib, 0, 0, 2));
                tables[t][k] = (float) (keep - h);
                double minus = bprLoss(margin(uf, itf, up, ip, ib, 0, 0, 2));
                double minusNew = bprLoss(newItemMargin(uf, itf, up, ip, ib, 0, 0, 2));
                tables[t][k] = keep;
                grad[t][k] = (plus - minus) / (2 * h) + penalty(t, k / DIM, uf, itf, reg) * keep;
                if (newItemTerm && t > 0) {
                    double part = newItemWeight * (plusNew - minusNew) / (2 * h);
                    grad[t][k] += part;
                    largestNewItemPart = Math.max(largestNewItemPart, Math.abs(part));
                }
            }
        }
        float[][] before = {up.clone(), ip.clone(), ib.clone()};
        TableState users = new TableState(up, null, OptimizerKind.SGD, lr);
        TableState items = new TableState(ip, ib, OptimizerKind.SGD, lr);
        TripletSampler fixed = (anchor, user, positive, r, out) -> {
            out.set(user, positive, 2, 1f);
            return true;
        };
        Worker w = new Worker(c, data, users, items, uf, itf, fixed, false, Kernel.fastest());
        w.run(new int[] {0}, 0, 1, new SplitMix(1), new AtomicLong(), new AtomicLong(), 1,
                TrainingListener.NONE);
        int moved = 0;
        for (int t = 0; t < 3; t++) {
            for (int k = 0; k < tables[t].length; k++) {
                double step = tables[t][k] - before[t][k];
                assertThat(step).as("table %d parameter %d, disliked %s, weight %s, reg %s", t, k,
                        dislikedNegative, newItemWeight, reg).isCloseTo(-lr * grad[t][k], within(2e-6));
                if (Math.abs(grad[t][k]) > 1e-4) {
                    moved++;
                }
            }
        }
        assertThat(moved).as("parameters with a gradient").isGreaterThan(10);
        if (newItemTerm) {
            // the term's share of the step is far above the tolerance: the check above tells it apart
            assertThat(lr * largestNewItemPart).isGreaterThan(100 * 2e-6);
        }
    }

    /** The L2 weight of row {@code row} of table t (users, items, item biases) in {@link #oneStep}. */
    private static double penalty(int t, int row, FeatureMatrix uf, FeatureMatrix itf, float reg) {
        if (t == 2 || row == 1) { // biases are not penalised; u1 and i1 are not in the triplet
            return 0;
        }
        FeatureMatrix m = t == 0 ? uf : itf;
        float scale = t == 0 ? Worker.USER_FEATURE_REG_SCALE : Worker.FEATURE_REG_SCALE;
        return row >= m.featureParam(0) ? reg * scale : reg;
    }

    /** 40 users of two taste groups over items 0..29 (group = item < 15), items 30..39 never rated. */
    static Interactions planted() {
        return TrainerTest.planted(1).numItems() == 30 ? widen(TrainerTest.planted(1)) : null;
    }

    private static Interactions widen(Interactions d) {
        RatingLog.Builder b = new RatingLog.Builder();
        for (int u = 0; u < d.numUsers(); u++) {
            var rated = d.rated(u);
            for (int j = 0; j < rated.size(); j++) {
                b.add(u, rated.get(j), d.ratedValue(u, j), 0);
            }
        }
        return Interactions.of(b.build(), d.policy(), d.numUsers(), 40);
    }

    static FeatureMatrix groupFeatures(IdIndex items) {
        SideFeatures.Builder f = new SideFeatures.Builder("groups");
        for (int i = 0; i < 40; i++) {
            boolean first = i < 30 ? i < 15 : i < 35;
            f.put("i" + i, first ? "group:a" : "group:b", 1f);
        }
        return FeatureMatrix.build(items, f.build(), true, true, new IdIndex()).matrix();
    }

    @Test
    void itemsNobodyRatedAreRankedByTheirFeaturesWithEverySamplerAndOptimiser() {
        Interactions d = planted();
        IdIndex users = TrainerTest.ids("u", 40), items = TrainerTest.ids("i", 40);
        FeatureMatrix itf = groupFeatures(items);
        record Setup(String sampler, OptimizerKind opt, int batch, int threads, float lr) {}
        for (Setup s : List.of(new Setup(Presets.DEFAULT_SAMPLER, OptimizerKind.ADAGRAD, 1, 1, 0.1f),
                new Setup(Presets.DEFAULT_SAMPLER, OptimizerKind.ADAGRAD, 1, 2, 0.1f),
                new Setup("unrated", OptimizerKind.SGD, 1, 2, 0.2f),
                new Setup("explicit", OptimizerKind.ADAM, 4, 1, 0.1f),
                new Setup("mixed", OptimizerKind.LAZY_ADAM, 4, 1, 0.05f))) {
            TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(30).sampler(s.sampler).optimizer(s.opt)
                    .batchSize(s.batch).threads(s.threads).learningRate(s.lr).build();
            EmbeddingModel m = new Trainer(c).fit(TrainingInput.of(d, users, items, "t").withFeatures(null, itf),
                    TrainingListener.NONE);
            assertThat(m.features()).isNotNull();
            assertThat(m.features().itemParams()).hasSize(itf.numParams() * 8);
            int correct = 0, total = 0;
            for (int u = 0; u < 40; u++) {
                for (int a = 30; a < 35; a++) {
                    for (int b = 35; b < 40; b++) {
                        boolean groupA = u % 2 == 0;
                        total++;
                        if ((m.score(u, a) > m.score(u, b)) == groupA) {
                            correct++;
                        }
                    }
                }
            }
            // Hogwild threads interleave differently from run to run: a looser floor with two
            assertThat(correct / (double) total).as(s.toString()).isGreaterThan(s.threads == 1 ? 0.9 : 0.8);
            // the composed table the model scores with is the composition of the trained parameters
            float[] v = new float[8];
            itf.compose(m.features().itemParams(), 8, 3, v, 0);
            assertThat(m.itemVector(3)).containsExactly(v);
            // items nobody rated were never drawn: their id rows are still zero, so each is what its features
            // make of a new item, while the feature rows did learn
            for (int i = 30; i < 40; i++) {
                assertThat(java.util.Arrays.copyOfRange(m.features().itemParams(), i * 8, i * 8 + 8))
                        .as("id row of item %d", i).containsOnly(0f);
                float[] fresh = new float[8];
                float bias = m.features().composeNewItem(new int[] {itf.feature(i, 0)}, new float[] {1f}, 8, fresh);
                assertThat(m.itemVector(i)).as("item %d", i).containsExactly(fresh);
                assertThat(m.bias(i)).isEqualTo(bias);
            }
        }
    }

    @Test
    void userFeaturesOnlyWithoutIdsTrainAndOneThreadRepeats() {
        Interactions d = TrainerTest.planted(2);
        IdIndex users = TrainerTest.ids("u", 40), items = TrainerTest.ids("i", 30);
        SideFeatures.Builder f = new SideFeatures.Builder("taste");
        for (int u = 0; u < 40; u++) {
            f.put("u" + u, u % 2 == 0 ? "taste:a" : "taste:b", 1f);
        }
        FeatureMatrix uf = FeatureMatrix.build(users, f.build(), false, true, new IdIndex()).matrix();
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(20).seed(5).userIds(false).build();
        TrainingInput in = TrainingInput.of(d, users, items, "t").withFeatures(uf, null);
        EmbeddingModel a = new Trainer(c).fit(in, TrainingListener.NONE);
        EmbeddingModel b = new Trainer(c).fit(in, TrainingListener.NONE);
        assertThat(a.userFactors()).containsExactly(b.userFactors());
        assertThat(a.itemFactors()).containsExactly(b.itemFactors());
        // two users of one taste have the same features only: the same vector
        assertThat(a.userVector(0)).containsExactly(a.userVector(2));
        assertThat(a.score(0, 0)).isGreaterThan(a.score(0, 20));
        assertThat(a.score(1, 20)).isGreaterThan(a.score(1, 0));
    }

    @Test
    void aWarmStartContinuesFromTheGivenTablesAndOptimiserStateOnTheGivenAnchors() {
        Interactions d = TrainerTest.planted(3);
        IdIndex users = TrainerTest.ids("u", 40), items = TrainerTest.ids("i", 30);
        TrainerConfig c = Presets.single().toBuilder().dim(8).epochs(5).build();
        EmbeddingModel first = new Trainer(c).fit(TrainingInput.of(d, users, items, "t"), TrainingListener.NONE);
        OptimizerState state = first.optimizerState();
        assertThat(state.kind()).isEqualTo(OptimizerKind.ADAGRAD);
        assertThat(state.items()[0]).hasSize(30 * 8);
        // zero epochs from a warm start: the tables come back as they were
        TrainerConfig none = c.toBuilder().epochs(0).build();
        EmbeddingModel same = new Trainer(none).fit(TrainingInput.of(d, users, items, "t").withStart(
                new TrainingInput.WarmStart(first.userFactors().clone(), first.itemFactors().clone(),
                        first.itemBias().clone(), state)), TrainingListener.NONE);
        assertThat(same.itemFactors()).containsExactly(first.itemFactors());
        // two anchors an epoch: at most two triplets an epoch, and only rows of their users move
        long[] triplets = new long[1];
        TrainingListener count = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats, EmbeddingModel model) {
                triplets[0] += stats.triplets() + stats.skipped();
            }
        };
        int[] anchors = {d.anchorStart(4), d.anchorStart(4) + 1};
        float[] userStart = first.userFactors().clone();
        EmbeddingModel more = new Trainer(c).fit(TrainingInput.of(d, users, items, "t").withAnchors(anchors)
                .withStart(new TrainingInput.WarmStart(userStart, first.itemFactors().clone(),
                        first.itemBias().clone(), state)), count);
        assertThat(triplets[0]).isEqualTo(2L * c.epochs());
        for (int u = 0; u < 40; u++) {
            float[] was = java.util.Arrays.copyOfRange(first.userFactors(), u * 8, u * 8 + 8);
            if (u != 4) {
                assertThat(more.userVector(u)).as("user %d", u).containsExactly(was);
            }
        }
        assertThat(more.optimizerState().steps()).isEqualTo(state.steps());
    }
}
