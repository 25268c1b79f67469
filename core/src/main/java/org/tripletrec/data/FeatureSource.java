package org.tripletrec.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where side features come from, as the command line names it: a feature file ({@link FeatureReader}), or
 * {@code builtin} (for items: genres and release decade; for users: ml-100k's demographics) or
 * {@code builtin:genres} (items: genres only) from the MovieLens data set being loaded.
 */
public record FeatureSource(Path file, BuiltinFeatures.Kind builtin) {

    public static FeatureSource parse(String spec) {
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("builtin")) {
            return new FeatureSource(null, BuiltinFeatures.Kind.ALL);
        }
        if (lower.equals("builtin:genres")) {
            return new FeatureSource(null, BuiltinFeatures.Kind.GENRES);
        }
        if (lower.startsWith("builtin:")) {
            throw new IllegalArgumentException("unknown built-in features '" + s + "' (builtin or builtin:genres)");
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty feature source: give a file, builtin or builtin:genres");
        }
        return new FeatureSource(Path.of(s), null);
    }

    public boolean isBuiltin() {
        return builtin != null;
    }

    /** Item features; a built-in needs a known data set ({@code dataset} and its folder). */
    public SideFeatures items(String dataset, Path dataDir) {
        if (!isBuiltin()) {
            return FeatureReader.read(file);
        }
        return BuiltinFeatures.items(requireDataset(dataset), dataDir.resolve(dataset), builtin);
    }

    /** User features; only ml-100k has built-in ones. */
    public SideFeatures users(String dataset, Path dataDir) {
        if (!isBuiltin()) {
            return FeatureReader.read(file);
        }
        if (builtin == BuiltinFeatures.Kind.GENRES) {
            throw new IllegalArgumentException("builtin:genres describes items, not users");
        }
        return BuiltinFeatures.users(requireDataset(dataset), dataDir.resolve(dataset));
    }

    private static String requireDataset(String dataset) {
        if (dataset == null || !DatasetLoader.KNOWN_DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("built-in features come with a MovieLens data set (--dataset);"
                    + " for your own ratings give a feature file");
        }
        return dataset;
    }

    @Override
    public String toString() {
        return isBuiltin() ? (builtin == BuiltinFeatures.Kind.ALL ? "builtin" : "builtin:genres") : file.toString();
    }
}
