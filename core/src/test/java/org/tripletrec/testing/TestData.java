package org.tripletrec.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Where integration tests find the MovieLens files. The data may not be shipped with the project, so tests read
 * the folder named by the environment variable {@code TRIPLETREC_DATA}. When it is unset or missing, the test is
 * skipped with a visible reason, unless {@code TRIPLETREC_REQUIRE_DATA=true} or {@code CI=true}, where it
 * fails: a silently skipped suite in CI would hide a broken data set-up. A relative {@code TRIPLETREC_DATA} is
 * resolved against the directory Maven was started from (the repository root), not the module's folder.
 */
public final class TestData {
    public static final String DATA_ENV = "TRIPLETREC_DATA";
    public static final String REQUIRE_ENV = "TRIPLETREC_REQUIRE_DATA";

    private TestData() {}

    /** The data folder (holding ml-100k/, ml-latest-small/, ...), or skips / fails the calling test. */
    public static Path dataDir() {
        String value = System.getenv(DATA_ENV);
        if (value != null && !value.isBlank() && !Path.of(value).isAbsolute()) {
            String root = System.getProperty("tripletrec.root");
            if (root != null) {
                value = Path.of(root).resolve(value).normalize().toString();
            }
        }
        String problem = null;
        if (value == null || value.isBlank()) {
            problem = DATA_ENV + " is not set";
        } else if (!Files.isDirectory(Path.of(value))) {
            problem = DATA_ENV + "=" + value + " is not a directory";
        }
        if (problem == null) {
            return Path.of(value);
        }
        String reason = problem + ": MovieLens integration test needs the data folder"
                + " (set " + DATA_ENV + " to a folder with ml-100k/ and ml-latest-small/)";
        return skipOrFail(reason);
    }

    /** {@code dataDir().resolve(dataset)}, skipping / failing the same way when that sub-folder is absent. */
    public static Path dataset(String name) {
        Path dir = dataDir().resolve(name);
        if (!Files.isDirectory(dir)) {
            String reason = dir + " does not exist: MovieLens integration test needs " + name;
            skipOrFail(reason);
        }
        return dir;
    }

    /** True when data-dependent tests must fail rather than skip: in CI, or when asked to. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV)) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Path skipOrFail(String reason) {
        if (required()) {
            throw new AssertionError(reason + "; failing because this is CI (CI=true or " + REQUIRE_ENV + "=true)");
        }
        Assumptions.assumeTrue(false, reason);
        return null; // unreachable: assumeTrue(false) throws
    }
}
