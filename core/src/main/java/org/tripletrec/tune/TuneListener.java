package org.tripletrec.tune;

/** Hears about a search as it goes; called from the search's threads (one call at a time). */
public interface TuneListener {
    /** A trial of the random search ended. */
    default void onTrial(Trial trial) {}

    /** A finalist's runs on further seeds ended. */
    default void onConfirmation(Confirmation confirmation) {}

    TuneListener NONE = new TuneListener() {};
}
