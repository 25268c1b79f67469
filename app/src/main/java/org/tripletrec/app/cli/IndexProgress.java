package org.tripletrec.app.cli;

import java.util.Locale;
import java.util.function.Consumer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tripletrec.recommend.hnsw.BuildProgress;

/**
 * Shows an index build: a progress bar on stderr when a person is watching, else a line every few seconds and
 * one when each step ends (for logs). Notes (a stale index file, say) always go out as lines.
 */
public final class IndexProgress implements BuildProgress {
    private static final long LINE_EVERY_NANOS = 10_000_000_000L;

    private final Consumer<String> lines;
    private final boolean bar;
    private ProgressBar current;
    private String step;
    private long stepStart;
    private long lastLine;

    /**
     * @param lines where lines go (stderr for a command, the log for the server)
     * @param bar   draw a progress bar on stderr instead of progress lines
     */
    public IndexProgress(Consumer<String> lines, boolean bar) {
        this.lines = lines;
        this.bar = bar;
    }

    @Override
    public void update(String name, long done, long total) {
        long now = System.nanoTime();
        if (!name.equals(step)) {
            step = name;
            stepStart = now;
            lastLine = now;
            if (bar) {
                current = new ProgressBarBuilder().setTaskName("building " + name).setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).clearDisplayOnFinish().build();
            }
        }
        if (current != null) {
            current.stepTo(done);
        }
        if (done >= total) {
            if (current != null) {
                current.close();
                current = null;
            }
            lines.accept(String.format(Locale.ROOT, "built the %s of %,d items in %.1f s", name, total,
                    (now - stepStart) / 1e9));
            step = null;
        } else if (!bar && now - lastLine >= LINE_EVERY_NANOS) {
            lastLine = now;
            lines.accept(String.format(Locale.ROOT, "building the %s: %,d of %,d items (%.0f%%)", name, done, total,
                    100.0 * done / total));
        }
    }

    @Override
    public void note(String message) {
        lines.accept(message);
    }
}
