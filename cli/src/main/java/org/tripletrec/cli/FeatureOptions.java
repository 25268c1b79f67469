package org.tripletrec.cli;

import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.FeatureSource;
import org.tripletrec.data.SideFeatures;
import picocli.CommandLine.Option;

/** Side features for users and items: files in {@code id,feature[,weight]} form, or MovieLens built-ins. */
public final class FeatureOptions {

    @Option(names = "--item-features", paramLabel = "FILE|builtin",
            description = "Item features: a file of id,feature[,weight] lines (CSV or TSV, header or not), or"
                    + " builtin (MovieLens genres and release decade), or builtin:genres. An item's vector is its own"
                    + " embedding plus the weighted sum of its features' embeddings; items known only from the file"
                    + " join the catalogue and are recommended from their features.")
    String itemFeatures;

    @Option(names = "--user-features", paramLabel = "FILE|builtin",
            description = "User features, the same way (builtin: ml-100k's age band, gender and occupation).")
    String userFeatures;

    @Option(names = "--cold-metrics",
            description = "Also report the cold-start metrics (items without train ratings ranked among"
                    + " themselves), which are reported anyway when the test set likes at least 10 such items.")
    boolean coldMetrics;

    public boolean coldMetrics() {
        return coldMetrics;
    }

    public boolean hasItemFeatures() {
        return itemFeatures != null;
    }

    public boolean any() {
        return itemFeatures != null || userFeatures != null;
    }

    public SideFeatures items(DatasetLoader loader) {
        return itemFeatures == null ? SideFeatures.none() : source(itemFeatures).items(loader.dataset(), loader.dataDir());
    }

    public SideFeatures users(DatasetLoader loader) {
        return userFeatures == null ? SideFeatures.none() : source(userFeatures).users(loader.dataset(), loader.dataDir());
    }

    private static FeatureSource source(String spec) {
        try {
            return FeatureSource.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
