package org.tripletrec.app.serve;

import java.util.Locale;

/** Checked reading of query parameters: a value that is not what the API documents is a 400, never a 500. */
final class Params {
    /** The largest k (and search limit) a request may ask for; documented in openapi.yaml. */
    static final int MAX_K = 100;
    static final int DEFAULT_K = 10;

    private Params() {}

    /** An integer in [1, max], or {@code fallback} when absent. */
    static int count(String name, String raw, int fallback, int max) {
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer from 1 to " + max + ", got '" + shorten(raw) + "'");
        }
        return inRange(name, value, max);
    }

    static int inRange(String name, long value, int max) {
        if (value < 1 || value > max) {
            throw ApiException.badRequest(name + " must be from 1 to " + max + ", got " + value);
        }
        return (int) value;
    }

    static boolean flag(String name, String raw) {
        if (raw == null) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + shorten(raw) + "'");
        };
    }

    /** Echoes client input into a message without letting it grow the answer without bound. */
    static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
