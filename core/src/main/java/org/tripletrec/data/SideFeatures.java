package org.tripletrec.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Side features of users or of items, by raw id, as a feature file or a built-in source gives them: for each
 * id, its features (names such as {@code genre:Comedy}) with their weights, in the order first seen. Immutable.
 * {@link org.tripletrec.model.FeatureMatrix} turns them into the rows of a catalogue.
 */
public final class SideFeatures {
    private static final SideFeatures NONE = new SideFeatures("none", new LinkedHashMap<>());

    private final String source;
    private final Map<String, Map<String, Float>> rows;

    private SideFeatures(String source, LinkedHashMap<String, Map<String, Float>> rows) {
        this.source = source;
        this.rows = Collections.unmodifiableMap(rows);
    }

    public static SideFeatures none() {
        return NONE;
    }

    /** Where the features came from (a file name or a built-in source), for messages. */
    public String source() {
        return source;
    }

    /** Ids that have at least one feature, in first-seen order. */
    public Set<String> ids() {
        return rows.keySet();
    }

    /** The features of {@code id} with their weights, empty when it has none. */
    public Map<String, Float> of(String id) {
        return rows.getOrDefault(id, Map.of());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Number of ids with features. */
    public int size() {
        return rows.size();
    }

    /** Every feature name, in first-seen order. */
    public Set<String> vocabulary() {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Float> row : rows.values()) {
            names.addAll(row.keySet());
        }
        return names;
    }

    /** These features with {@code other}'s added; an id in both gets the union, {@code other}'s weights winning. */
    public SideFeatures merge(SideFeatures other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder b = new Builder(source + "+" + other.source);
        rows.forEach((id, fs) -> fs.forEach((f, w) -> b.put(id, f, w)));
        other.rows.forEach((id, fs) -> fs.forEach((f, w) -> b.put(id, f, w)));
        return b.build();
    }

    /** Collects (id, feature, weight) triples; a repeated (id, feature) keeps the last weight. */
    public static final class Builder {
        private final String source;
        private final LinkedHashMap<String, Map<String, Float>> rows = new LinkedHashMap<>();

        public Builder(String source) {
            this.source = source;
        }

        public Builder put(String id, String feature, float weight) {
            rows.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(feature, weight);
            return this;
        }

        public SideFeatures build() {
            LinkedHashMap<String, Map<String, Float>> copy = new LinkedHashMap<>();
            rows.forEach((id, fs) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(fs))));
            return new SideFeatures(source, copy);
        }
    }
}
