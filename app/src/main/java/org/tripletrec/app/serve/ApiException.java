package org.tripletrec.app.serve;

import java.util.List;

/**
 * A request the API refuses, with the HTTP status and the message the client sees. Never carries a stack trace
 * to the client: only {@link #getMessage()} and {@link #details()} are written.
 *
 * @see ModelServer the mapping to a JSON {@code {"error": ...}} body
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final List<String> details;

    ApiException(int status, String message) {
        this(status, message, List.of());
    }

    ApiException(int status, String message, List<String> details) {
        super(message, null, false, false); // no stack: it is a normal answer, not a failure
        this.status = status;
        this.details = List.copyOf(details);
    }

    int status() {
        return status;
    }

    /** Extra values the client may act on (the unknown ids of a fold-in request); may be empty. */
    List<String> details() {
        return details;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
