package org.tripletrec.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.tripletrec.cli.ErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the job jar: {@code spark-submit --class org.tripletrec.spark.SparkMain tripletrec-spark.jar
 * train ...}, or {@code spark/run-local.sh train --master local[2] ...} on a machine without Spark. Exit codes as
 * the {@code tripletrec} command's: 0 ok, 1 unexpected failure, 2 bad usage or bad data, each failure one
 * {@code tripletrec: message} line on stderr.
 */
@Command(name = "tripletrec spark", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Distributed training on Apache Spark.",
        footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 bad usage or bad data."})
public final class SparkMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SparkTrainCommand train = new SparkTrainCommand();
        train.out = out;
        CommandLine cl = new CommandLine(new SparkMain()).addSubcommand("train", new CommandLine(train));
        ErrorHandler handler = new ErrorHandler(() -> train.debug);
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return ErrorHandler.execute(cl, args);
    }

    /** Without a command: show what there is, and fail like any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ErrorHandler.USAGE;
    }

    /**
     * The session: the cluster's when run by spark-submit, else a local one (web UI off). Spark's own log on the
     * driver is set to {@code sparkLog} (warn unless asked): its INFO lines would bury the job's progress.
     */
    static SparkSession session(String master, String sparkLog) {
        SparkConf conf = new SparkConf().setAppName("tripletrec train");
        boolean submitted = conf.contains("spark.master");
        if (master != null) {
            conf.setMaster(master);
        } else if (!submitted) {
            conf.setMaster("local[*]");
        }
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        logLevels(sparkLog, local);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Spark's loggers at {@code level}; the few lines a run produces by design stay out below error. */
    static void logLevels(String level, boolean local) {
        Level spark = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
        if (spark == null) {
            throw new org.tripletrec.cli.UserInputException("--spark-log " + level
                    + ": expected error, warn, info or debug");
        }
        try {
            Level quieter = spark.isMoreSpecificThan(Level.ERROR) ? spark : Level.ERROR;
            Map<String, Level> levels = new LinkedHashMap<>();
            levels.put("org.apache.spark", spark);
            levels.put("org.sparkproject", quieter);
            levels.put("org.apache.hadoop", quieter);
            levels.put("org.apache.parquet", quieter);
            // Unpersisting a locally checkpointed sub-epoch is intended (the next one has cut the lineage); Spark
            // warns about it every sub-epoch, under the name of the RDD's class.
            levels.put("org.apache.spark.rdd", quieter);
            if (local) {
                // In local mode the executor logs here too: a failed task is reported once, in the error line.
                levels.put("org.apache.spark.executor.Executor", Level.OFF);
                levels.put("org.apache.spark.scheduler.TaskSetManager", Level.OFF);
                levels.put("org.apache.spark.util.Utils", quieter);
            }
            setLevels(levels);
        } catch (LinkageError e) {
            // another logging backend: leave it as configured
        }
    }

    /**
     * Sets levels in the logger context Spark logs to. spark-submit loads the job jar in a class loader of its
     * own, and log4j keeps a context per class loader: the job's default context need not be Spark's.
     */
    private static void setLevels(Map<String, Level> levels) {
        // Spark sets up its logging when it first logs (loading its own defaults unless the cluster configured
        // log4j), which would undo the levels set here: set it up first, without its announcement.
        org.apache.spark.SparkContext$.MODULE$.initializeLogIfNecessary(false, true);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(SparkConf.class.getClassLoader(), false);
        Configuration config = ctx.getConfiguration();
        levels.forEach((name, level) -> {
            LoggerConfig lc = config.getLoggerConfig(name);
            if (lc.getName().equals(name)) {
                lc.setLevel(level);
            } else {
                config.addLogger(name, new LoggerConfig(name, level, true));
            }
        });
        ctx.updateLoggers();
    }
}
