package org.tripletrec.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Where integration tests find the MovieLens files. The data may not be shipped with the project, so tests read
 * the folder named by the environment variable {@code TRIPLETREC_DATA}. When it is unset or missing, the test is
 * skipped with a visible reason, unless {@code TRIPLETREC_REQUIRE_DATA=true} (CI with data), where it fails:
 * a silently skipped suite there would hide a broken data set-up. Under Maven, surefire sets that variable from
 * the property {@code tripletrec.requireData} (default false), so pass {@code -Dtripletrec.requireData=true}: a
 * value exported in the shell is overridden.
 */
public final class TestData {
    public static final String DATA_ENV = "TRIPLETREC_DATA";
    public static final String REQUIRE_ENV = "TRIPLETREC_REQUIRE_DATA";

    private TestData() {}

    /** The data folder (holding ml-100k/, ml-latest-small/, ...), or skips / fails the calling test. */
    public static Path dataDir() {
        String value = System.getenv(DATA_ENV);
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
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            throw new AssertionError(reason + "; failing because " + REQUIRE_ENV + "=true");
        }
        Assumptions.assumeTrue(false, reason);
        return null; // unreachable: assumeTrue(false) throws
    }

    /** {@code dataDir().resolve(dataset)}, skipping / failing the same way when that sub-folder is absent. */
    public static Path dataset(String name) {
        Path dir = dataDir().resolve(name);
        if (!Files.isDirectory(dir)) {
            String reason = dir + " does not exist: MovieLens integration test needs " + name;
            if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
                throw new AssertionError(reason + "; failing because " + REQUIRE_ENV + "=true");
            }
            Assumptions.assumeTrue(false, reason);
        }
        return dir;
    }
}
