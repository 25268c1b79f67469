package org.tripletrec.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns files into a {@link Dataset}. Either a known data set by name, found under the data folder
 * ({@code ml-100k}, or {@code ml-latest-small} / {@code ml-20m} / {@code ml-25m} in the MovieLens latest CSV
 * layout), or an explicit ratings file with an optional test file. Immutable; configure with {@link #builder()}.
 *
 * <p>Train and test share one pair of {@link IdIndex}es, so the catalogue is every id of either file and
 * test-only ids become cold users / items (counted, not an error). Repeated (user, item) pairs are collapsed
 * within each file, latest wins. When all user (or item) ids are integers, indices follow numeric id order.
 */
public final class DatasetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);

    public static final String ML_100K = "ml-100k";
    public static final String ML_LATEST_SMALL = "ml-latest-small";
    public static final List<String> KNOWN_DATASETS = List.of(ML_100K, ML_LATEST_SMALL, "ml-20m", "ml-25m");
    public static final long DEFAULT_SEED = 42L;

    private final String dataset;
    private final Path ratingsFile;
    private final Path testFile;
    private final RatingsFormat format;
    private final SplitSpec split;
    private final long seed;
    private final Path dataDir;
    private final boolean skipBadLines;

    private DatasetLoader(Builder b) {
        this.dataset = b.dataset;
        this.ratingsFile = b.ratingsFile;
        this.testFile = b.testFile;
        this.format = b.format;
        this.split = b.split;
        this.seed = b.seed;
        this.dataDir = b.dataDir;
        this.skipBadLines = b.skipBadLines;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this loader's settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataset = dataset;
        b.ratingsFile = ratingsFile;
        b.testFile = testFile;
        b.format = format;
        b.split = split;
        b.seed = seed;
        b.dataDir = dataDir;
        b.skipBadLines = skipBadLines;
        return b;
    }

    /** The data set name, or null when loading an explicit ratings file. */
    public String dataset() { return dataset; }
    public Path ratingsFile() { return ratingsFile; }
    public Path testFile() { return testFile; }
    public long seed() { return seed; }
    public boolean skipBadLines() { return skipBadLines; }

    /** The split in force: the one set, else the source's default (ua for ml-100k, file with a test file, holdout:0.1). */
    public SplitSpec split() {
        if (split != null) {
            return split;
        }
        if (testFile != null) {
            return SplitSpec.file();
        }
        return ML_100K.equals(dataset) ? SplitSpec.ua() : SplitSpec.holdout(0.1);
    }

    /** The data folder in force: the one set, else {@link DataLocator#resolve(String)}. */
    public Path dataDir() {
        return dataDir != null ? dataDir : DataLocator.resolve(null);
    }

    /**
     * Reads, splits and indexes the data.
     *
     * @throws DataNotFoundException if a data set folder or file is absent
     * @throws DataFormatException   if a file is malformed (file:line: problem)
     * @throws IllegalArgumentException if the split does not fit the source
     */
    public Dataset load() {
        return load(true);
    }

    /**
     * Reads only what a model may be tuned on: the train part of the data, split exactly as {@link #load()} splits
     * it, with an empty test log. A separate test file (ml-100k's {@code ua.test} / {@code ub.test}, or the test
     * file given) is never opened, nor even looked for; a split made from one file (holdout, last) reads the file
     * and drops its test part before anything is indexed, so test-only ids are not in the catalogue either.
     */
    public Dataset loadTrainOnly() {
        return load(false);
    }

    private Dataset load(boolean withTest) {
        Sources src = sources(withTest);
        RatingsFormat fmt = skipBadLines ? src.format.withSkipBadLines(true) : src.format;
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        ReadStats stats = new ReadStats();

        RatingLog train = RatingsReader.read(src.train, fmt, users, items, stats);
        RatingLog test = src.test == null ? null : RatingsReader.read(src.test, fmt, users, items, stats);

        Dedup.Result trainDedup = Dedup.keepLatest(train);
        long duplicates = trainDedup.removed();
        train = trainDedup.log();
        IdOrder.Reindexed u = null;
        IdOrder.Reindexed i = null;
        if (test != null) {
            Dedup.Result testDedup = Dedup.keepLatest(test);
            duplicates += testDedup.removed();
            test = testDedup.log();
        } else if (src.split.kind() != SplitSpec.Kind.UA && src.split.kind() != SplitSpec.Kind.UB
                && src.split.kind() != SplitSpec.Kind.FILE) {
            if (withTest) {
                // the catalogue is final: renumber the parts as the split copies them out, not in a copy of their own
                u = IdOrder.numericIfPossible(users);
                i = IdOrder.numericIfPossible(items);
            }
            TrainTest parts = splitOne(train, users, items, src.split, u == null ? null : u.map(),
                    i == null ? null : i.map());
            train = parts.train();
            test = parts.test();
        }
        if (!withTest) {
            test = new RatingLog.Builder(0).build();
            // the catalogue of what was kept: ids seen only in the dropped test part go
            IdIndex keptUsers = new IdIndex();
            IdIndex keptItems = new IdIndex();
            RatingLog.Builder kept = new RatingLog.Builder(Math.max(1, train.size()));
            for (int k = 0; k < train.size(); k++) {
                kept.add(keptUsers.add(users.id(train.user(k))), keptItems.add(items.id(train.item(k))),
                        train.rating(k), train.time(k));
            }
            train = kept.build();
            users = keptUsers;
            items = keptItems;
        }

        if (u == null) {
            u = IdOrder.numericIfPossible(users);
            i = IdOrder.numericIfPossible(items);
            train = IdOrder.remap(train, u.map(), i.map());
            test = IdOrder.remap(test, u.map(), i.map());
        }

        LoadReport report = new LoadReport(train.size(), test.size(), stats.skipped(), duplicates,
                countCold(train, u.index().size(), true), countCold(train, i.index().size(), false));
        Map<String, String> titles = src.titles();
        LOG.debug("loaded {}: {} users, {} items, {}", src.name, u.index().size(), i.index().size(), report);
        return new Dataset(src.name, u.index(), i.index(), train, test, titles, report);
    }

    /** The split, both parts renumbered through {@code userMap} and {@code itemMap} (null: unchanged). */
    private TrainTest splitOne(RatingLog all, IdIndex users, IdIndex items, SplitSpec spec, int[] userMap,
                               int[] itemMap) {
        return switch (spec.kind()) {
            case HOLDOUT -> spec.count() > 0
                    ? Splits.holdoutPerUser(all, users, items, spec.count(), seed, userMap, itemMap)
                    : Splits.holdout(all, users, items, spec.fraction(), seed, userMap, itemMap);
            case LAST -> Splits.last(all, spec.count(), userMap, itemMap);
            case NONE -> new TrainTest(IdOrder.remap(all, userMap, itemMap), new RatingLog.Builder(0).build());
            default -> throw new IllegalStateException("split " + spec + " needs a test file");
        };
    }

    /** Users (or items) of the catalogue without a single train rating. */
    private static int countCold(RatingLog train, int size, boolean users) {
        boolean[] warm = new boolean[size];
        for (int k = 0; k < train.size(); k++) {
            warm[users ? train.user(k) : train.item(k)] = true;
        }
        int cold = 0;
        for (boolean w : warm) {
            if (!w) {
                cold++;
            }
        }
        return cold;
    }

    /** The files to read, decided before reading anything so that every setup error comes first. */
    private record Sources(String name, Path train, Path test, RatingsFormat format, SplitSpec split,
                           Path titles100k, Path titlesCsv) {
        Map<String, String> titles() {
            if (titles100k != null && Files.isRegularFile(titles100k)) {
                return Titles.movieLens100k(titles100k);
            }
            if (titlesCsv != null && Files.isRegularFile(titlesCsv)) {
                return Titles.movieLensCsv(titlesCsv);
            }
            return Map.of();
        }
    }

    /** {@code withTest} false: the test file is neither opened nor looked for. */
    private Sources sources(boolean withTest) {
        SplitSpec spec = split();
        if (dataset != null) {
            return datasetSources(spec, withTest);
        }
        requireExists(ratingsFile, "ratings file");
        checkFileSplit(spec, "an explicit ratings file");
        Path test = null;
        if (spec.kind() == SplitSpec.Kind.FILE && withTest) {
            test = requireExists(testFile, "test file");
        }
        Path sibling = ratingsFile.toAbsolutePath().getParent();
        Path uItem = sibling == null ? null : sibling.resolve("u.item");
        Path movies = sibling == null ? null : sibling.resolve("movies.csv");
        String fileName = String.valueOf(ratingsFile.getFileName());
        boolean csv = fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
        return new Sources(fileName, ratingsFile, test, format != null ? format : RatingsFormat.defaults(), spec,
                csv ? null : uItem, csv ? movies : null);
    }

    private Sources datasetSources(SplitSpec spec, boolean withTest) {
        Path root = dataDir();
        Path dir = root.resolve(dataset);
        if (!Files.isDirectory(dir)) {
            throw new DataNotFoundException("data set " + dataset + " not found: no folder " + dir + ". "
                    + howToGet(dataset, root));
        }
        if (ML_100K.equals(dataset)) {
            RatingsFormat fmt = format != null ? format : RatingsFormat.movieLens100k();
            Path uItem = dir.resolve("u.item");
            return switch (spec.kind()) {
                case UA, UB -> {
                    if (testFile != null) {
                        throw new IllegalArgumentException("split " + spec + " uses ml-100k's own test file;"
                                + " drop the test file or use --split file");
                    }
                    String prefix = spec.kind() == SplitSpec.Kind.UA ? "ua" : "ub";
                    yield new Sources(dataset, datasetFile(dir, prefix + ".base", root),
                            withTest ? datasetFile(dir, prefix + ".test", root) : null, fmt, spec, uItem, null);
                }
                default -> {
                    checkFileSplit(spec, "ml-100k");
                    Path test = spec.kind() == SplitSpec.Kind.FILE && withTest
                            ? requireExists(testFile, "test file") : null;
                    yield new Sources(dataset, datasetFile(dir, "u.data", root), test, fmt, spec, uItem, null);
                }
            };
        }
        if (spec.kind() == SplitSpec.Kind.UA || spec.kind() == SplitSpec.Kind.UB) {
            throw new IllegalArgumentException("split " + spec + " exists only for ml-100k; for " + dataset
                    + " use holdout:FRACTION, last:N, file or none");
        }
        checkFileSplit(spec, dataset);
        Path test = spec.kind() == SplitSpec.Kind.FILE && withTest ? requireExists(testFile, "test file") : null;
        RatingsFormat fmt = format != null ? format : RatingsFormat.movieLensCsv();
        return new Sources(dataset, datasetFile(dir, "ratings.csv", root), test, fmt, spec, null,
                dir.resolve("movies.csv"));
    }

    /** A test file goes with split 'file' and only with it. */
    private void checkFileSplit(SplitSpec spec, String source) {
        if (spec.kind() == SplitSpec.Kind.FILE && testFile == null) {
            throw new IllegalArgumentException("split 'file' needs a test file");
        }
        if (spec.kind() != SplitSpec.Kind.FILE && testFile != null) {
            throw new IllegalArgumentException("a test file was given, but split " + spec
                    + " makes its own test set; use split 'file' or drop the test file");
        }
        if ((spec.kind() == SplitSpec.Kind.UA || spec.kind() == SplitSpec.Kind.UB) && !ML_100K.equals(dataset)) {
            throw new IllegalArgumentException("split " + spec + " exists only for ml-100k, not for " + source);
        }
    }

    private Path datasetFile(Path dir, String file, Path root) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new DataNotFoundException(dataset + " file " + file + " is missing: looked for " + path + ". "
                    + howToGet(dataset, root));
        }
        return path;
    }

    private static Path requireExists(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new DataNotFoundException(what + " " + file + " not found"
                    + (Files.isDirectory(file) ? " (it is a directory)" : ""));
        }
        return file;
    }

    static String howToGet(String dataset, Path root) {
        String fetch = Downloader.supports(dataset)
                ? "Run `tripletrec download " + dataset + "`"
                : "Download https://files.grouplens.org/datasets/movielens/" + dataset + ".zip and unzip it";
        return fetch + ", or put the files under " + root.resolve(dataset) + "/, or set " + DataLocator.ENV
                + " to a folder that holds " + dataset + "/";
    }

    /** Settings for a {@link DatasetLoader}; set a data set name or a ratings file, not both. */
    public static final class Builder {
        private String dataset;
        private Path ratingsFile;
        private Path testFile;
        private RatingsFormat format;
        private SplitSpec split;
        private long seed = DEFAULT_SEED;
        private Path dataDir;
        private boolean skipBadLines;

        private Builder() {}

        /** A known data set: ml-100k, ml-latest-small, ml-20m or ml-25m. */
        public Builder dataset(String name) {
            this.dataset = name;
            return this;
        }

        public Builder ratingsFile(Path file) {
            this.ratingsFile = file;
            return this;
        }

        /** An explicit test file; implies split 'file'. */
        public Builder testFile(Path file) {
            this.testFile = file;
            return this;
        }

        /** The layout of the files; null for the source's own (MovieLens presets, else auto-detection). */
        public Builder format(RatingsFormat format) {
            this.format = format;
            return this;
        }

        /** Null for the source's default split. */
        public Builder split(SplitSpec split) {
            this.split = split;
            return this;
        }

        public Builder split(String spec) {
            this.split = SplitSpec.parse(spec);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The folder holding data set folders; null for {@link DataLocator#resolve(String)}. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder skipBadLines(boolean skip) {
            this.skipBadLines = skip;
            return this;
        }

        public DatasetLoader build() {
            if ((dataset == null) == (ratingsFile == null)) {
                throw new IllegalArgumentException(dataset == null
                        ? "give a data set name (" + String.join(", ", KNOWN_DATASETS) + ") or a ratings file"
                        : "give a data set name or a ratings file, not both");
            }
            if (dataset != null && !KNOWN_DATASETS.contains(dataset)) {
                throw new IllegalArgumentException("unknown data set '" + dataset + "': expected one of "
                        + String.join(", ", KNOWN_DATASETS) + ", or give a ratings file");
            }
            return new DatasetLoader(this);
        }
    }
}
