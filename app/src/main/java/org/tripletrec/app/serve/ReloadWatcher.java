package org.tripletrec.app.serve;

import java.time.Duration;
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
    private FileStamp pending; // a change seen once, waiting to hold still

    ReloadWatcher(ModelHolder holder, Duration interval) {
        this.holder = holder;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tripletrec-reload-watcher");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, interval.toMillis());
        timer.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        FileStamp now = FileStamp.of(holder.file());
        // already read, by this watcher or by POST /admin/reload: each version of the file is tried once,
        // so a bad file is reported once and not re-read every interval
        if (now == null || now.equals(holder.lastRead())) {
            pending = null;
            return;
        }
        if (!now.equals(pending)) {
            pending = now; // changed since the last look: wait one more interval
            return;
        }
        pending = null;
        try {
            holder.reload();
        } catch (ModelHolder.ReloadException | RuntimeException e) {
            // already logged and recorded by the holder; the old model keeps serving
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
