package org.tripletrec.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.io.ModelFormatException;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingDivergedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: the data and training options of {@code tripletrec train}, and the Spark-specific ones. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model with distributed SGD on Spark and write core's model file (for tripletrec"
                + " recommend and serve) and/or the tables as Parquet.",
                "The data and training options are those of 'tripletrec train'; --ratings may be any Hadoop path"
                        + " (a file, folder or glob; text or Parquet)."},
        footer = {"", "Examples:",
                "  spark-submit --class org.tripletrec.spark.SparkMain tripletrec-spark.jar train \\",
                "      --ratings hdfs:///data/ratings.csv --blocks 64 --checkpoint-dir hdfs:///tmp/ckpt \\",
                "      --model-out model.trm",
                "  spark/run-local.sh train --master 'local[2]' --dataset ml-100k --model-out ml100k.trm"})
final class SparkTrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text or parquet (default: parquet when --ratings ends in .parquet, else text).")
    String format;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: set by spark-submit, else local[*]).")
    String master;

    @Option(names = "--blocks", paramLabel = "B",
            description = "User and item blocks; B tasks train at once (default: the default parallelism).")
    Integer blocks;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Write the tables to DIR (any Hadoop file system every node reaches) every few sub-epochs:"
                    + " a lost executor then costs only the sub-epochs since, and --resume continues a stopped run.")
    String checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Sub-epochs between checkpoints (default: one epoch, B, but at most "
                    + TrainOptions.MAX_DEFAULT_EVERY + ").")
    Integer checkpointEvery;

    @Option(names = "--resume",
            description = "Continue the run whose checkpoints are in --checkpoint-dir (same data and options; more"
                    + " --epochs is allowed).")
    boolean resume;

    @Option(names = "--model-out", paramLabel = "FILE", description = "Core's model file, written by the driver.")
    String modelOut;

    @Option(names = "--embeddings-out", paramLabel = "DIR",
            description = "DIR/users and DIR/items as Parquet (id, idx, vector[, bias]), written by the executors.")
    String embeddingsOut;

    @Option(names = "--eval", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Evaluate on the test split on the driver (default: on; --no-eval for data the driver"
                    + " cannot hold).")
    boolean evaluate;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Option(names = "--spark-log", paramLabel = "LEVEL", defaultValue = "warn",
            description = "Level of Spark's own log on the driver: warn (default), info, debug, error.")
    String sparkLog;

    @Option(names = "--debug", description = "Print the stack trace of errors.")
    boolean debug;

    /** Where the job's progress goes. */
    PrintStream out = System.out;

    /** The checked options; a mistake throws {@link UserInputException} (exit code 2). */
    TrainOptions options() {
        TrainerConfig config;
        try {
            config = training.config();
            new DsgdTrainer(config, 1); // the checks that need no data: sampler, threads
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (modelOut == null && embeddingsOut == null) {
            throw new UserInputException("give --model-out FILE and/or --embeddings-out DIR: the model would go nowhere");
        }
        if (modelOut != null && Files.isDirectory(Path.of(modelOut))) {
            throw new UserInputException("--model-out " + modelOut + " is a directory; give a file name");
        }
        if (blocks != null && blocks < 1 || checkpointEvery != null && checkpointEvery < 1) {
            throw new UserInputException((blocks != null && blocks < 1 ? "--blocks" : "--checkpoint-every")
                    + " must be at least 1");
        }
        if (format != null && data.ratingsLocation() == null) {
            throw new UserInputException("--format goes with --ratings");
        }
        if ((resume || checkpointEvery != null) && checkpointDir == null) {
            throw new UserInputException((resume ? "--resume" : "--checkpoint-every") + " needs --checkpoint-dir DIR");
        }
        data.loader(); // checks the data options without reading anything
        return new TrainOptions(data, training.preset(), config, master, blocks == null ? 0 : blocks, format,
                checkpointDir, checkpointEvery == null ? 0 : checkpointEvery, resume, modelOut, embeddingsOut, evaluate,
                quiet);
    }

    @Override
    public Integer call() throws Exception {
        TrainOptions o = options();
        // Inside an application that already runs Spark (a test, a notebook) use its session and leave it open.
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkMain.session(master, sparkLog);
        try {
            SparkTrainJob.run(spark, o, out);
            return ErrorHandler.OK;
        } catch (Exception e) { // Spark's own SparkException is a checked exception thrown without declaring it
            throw userFacing(e);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * Spark wraps an exception thrown by a task in its own, whose message carries the task's stack trace: the
     * task's exception is what the user should read, and what decides the exit code.
     */
    static Exception userFacing(Exception e) {
        for (Class<? extends RuntimeException> type : java.util.List.of(DataFormatException.class,
                DataNotFoundException.class, UserInputException.class, ModelFormatException.class,
                TrainingDivergedException.class, IllegalArgumentException.class)) {
            RuntimeException cause = SparkErrors.find(e, type);
            if (cause != null) {
                return cause;
            }
        }
        if (!(e instanceof org.apache.spark.SparkException)) {
            return e;
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return new JobFailedException(nl > 0 ? m.substring(0, nl) : m, e);
    }

    /** The job failed for a reason that is not the user's input; the message is Spark's first line. */
    static final class JobFailedException extends RuntimeException {
        JobFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
