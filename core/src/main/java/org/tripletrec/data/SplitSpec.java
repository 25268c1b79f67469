package org.tripletrec.data;

import java.util.Locale;

/**
 * How to get a test set: MovieLens 100k's own {@code ua} / {@code ub} files, an explicit test {@code file},
 * a per-user random {@code holdout:FRACTION} or {@code holdout:N} (N ratings of each user, as ua and ub hold out
 * 10), the per-user latest {@code last:N}, or {@code none}.
 *
 * @param kind     which kind of split
 * @param fraction the holdout share, only for {@link Kind#HOLDOUT} by share (0 for a holdout by count)
 * @param count    ratings per user to test, for {@link Kind#LAST} and for {@link Kind#HOLDOUT} by count
 */
public record SplitSpec(Kind kind, double fraction, int count) {

    public enum Kind { UA, UB, FILE, HOLDOUT, LAST, NONE }

    public SplitSpec {
        if (kind == null) {
            throw new IllegalArgumentException("split kind must not be null");
        }
        if (kind == Kind.HOLDOUT && count == 0 && !(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        if (kind == Kind.HOLDOUT && (count < 0 || count > 0 && fraction != 0)) {
            throw new IllegalArgumentException("a holdout is a fraction or a count of ratings per user, not both");
        }
        if (kind == Kind.LAST && count < 1) {
            throw new IllegalArgumentException("last:N needs N >= 1, got " + count);
        }
    }

    public static SplitSpec ua() { return new SplitSpec(Kind.UA, 0, 0); }
    public static SplitSpec ub() { return new SplitSpec(Kind.UB, 0, 0); }
    public static SplitSpec file() { return new SplitSpec(Kind.FILE, 0, 0); }
    public static SplitSpec none() { return new SplitSpec(Kind.NONE, 0, 0); }
    public static SplitSpec holdout(double fraction) { return new SplitSpec(Kind.HOLDOUT, fraction, 0); }
    /** {@code n} random ratings of each user to test (at most all but one). */
    public static SplitSpec holdoutCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("holdout:N needs N >= 1, got " + n);
        }
        return new SplitSpec(Kind.HOLDOUT, 0, n);
    }
    public static SplitSpec last(int n) { return new SplitSpec(Kind.LAST, 0, n); }

    /**
     * Parses {@code ua}, {@code ub}, {@code file}, {@code none}, {@code holdout:0.1}, {@code holdout:10} (a whole
     * number: a count per user), {@code last:10}.
     */
    public static SplitSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(usage("an empty split"));
        }
        String spec = text.strip().toLowerCase(Locale.ROOT);
        int colon = spec.indexOf(':');
        String head = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? null : spec.substring(colon + 1).strip();
        switch (head) {
            case "ua", "ub", "file", "none" -> {
                if (arg != null) {
                    throw new IllegalArgumentException(usage("'" + text + "' (" + head + " takes no argument)"));
                }
                return switch (head) {
                    case "ua" -> ua();
                    case "ub" -> ub();
                    case "file" -> file();
                    default -> none();
                };
            }
            case "holdout" -> {
                if (arg == null || arg.isEmpty()) {
                    throw new IllegalArgumentException(usage("'" + text + "' (holdout needs a fraction, e.g. holdout:0.1)"));
                }
                if (arg.matches("\\d+") && !arg.matches("0+")) {
                    try {
                        return holdoutCount(Integer.parseInt(arg));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(usage("'" + text + "' ('" + arg + "' is too large)"));
                    }
                }
                double f;
                try {
                    f = Double.parseDouble(arg);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(usage("'" + text + "' ('" + arg + "' is not a number)"));
                }
                if (!(f > 0 && f < 1)) {
                    throw new IllegalArgumentException(usage("'" + text + "' (the fraction must be between 0 and 1,"
                            + " or a whole number of ratings per user)"));
                }
                return holdout(f);
            }
            case "last" -> {
                if (arg == null || arg.isEmpty()) {
                    throw new IllegalArgumentException(usage("'" + text + "' (last needs a count, e.g. last:10)"));
                }
                int n;
                try {
                    n = Integer.parseInt(arg);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(usage("'" + text + "' ('" + arg + "' is not a whole number)"));
                }
                if (n < 1) {
                    throw new IllegalArgumentException(usage("'" + text + "' (the count must be 1 or more)"));
                }
                return last(n);
            }
            default -> throw new IllegalArgumentException(usage("unknown split '" + text + "'"));
        }
    }

    private static String usage(String what) {
        return what + ": expected ua, ub, file, none, holdout:FRACTION (e.g. holdout:0.1), holdout:N (e.g."
                + " holdout:10) or last:N (e.g. last:10)";
    }

    /** The text {@link #parse} reads back. */
    @Override
    public String toString() {
        return switch (kind) {
            case HOLDOUT -> count > 0 ? "holdout:" + count : "holdout:" + fraction;
            case LAST -> "last:" + count;
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
