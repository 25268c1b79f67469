package org.tripletrec.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support: the MovieLens folder (same rules as core's TestData: skip without TRIPLETREC_DATA, fail when
 * TRIPLETREC_REQUIRE_DATA=true) and one shared local[2] session, configured like the CLI's local runs.
 */
final class SparkTestData {
    private static SparkSession session;

    private SparkTestData() {}

    static Path ml100k() {
        String value = System.getenv("TRIPLETREC_DATA");
        String problem = null;
        if (value == null || value.isBlank()) {
            problem = "TRIPLETREC_DATA is not set";
        } else if (!Files.isDirectory(Path.of(value, "ml-100k"))) {
            problem = "TRIPLETREC_DATA=" + value + " has no ml-100k/";
        }
        if (problem == null) {
            return Path.of(value);
        }
        String reason = problem + ": MovieLens integration test needs the data folder";
        if ("true".equalsIgnoreCase(System.getenv("TRIPLETREC_REQUIRE_DATA"))) {
            throw new AssertionError(reason + "; failing because TRIPLETREC_REQUIRE_DATA=true");
        }
        Assumptions.assumeTrue(false, reason);
        return null;
    }

    static synchronized SparkSession spark() {
        if (session == null) {
            SparkMain.quietLogs();
            session = SparkSession.builder().config(new SparkConf().setMaster("local[2]").setAppName("tripletrec tests")
                    .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                    .set("spark.sql.shuffle.partitions", "2").set("spark.default.parallelism", "2")).getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
