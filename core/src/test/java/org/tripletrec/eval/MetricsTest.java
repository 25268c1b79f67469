package org.tripletrec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private static Metrics metrics(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < nameValue.length; j += 2) {
            m.put((String) nameValue[j], ((Number) nameValue[j + 1]).doubleValue());
        }
        return new Metrics(m);
    }

    @Test
    void meanAveragesEachMetricInTheFirstResultsOrder() {
        Metrics mean = Metrics.mean(List.of(metrics("ndcg@10", 0.2, "users", 10), metrics("users", 20, "ndcg@10", 0.3)));
        assertThat(List.copyOf(mean.asMap().keySet())).containsExactly("ndcg@10", "users");
        assertThat(mean.get("ndcg@10")).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(mean.get("users")).isEqualTo(15.0);
        assertThatThrownBy(() -> Metrics.mean(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsOrderAndIsImmutable() {
        Map<String, Double> source = new LinkedHashMap<>();
        source.put("full_auc", 0.9);
        source.put("mrr", 0.25);
        source.put("users", 757.0);
        Metrics m = new Metrics(source);
        source.put("full_auc", 0.1); // a later change of the source must not leak in

        assertThat(m.get("full_auc")).isEqualTo(0.9);
        assertThat(List.copyOf(m.asMap().keySet())).containsExactly("full_auc", "mrr", "users");
        assertThat(m.users()).isEqualTo(757);
        assertThatThrownBy(() -> m.asMap().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.get("auc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full_auc");
        assertThat(m).hasToString("full_auc=0.9000 mrr=0.2500 users=757");
    }

    @Test
    void tableShowsColumnsSideBySide() {
        Metrics model = metrics("full_auc", 0.91234, "ndcg@10", 0.2, "users", 757);
        Metrics popularity = metrics("full_auc", 0.8825, "ndcg@10", 0.136, "users", 757);
        Metrics random = metrics("full_auc", 0.5, "users", 757, "pos_neg_auc", Double.NaN);

        String table = new MetricsTable().with("model", model).with("popularity", popularity)
                .with("random", random).format();

        assertThat(table).isEqualTo(String.join("\n",
                "metric        model  popularity  random",
                "full_auc     0.9123      0.8825  0.5000",
                "ndcg@10      0.2000      0.1360       -",
                "users           757         757     757",
                "pos_neg_auc       -           -     n/a",
                ""));
        assertThat(MetricsTable.of(Map.of("model", model)).rowNames()).containsExactly("full_auc", "ndcg@10", "users");
    }
}
