package org.tripletrec.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the model when its file changes. Polls the file's size, modification time and file key rather than
 * using a WatchService: a poll sees an atomic rename, a copy over the file and a file on a network mount alike.
 * A change is acted on once it has held still for one interval, so that a file still being copied is not read
 * half-written (and if it is anyway, the reload is refused and the old model keeps serving).
 */
final class ReloadWatcher implements AutoCloseable {
    private final ModelHolder holder;
    private final ScheduledExecutorService timer;
    private Stamp served; // what the serving model was loaded from (as last seen)
    private Stamp pending; // a change seen once, waiting to hold still

    private record Stamp(long size, long modified, Object key) {}

    ReloadWatcher(ModelHolder holder, Duration interval) {
        this.holder = holder;
        served = stamp(holder.file());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tripletrec-reload-watcher");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        Stamp now = stamp(holder.file());
        if (now == null || now.equals(served)) {
            pending = null;
            return;
        }
        if (!now.equals(pending)) {
            pending = now; // changed since the last look: wait one more interval
            return;
        }
        served = now; // tried once per change, whatever the outcome: a bad file is not re-read every second
        pending = null;
        try {
            holder.reload();
        } catch (ModelHolder.ReloadException | RuntimeException e) {
            // already logged and recorded by the holder; the old model keeps serving
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().toMillis(), Objects.requireNonNullElse(a.fileKey(), ""));
        } catch (IOException e) {
            return null; // gone for a moment (being replaced): keep serving, look again later
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
