package org.tripletrec.cli;

import org.tripletrec.data.Interactions;
import org.tripletrec.data.RatedItems;
import org.tripletrec.model.EmbeddingModel;
import picocli.CommandLine.Option;

/** What a saved model carries beside its tables: each user's rated items, and the optimiser's state. */
public final class ModelContentOptions {

    @Option(names = "--no-rated", description = "Leave each user's rated items out of the model file (by default"
            + " it carries them, so that serve, recommend and evaluate leave rated items out without the data,"
            + " and update can replay them).")
    boolean noRated;

    @Option(names = "--no-optimizer-state", description = "Leave the optimiser's state out of the model file (by"
            + " default it is kept, so that update resumes Adagrad or Adam where training stopped).")
    boolean noOptimizerState;

    /** The model as it should be saved, its rated items taken from {@code train}. */
    public EmbeddingModel apply(EmbeddingModel model, Interactions train) {
        EmbeddingModel m = noRated ? model.withRated(null) : model.withRated(RatedItems.of(train));
        return noOptimizerState ? m.withOptimizerState(null) : m;
    }

    /** The model as it should be saved, with the rated items it already has. */
    public EmbeddingModel apply(EmbeddingModel model) {
        EmbeddingModel m = noRated ? model.withRated(null) : model;
        return noOptimizerState ? m.withOptimizerState(null) : m;
    }
}
