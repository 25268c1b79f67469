package org.tripletrec.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --metrics-out} file of {@code train}:
 * {@code {"epochs":[{"epoch":1,"train_seconds":..,"triplets":..,"skipped":..,"loss":..,"metrics":{..}}],
 * "final":{..}, "baselines":{"popularity":{..},"random":{..}}, "config":{..}, "data":{..}}}, metric keys as
 * {@link org.tripletrec.eval.Metrics} names them ({@code full_auc}, {@code ndcg@10}, ...). An epoch that was not
 * evaluated has no "metrics"; without test likes "final" and the baselines are empty objects.
 */
final class MetricsFile {
    private MetricsFile() {}

    static Map<String, Object> of(TrainingRun.Result r) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochRecord e : r.epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("train_seconds", e.stats().seconds());
            m.put("triplets", e.stats().triplets());
            m.put("skipped", e.stats().skipped());
            m.put("loss", e.stats().meanLoss());
            if (e.metrics() != null) {
                m.put("metrics", Json.metrics(e.metrics()));
            }
            epochs.add(m);
        }
        root.put("epochs", epochs);
        root.put("final", Json.metrics(r.finalMetrics()));
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("popularity", Json.metrics(r.popularity()));
        baselines.put("random", Json.metrics(r.random()));
        root.put("baselines", baselines);
        if (r.cold() != null) {
            root.put("cold", cold(r.cold()));
        }
        root.put("config", Json.config(r.preset(), r.config()));
        root.put("data", r.summary().toMap());
        return root;
    }

    /** {"items": N, "model": {...}, "feature_popularity": {...}, "random": {...}} */
    static Map<String, Object> cold(TrainingRun.ColdStart c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", c.items());
        m.put("model", Json.metrics(c.model()));
        if (c.featurePopularity() != null) {
            m.put("feature_popularity", Json.metrics(c.featurePopularity()));
        }
        m.put("random", Json.metrics(c.random()));
        return m;
    }

    static void write(Path file, TrainingRun.Result r) throws IOException {
        Json.write(file, of(r));
    }
}
