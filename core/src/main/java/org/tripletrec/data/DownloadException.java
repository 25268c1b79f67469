package org.tripletrec.data;

/** A data set could not be fetched or did not verify; the message says why and how to get the files by hand. */
public class DownloadException extends RuntimeException {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
