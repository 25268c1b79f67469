package org.tripletrec.model;

import java.time.Instant;
import java.util.Map;
import org.tripletrec.train.TrainerConfig;

/**
 * Where a model came from: the full training configuration, a fingerprint of the training data, the library
 * version that trained it, when, and the metrics measured at the end of training (may be empty).
 */
public record ModelInfo(int formatVersion, TrainerConfig config, String dataFingerprint, String libraryVersion,
                        Instant trainedAt, Map<String, Double> metrics) {
    public ModelInfo {
        metrics = Map.copyOf(metrics);
    }

    public ModelInfo withMetrics(Map<String, Double> newMetrics) {
        return new ModelInfo(formatVersion, config, dataFingerprint, libraryVersion, trainedAt, newMetrics);
    }

    public ModelInfo withConfig(TrainerConfig newConfig) {
        return new ModelInfo(formatVersion, newConfig, dataFingerprint, libraryVersion, trainedAt, metrics);
    }
}
