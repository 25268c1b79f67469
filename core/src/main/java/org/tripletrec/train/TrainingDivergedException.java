package org.tripletrec.train;

/** Thrown when a parameter became NaN or infinite: the learning rate is almost always too high. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(int epoch, TrainerConfig config) {
        super("training diverged in epoch " + epoch + ": a parameter is no longer a finite number; lower the "
                + "learning rate (now " + config.learningRate() + ") or add L2 regularisation");
    }
}
