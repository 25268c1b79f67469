package org.tripletrec.spark;

import org.tripletrec.cli.DataOptions;
import org.tripletrec.train.TrainerConfig;

/**
 * What {@code train} was asked to do, checked: the data, the training configuration (the same options as
 * {@code tripletrec train}), the Spark-specific settings and the outputs.
 *
 * @param blocks          user and item blocks, 0 for the cluster's default parallelism
 * @param format          text or parquet, null to tell by the file name
 * @param checkpointEvery sub-epochs between checkpoints, 0 for the default (one epoch, at most
 *                        {@link #MAX_DEFAULT_EVERY})
 */
record TrainOptions(DataOptions data, String preset, TrainerConfig config, String master, int blocks, String format,
                    String checkpointDir, int checkpointEvery, boolean resume, String modelOut, String embeddingsOut,
                    boolean evaluate, boolean quiet) {

    /**
     * The default checkpoint interval is one epoch, but never more sub-epochs than this: between checkpoints the
     * lineage grows, and each task ships all of it.
     */
    static final int MAX_DEFAULT_EVERY = 16;

    /** The options of a {@code train} command line; a mistake throws picocli's ParameterException. */
    static TrainOptions parse(String... args) {
        SparkTrainCommand command = new SparkTrainCommand();
        new picocli.CommandLine(command).parseArgs(args);
        return command.options();
    }
}
