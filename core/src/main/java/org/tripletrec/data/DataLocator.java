package org.tripletrec.data;

import java.nio.file.Path;

/** Where data sets live: an explicit folder, else {@code $TRIPLETREC_DATA}, else {@code ~/.tripletrec/data}. */
public final class DataLocator {
    public static final String ENV = "TRIPLETREC_DATA";

    private DataLocator() {}

    /** The data folder; {@code explicitDir} may be null or blank. The folder need not exist. */
    public static Path resolve(String explicitDir) {
        return resolve(explicitDir, System.getenv(ENV), System.getProperty("user.home"));
    }

    static Path resolve(String explicitDir, String envValue, String home) {
        if (explicitDir != null && !explicitDir.isBlank()) {
            return expandHome(explicitDir.strip(), home);
        }
        if (envValue != null && !envValue.isBlank()) {
            return expandHome(envValue.strip(), home);
        }
        return Path.of(home, ".tripletrec", "data");
    }

    // shells expand ~ but config files and quoted arguments do not
    private static Path expandHome(String dir, String home) {
        if (dir.equals("~")) {
            return Path.of(home);
        }
        if (dir.startsWith("~/")) {
            return Path.of(home, dir.substring(2));
        }
        return Path.of(dir);
    }
}
