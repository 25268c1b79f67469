package org.tripletrec.data;

/** A data set or data file that is not on disk; the message says what is missing, where and how to get it. */
public class DataNotFoundException extends RuntimeException {
    public DataNotFoundException(String message) {
        super(message);
    }
}
