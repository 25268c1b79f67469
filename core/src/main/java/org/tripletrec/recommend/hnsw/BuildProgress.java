package org.tripletrec.recommend.hnsw;

import java.util.Locale;
import java.util.function.Consumer;

/** Told how an index build is going, from the thread that asked for the build. */
@FunctionalInterface
public interface BuildProgress {
    BuildProgress NONE = (step, done, total) -> {};

    /** {@code done} of {@code total} items of one step ("score graph", "similarity graph") are in. */
    void update(String step, long done, long total);

    /** Something the user should know (a saved index was stale and is rebuilt, say); ignored by default. */
    default void note(String message) {}

    /**
     * Progress as lines of text for a log: one every {@code everySeconds} while a step runs, one when it ends, and
     * every note.
     */
    static BuildProgress lines(Consumer<String> out, double everySeconds) {
        long every = Math.round(everySeconds * 1e9);
        return new BuildProgress() {
            private String step;
            private long stepStart;
            private long lastLine;

            @Override
            public void update(String name, long done, long total) {
                long now = System.nanoTime();
                if (!name.equals(step)) {
                    step = name;
                    stepStart = now;
                    lastLine = now;
                }
                if (done >= total) {
                    out.accept(String.format(Locale.ROOT, "built the %s of %,d items in %.1f s", name, total,
                            (now - stepStart) / 1e9));
                    step = null;
                } else if (now - lastLine >= every) {
                    lastLine = now;
                    out.accept(String.format(Locale.ROOT, "building the %s: %,d of %,d items (%.0f%%)", name, done,
                            total, 100.0 * done / total));
                }
            }

            @Override
            public void note(String message) {
                out.accept(message);
            }
        };
    }
}
