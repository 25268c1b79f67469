package org.tripletrec.recommend.hnsw;

/** Told how an index build is going, from the thread that asked for the build. */
@FunctionalInterface
public interface BuildProgress {
    BuildProgress NONE = (step, done, total) -> {};

    /** {@code done} of {@code total} items of one step ("user graph", "item graph") are in. */
    void update(String step, long done, long total);

    /** Something the user should know (a saved index was stale and is rebuilt, say); ignored by default. */
    default void note(String message) {}
}
