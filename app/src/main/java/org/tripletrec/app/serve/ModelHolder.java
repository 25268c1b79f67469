package org.tripletrec.app.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.io.ModelFormatException;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.Scored;
import org.tripletrec.recommend.hnsw.BuildProgress;
import org.tripletrec.recommend.hnsw.IndexSpec;

/**
 * The serving model and its replacement. A reload reads, checks and indexes the new file aside while the old
 * snapshot keeps serving, then swaps the reference in one write; requests in flight hold the snapshot they
 * started with and finish on it. A file that cannot be read or fails a check leaves the old snapshot in place and
 * the error is kept for {@code /health} and logged.
 */
final class ModelHolder {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

    /** Why a reload was refused: the file is unreadable, corrupt or not a model this server can serve. */
    static final class ReloadException extends Exception {
        ReloadException(String message) {
            super(message, null, false, false);
        }
    }

    /** The outcome of the last reload attempt, for {@code /health}. */
    record LastReload(Instant at, boolean ok, String error) {}

    private final Path file;
    private final IndexSpec index;
    private final ServingData data;
    private final MetricsRegistry metrics;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private volatile LastReload lastReload;
    private volatile FileStamp lastRead; // the version of the file last read, served or refused
    private boolean closed; // under the lock: a similar-items graph finished after close is neither swapped nor saved

