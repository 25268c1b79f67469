package org.tripletrec.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's own files, found from wherever the test runs (the module folder under Maven). */
public final class RepoFiles {
    private RepoFiles() {}

    /** The nearest folder at or above the working folder that holds README.md and the Maven wrapper. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (README.md beside mvnw) above " + Path.of("").toAbsolutePath());
    }
}
