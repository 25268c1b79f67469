package org.tripletrec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.SideFeatures;

class FeatureMatrixTest {
    private static final IdIndex ITEMS = IdIndex.of(List.of("a", "b", "c"));

    private static SideFeatures features() {
        return new SideFeatures.Builder("t").put("a", "g1", 1f).put("a", "g2", 1f).put("b", "g2", 2f)
                .put("zz", "g3", 1f).build();
    }

    @Test
    void normalisedRowsKeepTheIdAtOneAndScaleTheFeaturesToUnitLength() {
        FeatureMatrix.Built built = FeatureMatrix.build(ITEMS, features(), true, true, new IdIndex());
        FeatureMatrix m = built.matrix();
        assertThat(built.unknownIds()).isEqualTo(1); // "zz" is not in the catalogue
        assertThat(m.numFeatures()).isEqualTo(3);    // its feature still enters the vocabulary
        assertThat(m.numParams()).isEqualTo(3 + 3);
        // a: id 1, g1 1/sqrt(2), g2 1/sqrt(2)
        assertThat(m.end(0) - m.start(0)).isEqualTo(3);
        assertThat(m.paramRow(m.start(0))).isEqualTo(0);
        assertThat(m.weight(m.start(0))).isEqualTo(1f);
        assertThat(m.paramRow(m.start(0) + 1)).isEqualTo(3 + m.features().indexOf("g1"));
        assertThat(m.weight(m.start(0) + 1)).isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
        assertThat(m.weight(m.start(0) + 2)).isCloseTo((float) Math.sqrt(0.5), within(1e-7f));
        assertThat(m.featureStart(0)).isEqualTo(m.start(0) + 1);
        // b: id 1, g2 given 2, divided by its length 2
        assertThat(m.weight(m.start(1))).isEqualTo(1f);
        assertThat(m.weight(m.start(1) + 1)).isEqualTo(1f);
        // c: no features, its id alone at weight 1
        assertThat(m.end(2) - m.start(2)).isEqualTo(1);
        assertThat(m.weight(m.start(2))).isEqualTo(1f);
        assertThat(m.hasFeature(0, m.features().indexOf("g1"))).isTrue();
        assertThat(m.hasFeature(1, m.features().indexOf("g1"))).isFalse();
    }

    @Test
    void theScaleIsOneOverTheEuclideanLengthOfTheWeights() {
        assertThat(FeatureMatrix.normalisationScale(new float[] {3f, 4f}, 0, 2)).isEqualTo(0.2f);
        assertThat(FeatureMatrix.normalisationScale(new float[] {9f, 3f, 4f, 9f}, 1, 3)).isEqualTo(0.2f);
        assertThat(FeatureMatrix.normalisationScale(new float[] {2f}, 0, 1)).isEqualTo(0.5f);
        assertThat(FeatureMatrix.normalisationScale(new float[0], 0, 0)).isEqualTo(1f);
    }

    @Test
    void countsTheEntitiesHavingEachFeature() {
        FeatureMatrix m = FeatureMatrix.build(ITEMS, features(), true, true, new IdIndex()).matrix();
        assertThat(m.rowsWith(m.features().indexOf("g1"))).isEqualTo(1); // a
        assertThat(m.rowsWith(m.features().indexOf("g2"))).isEqualTo(2); // a, b
        assertThat(m.rowsWith(m.features().indexOf("g3"))).isZero();     // only "zz", outside the catalogue
        assertThat(m.rowsWith(99)).isZero();
        assertThat(m.rowsWith(-1)).isZero();
        assertThat(m.rowsHaving(m.features().indexOf("g2")).toArray()).containsExactly(0, 1);
        assertThat(m.rowsHaving(m.features().indexOf("g1")).toArray()).containsExactly(0);
        assertThat(m.rowsHaving(m.features().indexOf("g3")).size()).isZero();
        assertThat(m.rowsHaving(99).size()).isZero();
    }

    @Test
    void withoutIdsOrNormalisationTheWeightsAreAsGiven() {
        FeatureMatrix m = FeatureMatrix.build(ITEMS, features(), false, false, new IdIndex()).matrix();
        assertThat(m.numParams()).isEqualTo(3);
        assertThat(m.end(1) - m.start(1)).isEqualTo(1);
        assertThat(m.weight(m.start(1))).isEqualTo(2f);
        assertThat(m.end(2) - m.start(2)).isZero(); // no id, no feature: the zero vector
        assertThat(m.featureStart(1)).isEqualTo(m.start(1));
    }

    @Test
    void composesVectorsAndBiasesAsTheWeightedSumOfRows() {
        FeatureMatrix m = FeatureMatrix.build(ITEMS, features(), true, true, new IdIndex()).matrix();
        int dim = 2;
        float[] params = new float[m.numParams() * dim];
        float[] bias = new float[m.numParams()];
        for (int r = 0; r < m.numParams(); r++) {
            params[r * dim] = r + 1;
            params[r * dim + 1] = -(r + 1);
            bias[r] = 10 * (r + 1);
        }
        float[] out = new float[dim];
        m.compose(params, dim, 0, out, 0);
        int g1 = m.featureParam(m.features().indexOf("g1")), g2 = m.featureParam(m.features().indexOf("g2"));
        float expected = (float) (1 + ((g1 + 1) + (g2 + 1)) / Math.sqrt(2));
        assertThat(out[0]).isCloseTo(expected, within(1e-6f));
        assertThat(out[1]).isCloseTo(-expected, within(1e-6f));
        assertThat(m.composeBias(bias, 0)).isCloseTo(10 * expected, within(1e-4f));
        float[] all = new float[3 * dim];
        m.composeAll(params, dim, all);
        assertThat(all[2 * dim]).isEqualTo(3f); // c = its own id row (row 2)
    }

    @Test
    void aGrowingVocabularyKeepsTheOldIndices() {
        IdIndex vocabulary = new IdIndex();
        FeatureMatrix.build(ITEMS, features(), true, true, vocabulary);
        int g2 = vocabulary.indexOf("g2");
        SideFeatures more = new SideFeatures.Builder("t2").put("c", "new", 1f).put("c", "g2", 1f).build();
        FeatureMatrix m = FeatureMatrix.build(ITEMS, more, true, true, vocabulary).matrix();
        assertThat(vocabulary.indexOf("g2")).isEqualTo(g2);
        assertThat(vocabulary.indexOf("new")).isEqualTo(3);
        assertThat(m.featureCount(2)).isEqualTo(2);
        assertThat(m.toSideFeatures(ITEMS, "x").of("c")).containsOnlyKeys("new", "g2");
    }
}
