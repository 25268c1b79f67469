package org.tripletrec.data;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * How a ratings file is laid out: field separator, header line, which column holds the user, item, rating and
 * time, the charset and whether bad lines are skipped (counted) rather than fatal. Immutable; change it with the
 * {@code with...} methods.
 *
 * @param separator   the literal separator ({@code "\t"}, {@code ","}, {@code "::"}, ...), {@link #WHITESPACE}
 *                    for runs of blanks, or {@link #AUTO}: tab for .data/.base/.test/.tsv, comma for .csv, else
 *                    guessed from the first line
 * @param header      whether line 1 is a header
 * @param user        the user id column
 * @param item        the item id column
 * @param rating      the rating column, or null when the file has none: every row is then an implicit like, 1.0
 * @param time        the time column, or null for none (time 0). A positional time column absent from a line
 *                    also reads as 0, so three-column files work with the defaults
 * @param skipBadLines count and skip malformed lines instead of failing on the first
 * @param charset     text encoding, UTF-8 unless told
 */
public record RatingsFormat(String separator, Header header, Column user, Column item, Column rating, Column time,
                            boolean skipBadLines, Charset charset) implements Serializable {

    public static final String AUTO = "auto";
    public static final String WHITESPACE = "whitespace";

    /** Whether the first line is a header; AUTO: it is when the rating column of line 1 is not a number. */
    public enum Header { YES, NO, AUTO }

    /** A column given by its header name or its 1-based position. */
    public record Column(String name, int position) implements Serializable {
        public Column {
            if (name == null && position < 1) {
                throw new IllegalArgumentException("column position must be 1 or more, got " + position);
            }
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("column name must not be blank");
            }
        }

        public static Column at(int position) { return new Column(null, position); }

        public static Column named(String name) { return new Column(Objects.requireNonNull(name), 0); }

        /** {@code "3"} is position 3, anything else a header name. */
        public static Column parse(String spec) {
            String s = spec.strip();
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                return at(Integer.parseInt(s));
            }
            return named(s);
        }

        public boolean byName() { return name != null; }

        @Override
        public String toString() { return byName() ? name : Integer.toString(position); }
    }

    public RatingsFormat {
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(user, "user column");
        Objects.requireNonNull(item, "item column");
        Objects.requireNonNull(charset, "charset");
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("separator must not be empty");
        }
    }

    /** Auto separator and header, columns 1,2,3,4 (user, item, rating, time), UTF-8, strict. */
    public static RatingsFormat defaults() {
        return new RatingsFormat(AUTO, Header.AUTO, Column.at(1), Column.at(2), Column.at(3), Column.at(4),
                false, StandardCharsets.UTF_8);
    }

    /** MovieLens 100k u.data / ua.base / ...: {@code user \t item \t rating \t time}, no header. */
    public static RatingsFormat movieLens100k() {
        return defaults().withSeparator("\t").withHeader(Header.NO);
    }

    /** MovieLens latest CSV (ml-latest-small, ml-20m, ml-25m): header {@code userId,movieId,rating,timestamp}. */
    public static RatingsFormat movieLensCsv() {
        return new RatingsFormat(",", Header.YES, Column.named("userId"), Column.named("movieId"),
                Column.named("rating"), Column.named("timestamp"), false, StandardCharsets.UTF_8);
    }

    /**
     * Reads a separator as a user would type it: {@code auto}, {@code tab} / {@code \t}, {@code comma},
     * {@code semicolon}, {@code pipe}, {@code space} / {@code whitespace}, or the literal string.
     */
    public static String parseSeparator(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "tab", "\\t", "\t" -> "\t";
            case "comma" -> ",";
            case "semicolon" -> ";";
            case "pipe" -> "|";
            case "space", "whitespace", " " -> WHITESPACE;
            default -> text;
        };
    }

    public RatingsFormat withSeparator(String s) {
        return new RatingsFormat(s, header, user, item, rating, time, skipBadLines, charset);
    }

    public RatingsFormat withHeader(Header h) {
        return new RatingsFormat(separator, h, user, item, rating, time, skipBadLines, charset);
    }

    public RatingsFormat withHeader(boolean present) {
        return withHeader(present ? Header.YES : Header.NO);
    }

    public RatingsFormat withUser(Column c) {
        return new RatingsFormat(separator, header, c, item, rating, time, skipBadLines, charset);
    }

    public RatingsFormat withItem(Column c) {
        return new RatingsFormat(separator, header, user, c, rating, time, skipBadLines, charset);
    }

    /** {@code null} means the file has no rating column: every row is an implicit like (1.0). */
    public RatingsFormat withRating(Column c) {
        return new RatingsFormat(separator, header, user, item, c, time, skipBadLines, charset);
    }

    /** {@code null} means the file has no time column: every row gets time 0. */
    public RatingsFormat withTime(Column c) {
        return new RatingsFormat(separator, header, user, item, rating, c, skipBadLines, charset);
    }

    public RatingsFormat withSkipBadLines(boolean skip) {
        return new RatingsFormat(separator, header, user, item, rating, time, skip, charset);
    }

    public RatingsFormat withCharset(Charset cs) {
        return new RatingsFormat(separator, header, user, item, rating, time, skipBadLines, cs);
    }

    /**
     * Serialized through {@link Form}, which names the charset: a distributed reader ships the format to the
     * machines that read the parts of a file, and a {@link Charset} cannot be serialized itself.
     */
    private Object writeReplace() {
        return new Form(separator, header, user, item, rating, time, skipBadLines, charset.name());
    }

    private record Form(String separator, Header header, Column user, Column item, Column rating, Column time,
                        boolean skipBadLines, String charset) implements Serializable {
        private Object readResolve() {
            return new RatingsFormat(separator, header, user, item, rating, time, skipBadLines, Charset.forName(charset));
        }
    }

    /** True when some column is named, so the file must have a header to look the names up in. */
    public boolean needsHeader() {
        return user.byName() || item.byName() || (rating != null && rating.byName()) || (time != null && time.byName());
    }
}