    /** Loads the first model; a bad file here is the caller's error to report (the server does not start). */
    ModelHolder(Path file, IndexSpec index, ServingData data, MetricsRegistry metrics) throws ReloadException {
        this.file = file;
        this.index = index;
        this.data = data;
        this.metrics = metrics;
        Snapshot first = load(1);
        current.set(first);
        if (IndexSpec.lacksSimilarItems(first.recommender.index())) {
            Thread t = new Thread(() -> completeIndex(first), "tripletrec-similar-graph");
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Builds the first model's similar-items graph while it serves (similar items are searched exactly until
     * then), on all cores but one as a reload builds, then saves the completed index and swaps it in, unless a
     * reload has replaced the model meanwhile or the server is closing. Under the holder's lock, so that such a
     * late save can never overwrite the index file of the model a reload has just put in.
     */
    private void completeIndex(Snapshot first) {
        long version = first.meta.version();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        BuildProgress progress = progress(version);
        ItemIndex full;
        try {
            full = index.withSimilarItems(first.recommender.index(), threads, progress);
        } catch (RuntimeException e) {
            LOG.warn("model version {}: the similar-items graph could not be built, similar items stay exact: {}",
                    version, e.toString());
            return;
        }
        synchronized (this) {
            if (!closed && current.get() == first) { // a reload swaps under this lock too
                index.save(full, progress);
                current.set(first.withIndex(full));
                LOG.info("model version {}: similar items now search their graph", version);
            }
        }
    }

    private static BuildProgress progress(long version) {
        return BuildProgress.lines(line -> LOG.info("model version {}: {}", version, line), 10);
    }

    /**
     * Stops the first model's index from being completed and saved from here on; waits for a save under way, so
     * that once this returns nothing of this holder writes the index file again.
     */
    synchronized void close() {
        closed = true;
    }

    Snapshot current() {
        return current.get();
    }

    Path file() {
        return file;
    }

    LastReload lastReload() {
        return lastReload;
    }

    /** The stamp of the file as last read (by a reload from any source), so the watcher does not read it twice. */
    FileStamp lastRead() {
        return lastRead;
    }

    /**
     * Loads the file again and swaps it in. Synchronized so that two reloads (the watcher and an admin request)
     * never race to number their versions; readers are never blocked.
     */
    synchronized Snapshot reload() throws ReloadException {
        try {
            Snapshot next = load(current.get().meta.version() + 1);
            if (current.get().knowsRatings() && !next.knowsRatings()) {
                LOG.warn("model version {} carries no rated items and the server has no training data: rated items"
                        + " are no longer left out", next.meta.version());
            }
            current.set(next);
            lastReload = new LastReload(Instant.now(), true, null);
            metrics.reloaded(true);
            LOG.info("serving model version {} from {} (sha256 {}, loaded in {} ms)", next.meta.version(), file,
                    next.meta.sha256().substring(0, 12), Math.round(next.meta.loadSeconds() * 1000));
            return next;
        } catch (ReloadException e) {
            lastReload = new LastReload(Instant.now(), false, e.getMessage());
            metrics.reloaded(false);
            LOG.warn("reload refused, still serving version {}: {}", current.get().meta.version(), e.getMessage());
            throw e;
        }
    }

    private Snapshot load(long version) throws ReloadException {
        long start = System.nanoTime();
        lastRead = FileStamp.of(file); // before reading: a change during the read shows as a new stamp
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file); // one read: the hash and the model come from the same bytes
        } catch (NoSuchFileException e) {
            throw new ReloadException(file + ": no such model file");
        } catch (IOException e) {
            throw new ReloadException(file + ": cannot read: " + e.getMessage());
        }
        String sha256 = sha256(bytes);
        EmbeddingModel model;
        try {
            model = ModelFormat.read(new ByteArrayInputStream(bytes), file.toString());
        } catch (ModelFormatException | IOException e) {
            throw new ReloadException(e.getMessage());
        } catch (RuntimeException e) {
            throw new ReloadException(file + ": not a usable model (" + e.getMessage() + ")");
        }
        check(model);
        bytes = null; // the model is read: let the file's bytes go before the index takes memory of its own
        ItemIndex itemIndex = index(model, version);
        Snapshot.Meta meta = new Snapshot.Meta(version, file, sha256, Instant.now(), 0);
        Snapshot snapshot = new Snapshot(model, itemIndex, data, meta);
        smokeTest(snapshot);
        double seconds = (System.nanoTime() - start) / 1e9;
        return snapshot.withMeta(new Snapshot.Meta(version, file, meta.sha256(), Instant.now(), seconds));
    }

    /**
     * The index of a model about to serve. The first is built on every core, and only its recommendation graph
     * before the server answers (the similar-items graph follows, see {@link #completeIndex}); a reload's is
     * complete before the swap, built leaving one core to the requests the old model keeps answering meanwhile.
     */
    private ItemIndex index(EmbeddingModel model, long version) throws ReloadException {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            return version == 1 ? index.openForRecommendations(model, progress(version))
                    : index.withThreads(Math.max(1, cores - 1)).open(model, progress(version));
        } catch (RuntimeException e) {
            throw new ReloadException(file + ": cannot index the model (" + e.getMessage() + ")");
        }
    }

    /** Refuses a model that would answer nonsense, or that belongs to another catalogue than the data served. */
    private void check(EmbeddingModel model) throws ReloadException {
        if (model.numItems() == 0 || model.dim() == 0) {
            throw new ReloadException(file + ": the model has no items");
        }
        if (!model.isFinite()) {
            throw new ReloadException(file + ": the model holds NaN or infinite values");
        }
        if (data.hasRatings() || !data.titles().isEmpty()) {
            for (int i = 0; i < model.numItems(); i++) {
                String id = model.items().id(i);
                if ((data.items() != null && data.items().indexOf(id) >= 0) || data.titles().containsKey(id)) {
                    return;
                }
            }
            throw new ReloadException(file + ": none of the model's " + model.numItems()
                    + " item ids is in the served data: a model of another catalogue");
        }
    }

    /** One recommendation and one fold-in, so that a model that cannot answer never goes live. */
    private void smokeTest(Snapshot s) throws ReloadException {
        try {
            if (s.model.numUsers() > 0) {
                requireFinite(s.recommend(0, 1, true));
            }
            requireFinite(s.foldIn.recommend(s.recommender, new int[] {0}, new int[0], 1));
        } catch (RuntimeException e) {
            throw new ReloadException(file + ": the model fails a test recommendation (" + e.getMessage() + ")");
        }
    }

    private void requireFinite(java.util.List<Scored> top) throws ReloadException {
        for (Scored sc : top) {
            if (!Float.isFinite(sc.score())) {
                throw new ReloadException(file + ": the model gives non-finite scores");
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
