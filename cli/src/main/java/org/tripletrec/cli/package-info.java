/**
 * The command-line parts that every tripletrec entry point shares, so that they cannot drift apart: the data
 * options ({@link org.tripletrec.cli.DataOptions}), the training options ({@link org.tripletrec.cli.TrainingOptions}),
 * their value checks ({@link org.tripletrec.cli.Converters}) and the exit codes and one-line error messages
 * ({@link org.tripletrec.cli.ErrorHandler}). Used by the {@code tripletrec} command (module app) and the Spark job.
 */
package org.tripletrec.cli;
