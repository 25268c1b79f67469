package org.tripletrec.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tripletrec.eval.Metrics;

class ObjectiveTest {
    private static Metrics m(double ndcg, double dislike, double posNeg) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("ndcg@10", ndcg);
        v.put("dislike@10", dislike);
        v.put("pos_neg_auc", posNeg);
        return new Metrics(v);
    }

    @Test
    void aMetricOrAWeightedSum() {
        Metrics x = m(0.25, 0.004, 0.8);
        assertThat(Objective.parse("ndcg@10").value(x)).isEqualTo(0.25);
        assertThat(Objective.parse("ndcg@10-10*dislike@10").value(x)).isCloseTo(0.25 - 0.04, within());
        assertThat(Objective.parse(" 0.5*ndcg@10 + 0.5 * pos_neg_auc ").value(x)).isCloseTo(0.525, within());
        assertThat(Objective.parse("-dislike@10").value(x)).isEqualTo(-0.004);
        assertThat(Objective.parse("ndcg@10-10*dislike@20").ks()).containsExactly(10, 20);
        assertThat(Objective.parse("pos_neg_auc").ks()).containsExactly(10);
    }

    @Test
    void malformedObjectivesAreRejected() {
        assertThatThrownBy(() -> Objective.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Objective.parse("ndcg@10 dislike@10")).hasMessageContaining("weighted sum");
        assertThatThrownBy(() -> Objective.parse("ndcg@10+")).hasMessageContaining("weighted sum");
        assertThatThrownBy(() -> Objective.parse("ndgc@10")).hasMessageContaining("unknown metric 'ndgc@10'");
        assertThatThrownBy(() -> Objective.parse("ndcg")).hasMessageContaining("unknown metric 'ndcg'");
        assertThatThrownBy(() -> Objective.parse("ndcg@10").withMax("dislike", 0.1))
                .hasMessageContaining("unknown metric");
    }

    @Test
    void resultsWithinTheBoundsComeFirstThenTheSmallestExcess() {
        Objective o = Objective.parse("ndcg@10").withMax("dislike@10", 0.004).withMin("pos_neg_auc", 0.8);
        Metrics accurateButRisky = m(0.30, 0.006, 0.85);
        Metrics safe = m(0.20, 0.003, 0.81);
        Metrics saferButWorse = m(0.18, 0.002, 0.82);
        Metrics slightlyOver = m(0.28, 0.0041, 0.85);
        assertThat(o.feasible(safe)).isTrue();
        assertThat(o.feasible(slightlyOver)).isFalse();
        assertThat(o.excess(accurateButRisky)).isCloseTo(0.5, within());
        List<Metrics> all = new ArrayList<>(List.of(accurateButRisky, saferButWorse, slightlyOver, safe));
        all.sort(o.bestFirst());
        assertThat(all).containsExactly(safe, saferButWorse, slightlyOver, accurateButRisky);
        assertThat(o.better(safe, null)).isTrue();
        assertThat(o.better(saferButWorse, safe)).isFalse();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }
}
