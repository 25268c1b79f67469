package org.tripletrec.cli;

import java.nio.file.Path;

import org.tripletrec.data.DataLocator;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.RatingsFormat;
import org.tripletrec.data.SplitSpec;
import picocli.CommandLine.Option;

/** Where the ratings come from and how to read and split them; shared by every command that reads data. */
public final class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "MovieLens data set: ml-100k, ml-latest-small, ml-20m or ml-25m (default: ml-100k"
                    + " unless --ratings is given).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding the data set folders (default: $" + DataLocator.ENV
                    + ", else ~/.tripletrec/data).")
    String dataDir;

    // Text, not Path: the Spark job reads these from any Hadoop file system (hdfs://..., s3a://...).
    @Option(names = "--ratings", paramLabel = "FILE",
            description = "A ratings file (user, item, rating[, time]) instead of a MovieLens data set.")
    String ratings;

    @Option(names = "--test", paramLabel = "FILE",
            description = "A test file in the same layout as --ratings (implies --split file).")
    String test;

    @Option(names = "--sep", paramLabel = "SEP",
            description = "Field separator of --ratings: auto (default), tab, comma, semicolon, pipe, space, or the literal text.")
    String separator;

    @Option(names = "--header", negatable = true,
            description = "Whether line 1 of --ratings is a header (default: detected).")
    Boolean header;

    @Option(names = "--user-col", paramLabel = "COL", converter = Converters.Column.class,
            description = "User column: header name or 1-based position (default 1).")
    RatingsFormat.Column userCol;

    @Option(names = "--item-col", paramLabel = "COL", converter = Converters.Column.class,
            description = "Item column (default 2).")
    RatingsFormat.Column itemCol;

    // Strings, parsed when the format is built: "none" has to stay distinguishable from "not given".
    @Option(names = "--rating-col", paramLabel = "COL",
            description = "Rating column (default 3); 'none' reads every row as a like.")
    String ratingCol;

    @Option(names = "--time-col", paramLabel = "COL",
            description = "Time column (default 4); 'none' if the file has no times.")
    String timeCol;

    @Option(names = "--split", paramLabel = "SPEC", converter = Converters.Split.class,
            description = "Test set: ua, ub (ml-100k's own files), holdout:FRACTION or holdout:N (N per user, at"
                    + " random), last:N, file (with --test)"
                    + " or none (default: ua for ml-100k, file with --test, else holdout:0.1).")
    SplitSpec split;

    @Option(names = "--skip-bad-lines",
            description = "Skip (and count) malformed lines instead of stopping at the first.")
    boolean skipBadLines;

    /** True when the user named a data source; commands that only want titles load nothing otherwise. */
    public boolean explicit() {
        return dataset != null || ratings != null;
    }

    /** The --test file, or null. */
    public Path testFile() {
        return test == null ? null : Path.of(test);
    }

    public String dataDir() {
        return dataDir;
    }

    /** The loader these options describe; validates the combination without reading anything. */
    public DatasetLoader loader() {
        if (dataset != null && ratings != null) {
            throw new UserInputException("give --dataset or --ratings, not both");
        }
        if (test != null && ratings == null && dataset == null) {
            throw new UserInputException("--test goes with --ratings (or --dataset with --split file)");
        }
        String name = ratings == null ? (dataset == null ? DatasetLoader.ML_100K : dataset.strip()) : null;
        DatasetLoader.Builder b = DatasetLoader.builder()
                .dataset(name)
                .ratingsFile(ratings == null ? null : Path.of(ratings))
                .testFile(test == null ? null : Path.of(test))
                .split(split)
                .skipBadLines(skipBadLines)
                .dataDir(dataDir == null ? null : DataLocator.resolve(dataDir));
        RatingsFormat format = format(name);
        if (format != null) {
            b.format(format);
        }
        return b.build();
    }

    /**
     * {@link #loader()}, with {@code fallback} as the split when neither {@code --split} nor {@code --test} was
     * given (an update trains on all of its ratings unless told otherwise).
     */
    public DatasetLoader loader(SplitSpec fallback) {
        DatasetLoader l = loader();
        return split == null && test == null ? l.toBuilder().split(fallback).build() : l;
    }

    /**
     * True when {@code --test} is the only data named: a command that has the train side elsewhere (a model's
     * own rated items) reads the test file alone, with {@link #testOnlyLoader()}.
     */
    public boolean testOnly() {
        return test != null && ratings == null && dataset == null;
    }

    /**
     * The {@code --test} file alone, every row of it in the loaded data set's train part (split none), read with
     * the layout options as {@code --ratings} would be.
     */
    public DatasetLoader testOnlyLoader() {
        if (!testOnly()) {
            throw new IllegalStateException("not a --test file alone");
        }
        if (split != null && split.kind() != SplitSpec.Kind.FILE) {
            throw new UserInputException("--split " + split + " splits train data: with --test alone there is none"
                    + " to split");
        }
        DatasetLoader.Builder b = DatasetLoader.builder()
                .ratingsFile(Path.of(test))
                .split(SplitSpec.none())
                .skipBadLines(skipBadLines);
        RatingsFormat format = format(null);
        if (format != null) {
            b.format(format);
        }
        return b.build();
    }

    /** The ratings file or location as given, or null when a data set is named instead. */
    public String ratingsLocation() {
        return ratings;
    }

    /** The test file or location as given, or null. */
    public String testLocation() {
        return test;
    }

    /** Whether malformed lines are skipped (and counted) rather than fatal. */
    public boolean skipBadLines() {
        return skipBadLines;
    }

    /**
     * How --ratings is laid out: the default layout (separator and header detected, columns 1 to 4) changed by
     * the layout options, for readers other than {@link #loader()}'s.
     */
    public RatingsFormat ratingsFormat() {
        RatingsFormat f = format(null);
        return (f == null ? RatingsFormat.defaults() : f).withSkipBadLines(skipBadLines);
    }

    /** Reads, splits and indexes the data. */
    public Dataset load() {
        return loader().load();
    }

    /**
     * The named data, which must load; without a name the default data set when it is on this machine, else
     * null. For commands to which data is a convenience (titles, rated items to leave out).
     */
    public Dataset loadIfPresent() {
        if (explicit()) {
            return load();
        }
        try {
            return load();
        } catch (DataNotFoundException e) {
            return null;
        }
    }

    private static RatingsFormat.Column optionalColumn(String spec) {
        return spec.strip().equalsIgnoreCase("none") ? null : RatingsFormat.Column.parse(spec);
    }

    /** The source's own layout changed by whatever layout options were given; null when none was. */
    private RatingsFormat format(String datasetName) {
        if (separator == null && header == null && userCol == null && itemCol == null && ratingCol == null
                && timeCol == null) {
            return null;
        }
        RatingsFormat f = datasetName == null ? RatingsFormat.defaults()
                : DatasetLoader.ML_100K.equals(datasetName) ? RatingsFormat.movieLens100k() : RatingsFormat.movieLensCsv();
        if (separator != null) {
            f = f.withSeparator(RatingsFormat.parseSeparator(separator));
        }
        if (header != null) {
            f = f.withHeader(header);
        }
        if (userCol != null) {
            f = f.withUser(userCol);
        }
        if (itemCol != null) {
            f = f.withItem(itemCol);
        }
        if (ratingCol != null) {
            f = f.withRating(optionalColumn(ratingCol));
        }
        if (timeCol != null) {
            f = f.withTime(optionalColumn(timeCol));
        }
        return f;
    }
}
