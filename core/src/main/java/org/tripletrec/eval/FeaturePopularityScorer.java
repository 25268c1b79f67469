package org.tripletrec.eval;

import org.tripletrec.data.Interactions;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.Scorer;

/**
 * The cold-start baseline "genre popularity", for any item features: an item's score is the mean, over its
 * features, of the feature's train likes per train item (train likes of the items with that feature, divided by
 * the number of items with that feature that have a train rating). With a genres-only feature file it is the
 * protocol's genre-popularity baseline. The same scores for every user; an item without features scores 0.
 */
public final class FeaturePopularityScorer implements Scorer {
    private final int numUsers;
    private final float[] scores;

    public FeaturePopularityScorer(Interactions train, FeatureMatrix items) {
        if (items.numRows() != train.numItems()) {
            throw new IllegalArgumentException("feature rows do not match the catalogue");
        }
        numUsers = train.numUsers();
        int[] likes = train.itemPositiveCounts();
        boolean[] rated = new boolean[train.numItems()];
        for (int u = 0; u < train.numUsers(); u++) {
            var row = train.rated(u);
            for (int j = 0; j < row.size(); j++) {
                rated[row.get(j)] = true;
            }
        }
        double[] featureLikes = new double[items.numFeatures()];
        int[] featureItems = new int[items.numFeatures()];
        for (int i = 0; i < items.numRows(); i++) {
            if (!rated[i]) {
                continue;
            }
            for (int j = 0; j < items.featureCount(i); j++) {
                int f = items.feature(i, j);
                featureLikes[f] += likes[i];
                featureItems[f]++;
            }
        }
        scores = new float[items.numRows()];
        for (int i = 0; i < items.numRows(); i++) {
            int n = items.featureCount(i);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                int f = items.feature(i, j);
                sum += featureItems[f] == 0 ? 0 : featureLikes[f] / featureItems[f];
            }
            scores[i] = n == 0 ? 0f : (float) (sum / n);
        }
    }

    @Override public int numUsers() { return numUsers; }
    @Override public int numItems() { return scores.length; }

    @Override
    public void scoreAll(int u, float[] out) {
        System.arraycopy(scores, 0, out, 0, scores.length);
    }
}
