package org.tripletrec.io;

/** A model file that cannot be read: not a model, truncated, corrupt, or from a newer format. */
public final class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }
}
