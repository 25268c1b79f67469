package org.tripletrec.app.cli;

import java.util.function.Consumer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tripletrec.recommend.hnsw.BuildProgress;

/**
 * Shows an index build: a progress bar on stderr while a person is watching, and in any case the lines of
 * {@link BuildProgress#lines} (one when each step ends, and every note; while a step runs too when no bar is shown).
 */
final class IndexProgress implements BuildProgress {
    private final BuildProgress lines;
    private final boolean bar;
    private ProgressBar current;
    private String step;

    /**
     * @param out where lines go
     * @param bar draw a progress bar on stderr instead of lines while a step runs
     */
    IndexProgress(Consumer<String> out, boolean bar) {
        this.lines = BuildProgress.lines(out, bar ? Double.POSITIVE_INFINITY : 10);
        this.bar = bar;
    }

    @Override
    public void update(String name, long done, long total) {
        if (bar && !name.equals(step)) {
            step = name;
            current = new ProgressBarBuilder().setTaskName("building " + name).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).clearDisplayOnFinish().build();
        }
        if (current != null) {
            current.stepTo(done);
            if (done >= total) {
                current.close();
                current = null;
                step = null;
            }
        }
        lines.update(name, done, total);
    }

    @Override
    public void note(String message) {
        lines.note(message);
    }
}
