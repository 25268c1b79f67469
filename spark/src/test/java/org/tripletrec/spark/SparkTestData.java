package org.tripletrec.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.testing.TestData;

/**
 * Test support: the MovieLens folder (core's {@link TestData}: skipped without TRIPLETREC_DATA, failing in CI)
 * and one shared local[2] session, configured like the command's local runs.
 */
final class SparkTestData {
    private static SparkSession session;

    private SparkTestData() {}

    /** The data folder holding ml-100k/, or the test is skipped (failed in CI). */
    static Path ml100k() {
        return TestData.dataset(DatasetLoader.ML_100K).getParent();
    }

    static synchronized SparkSession spark() {
        if (session == null) {
            SparkMain.logLevels("warn", true);
            session = SparkSession.builder().config(new SparkConf().setMaster("local[2]").setAppName("tripletrec tests")
                    .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                    .set("spark.sql.shuffle.partitions", "2").set("spark.default.parallelism", "2")).getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
