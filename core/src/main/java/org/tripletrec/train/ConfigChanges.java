package org.tripletrec.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Changes to a config given as key-value text, in the keys of {@link TrainerConfig#toProperties()} (the
 * {@code config} object of a metrics file, what {@code tripletrec tune --out} writes): the shared reading of
 * config files for every command that trains. Strict, unlike reading a model file's header: an unknown key or a
 * value of the wrong type is an error that names the key, never silently ignored.
 */
public final class ConfigChanges {
    private static final Set<String> WHOLE = Set.of("dim", "epochs", "batch_size", "threads", "seed");
    private static final Set<String> BOOLEAN = Set.of("item_bias", "user_ids", "item_ids", "feature_normalization");
    private static final Set<String> WHOLE_CONFIG = Set.of("loss", "learning_rate", "user_reg", "item_reg",
            "exposure_weight", "dislike_weight");
    private static final Set<String> TEXT = Set.of("optimizer", "loss", "sampler", "order", "channel_loss");

    private ConfigChanges() {}

    /**
     * {@code base} with every key of {@code changes} set.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key, a value that is not of the key's type,
     *                                  or a resulting config that is invalid
     */
    public static TrainerConfig apply(TrainerConfig base, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(base.toProperties());
        // Changes that set the main model's loss, learning rate and L2 and both channel weights are a whole config
        // (as tune and the metrics file write it, whose channels' own keys are written only when set): a channel
        // key left out of them is unset, not the base's.
        if (changes.keySet().containsAll(WHOLE_CONFIG)) {
            merged.keySet().removeAll(TrainerConfig.CHANNEL_KEYS);
        }
        for (Map.Entry<String, String> e : changes.entrySet()) {
            String key = e.getKey();
            if (!merged.containsKey(key) && !TrainerConfig.CHANNEL_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown config key '" + key + "' (known: "
                        + String.join(", ", known(merged)) + ")");
            }
            merged.put(key, check(key, e.getValue()));
        }
        try {
            return TrainerConfig.fromProperties(merged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config: " + e.getMessage(), e);
        }
    }

    private static java.util.Set<String> known(Map<String, String> properties) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(properties.keySet());
        keys.addAll(TrainerConfig.CHANNEL_KEYS);
        return keys;
    }

    /** The value, trimmed, if it has the key's type. */
    private static String check(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("config key '" + key + "' has no value");
        }
        String v = value.strip();
        if (TEXT.contains(key)) {
            return v;
        }
        if (BOOLEAN.contains(key)) {
            String lower = v.toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw new IllegalArgumentException("config key '" + key + "' must be true or false, got '" + v + "'");
            }
            return lower;
        }
        try {
            if (key.equals("seed")) {
                Long.parseLong(v);
            } else if (WHOLE.contains(key)) {
                Integer.parseInt(v);
            } else if (!Double.isFinite(Double.parseDouble(v))) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key '" + key + "' must be a"
                    + (WHOLE.contains(key) ? " whole number" : " number") + ", got '" + v + "'");
        }
        return v;
    }
}
