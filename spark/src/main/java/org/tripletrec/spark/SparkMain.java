package org.tripletrec.spark;

import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.DataNotFoundException;

/**
 * Entry point of the job jar: {@code spark-submit --class org.tripletrec.spark.SparkMain tripletrec-spark.jar
 * train ...}, or {@code spark/run-local.sh train --master local[2] ...} on a machine without Spark. Errors in the
 * user's input end in one line on stderr and exit code 1 (2 for a command-line mistake), not a stack trace.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(TrainOptions.USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("train")) {
            err.println("tripletrec spark: unknown command '" + args[0] + "' (train)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help")) {
            out.println(TrainOptions.USAGE);
            return 0;
        }
        SparkSession spark = null;
        boolean ownSession = false;
        try {
            TrainOptions o = TrainOptions.parse(rest);
            // Inside an application that already runs Spark (a test, a notebook) use its session and leave it open.
            ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
            spark = session(o.master);
            SparkTrainJob.run(spark, o, out);
            return 0;
        } catch (TrainOptions.UsageException e) {
            err.println("tripletrec spark: " + e.getMessage());
            err.println("run 'train --help' for the options");
            return 2;
        } catch (Exception e) {
            err.println("tripletrec spark: error: " + describe(e));
            if (System.getenv("TRIPLETREC_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            if (spark != null && ownSession) {
                spark.stop();
            }
        }
    }

    /** The user-facing cause: Spark wraps a task's exception in its own, with the stack traces in the message. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataFormatException || t instanceof DataNotFoundException
                    || t instanceof IllegalArgumentException || t instanceof NoSuchFileException
                    || t instanceof java.io.FileNotFoundException || t instanceof IllegalStateException) {
                return t instanceof NoSuchFileException n ? n.getFile() + ": no such file" : t.getMessage();
            }
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** The session: the cluster's when run by spark-submit, else a local one (UI off, quiet logs). */
    static SparkSession session(String master) {
        SparkConf conf = new SparkConf().setAppName("tripletrec train");
        boolean submitted = conf.contains("spark.master");
        if (master != null) {
            conf.setMaster(master);
        } else if (!submitted) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
            quietLogs();
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** A local run talks to a person: Spark's INFO chatter and the task-failure traces (reported in one line) go. */
    static void quietLogs() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark", org.apache.logging.log4j.Level.WARN);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.executor.Executor", org.apache.logging.log4j.Level.OFF);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager", org.apache.logging.log4j.Level.OFF);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.util.Utils", org.apache.logging.log4j.Level.ERROR);
            // unpersisting a locally checkpointed sub-epoch is intended: the next one has cut its lineage
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark.rdd", org.apache.logging.log4j.Level.ERROR);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.hadoop", org.apache.logging.log4j.Level.ERROR);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.sparkproject", org.apache.logging.log4j.Level.ERROR);
        } catch (LinkageError e) {
            // another logging backend: leave it as configured
        }
    }
}
