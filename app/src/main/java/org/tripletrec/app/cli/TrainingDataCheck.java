package org.tripletrec.app.cli;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.model.EmbeddingModel;

/** Whether a model is used with the data it was trained on, for the note the commands print when it is not. */
final class TrainingDataCheck {
    private TrainingDataCheck() {}

    /** The note to print, or null when the data is the model's own or the model does not say which it was. */
    static String note(EmbeddingModel model, Dataset data) {
        return Fingerprint.differs(model.info().dataFingerprint(), data)
                ? "the train split of " + data.name() + " is not the data the model was trained on"
                : null;
    }
}
