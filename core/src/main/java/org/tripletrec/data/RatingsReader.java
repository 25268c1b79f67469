package org.tripletrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a ratings file into a {@link RatingLog}, one line at a time: ids are interned through the caller's
 * {@link IdIndex}es (shared between train and test, so both use one catalogue) and nothing is kept per rating
 * but the columns. Repeated (user, item) pairs are kept here; the loader collapses them.
 *
 * <p>Every problem names the file and 1-based line. Problems with a single line are fatal unless
 * {@link RatingsFormat#skipBadLines()}, in which case they are counted in {@link ReadStats} and the first few
 * logged. Problems with the whole file (missing, binary, empty, unknown header column) are always fatal.
 */
public final class RatingsReader {
    private static final Logger LOG = LoggerFactory.getLogger(RatingsReader.class);
    private static final int WARNINGS_SHOWN = 5;
    private static final CSVFormat QUOTED_CSV = CSVFormat.RFC4180;

    private final Path file;
    private final String name;
    private final RatingsFormat format;
    private final IdIndex users;
    private final IdIndex items;
    private final ReadStats stats;
    private final RatingLog.Builder out;
    // a part of a file read in parallel: the bad lines' warnings wait for the line numbers of the whole file
    private long[] deferredLines;
    private String[] deferredProblems;

    private String separator;
    private int userCol;
    private int itemCol;
    private int ratingCol = -1;
    private int timeCol = -1;
    private int requiredColumns;
    private String[] fields = new String[8];
    private int fieldCount;
    private long skippedHere;
    private boolean header;

    // Fast path for the common case (a one-character separator, plain decimal ids, ratings and times): the
    // fields are parsed in place, without substrings, and numeric ids are memoised to their index. Anything
    // else falls back to the general path, which produces the same rating or the error message.
    private static final int MAX_CACHED_ID = 1 << 23;
    private char fastSeparator;
    private int[] userCache = new int[0];
    private int[] itemCache = new int[0];
    private final int[] fieldStart = new int[16];
    private final int[] fieldEnd = new int[16];
    private final long[] fieldValue = new long[16]; // the field's digits as a number, dots skipped
    private final int[] fieldDot = new int[16];     // where the field's one dot is, -1 for none, -2 for several

    private RatingsReader(Path file, String name, RatingsFormat format, IdIndex users, IdIndex items, ReadStats stats) {
        this(file, name, format, users, items, stats, new RatingLog.Builder());
    }

    private RatingsReader(Path file, String name, RatingsFormat format, IdIndex users, IdIndex items, ReadStats stats,
                          RatingLog.Builder out) {
        this.out = out;
        this.file = file;
        this.name = name;
        this.format = format;
        this.users = users;
        this.items = items;
        this.stats = stats;
    }

    /**
     * Reads all of {@code file}; counts go to {@code stats}, which may collect several files. A file in UTF-8,
     * US-ASCII or ISO-8859-1 is read memory-mapped, a large one in parts on all cores ({@link MappedRatingsReader});
     * the ids, ratings, order and messages are those of reading it line by line.
     */
    public static RatingLog read(Path file, RatingsFormat format, IdIndex users, IdIndex items, ReadStats stats) {
        if (MappedRatingsReader.handles(format.charset())) {
            return MappedRatingsReader.read(file, format, users, items, stats, 0);
        }
        return readLineByLine(file, format, users, items, stats);
    }

    /**
     * A reader fed one line at a time, for sources that are not one local file (a distributed reader gives each
     * part of a file to an instance of its own): the same columns, checks and messages as reading a file.
     * {@code firstLine}, the source's first non-blank line, sets the separator and the columns as it does for a
     * file; it is not read here, so a part that starts with it passes it to {@link #read} unless it is
     * {@linkplain #firstLineIsHeader() a header}. {@code name} names the source in messages; its file name
     * chooses the separator as a file's does.
     */
    public static RatingsReader forLines(String name, String firstLine, RatingsFormat format, IdIndex users,
                                         IdIndex items, ReadStats stats) {
        RatingsReader r = new RatingsReader(null, name, format, users, items, stats);
        r.header = r.start(firstLine, 1);
        return r;
    }

    /** The separator in force: the format's, or the one chosen from the name and the first line. */
    public String separator() {
        return separator;
    }

    /**
     * A reader of one part of a file ({@link MappedRatingsReader}): as {@link #forLines}, with room for about
     * {@code expectedRows} ratings, and the warnings about skipped lines kept (with the part's line numbers) for
     * the caller to log.
     */
    static RatingsReader forPart(String name, String firstLine, long firstLineNo, RatingsFormat format,
                                 IdIndex users, IdIndex items, ReadStats stats, int expectedRows) {
        RatingsReader r = new RatingsReader(null, name, format, users, items, stats,
                new RatingLog.Builder(expectedRows));
        r.header = r.start(firstLine, firstLineNo);
        r.deferredLines = new long[WARNINGS_SHOWN];
        r.deferredProblems = new String[WARNINGS_SHOWN];
        return r;
    }

    /** The ratings read so far, not copied (a part's, merged by its caller). */
    RatingLog.Builder builder() {
        return out;
    }

    /** Bad lines skipped so far. */
    long skippedLines() {
        return skippedHere;
    }

    /** The line number of the i-th skipped line whose warning was kept (a part's), i below min(5, skipped). */
    long deferredLine(int i) {
        return deferredLines[i];
    }

    String deferredProblem(int i) {
        return deferredProblems[i];
    }

    static int warningsShown() {
        return WARNINGS_SHOWN;
    }

    /**
     * {@link #read(String, long)} of a line given as bytes {@code [from, to)} of an ASCII-compatible charset, without
     * the line terminator. A plain line (see {@link #parseSimple}) is parsed from the bytes; any other is decoded
     * ({@code decoder}) and read as text.
     */
    void read(byte[] buf, int from, int to, long lineNo, java.nio.charset.CharsetDecoder decoder) {
        if (fastSeparator != 0 && isAscii(buf, from, to) && parseSimple(buf, from, to)) {
            stats.line();
            stats.row();
            return;
        }
        read(decode(buf, from, to, decoder), lineNo);
    }

    private static boolean isAscii(byte[] buf, int from, int to) {
        for (int k = from; k < to; k++) {
            if (buf[k] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decode(byte[] buf, int from, int to, java.nio.charset.CharsetDecoder decoder) {
        if (isAscii(buf, from, to)) {
            return new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(java.nio.ByteBuffer.wrap(buf, from, to - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder failed", e); // it replaces, never throws
        }
    }

    /** Whether the first line given to {@link #forLines} is a header rather than a rating. */
    public boolean firstLineIsHeader() {
        return header;
    }

    /**
     * Reads one line: appends its rating, passes over a blank line, or (a bad line) throws
     * {@code name:lineNo: problem}, or counts and skips it when the format skips bad lines.
     */
    public void read(String line, long lineNo) {
        stats.line();
        checkDecoded(line, lineNo);
        if (!line.isBlank()) {
            readRating(line, lineNo);
        }
    }

    /** The ratings read so far. */
    public RatingLog ratings() {
        return out.build();
    }

    /** Reads {@code file} line by line through a {@link java.io.BufferedReader}, whatever its charset. */
    static RatingLog readLineByLine(Path file, RatingsFormat format, IdIndex users, IdIndex items, ReadStats stats) {
        return new RatingsReader(file, file.toString(), format, users, items, stats).readAll();
    }

    /** Reads all of {@code file} into fresh indices; for tools and tests. */
    public static RatingLog read(Path file, RatingsFormat format) {
        return read(file, format, new IdIndex(), new IdIndex(), new ReadStats());
    }

    private RatingLog readAll() {
        long lineNo = 0;
        boolean sawContent = false;
        try (BufferedReader reader = TextFiles.open(file, format.charset())) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (!sawContent && !line.isBlank()) {
                    sawContent = true;
                    checkDecoded(line, lineNo);
                    header = start(line, lineNo);
                    if (header) {
                        stats.line();
                        continue;
                    }
                }
                read(line, lineNo);
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNo, "cannot read: " + e.getMessage(), e);
        }
        if (!sawContent) {
            throw new DataFormatException(name, 0, "file is empty, no ratings");
        }
        if (out.size() == 0) {
            if (skippedHere > 0) {
                throw new DataFormatException(name, 0, "no valid ratings (" + skippedHere + " bad lines skipped)");
            }
            throw new DataFormatException(name, 0, "only a header line, no ratings");
        }
        return out.build();
    }

    private void checkDecoded(String line, long lineNo) {
        checkDecoded(name, format, line, lineNo);
    }

    /** Stops at a line with bytes that did not decode in the format's charset. */
    static void checkDecoded(String name, RatingsFormat format, String line, long lineNo) {
        if (line.indexOf(TextFiles.REPLACEMENT) >= 0) {
            throw new DataFormatException(name, lineNo,
                    "bytes that are not valid " + format.charset() + ": not a text ratings file?");
        }
    }

    /** Sets the separator and the columns from the first non-blank line; returns whether it is a header. */
    private boolean start(String firstLine, long lineNo) {
        separator = chooseSeparator(firstLine);
        fastSeparator = fastSeparator(separator);
        return startFile(firstLine, lineNo);
    }

    private String chooseSeparator(String firstLine) {
        String s = format.separator();
        if (!RatingsFormat.AUTO.equals(s)) {
            return s;
        }
        String fileName = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .toLowerCase(Locale.ROOT);
        if (fileName.endsWith(".data") || fileName.endsWith(".base") || fileName.endsWith(".test")
                || fileName.endsWith(".tsv")) {
            return "\t";
        }
        if (fileName.endsWith(".csv")) {
            return ",";
        }
        return detectSeparator(firstLine);
    }

    /** The separator a line most plausibly uses, in order: tab, comma, "::", "|", ";", else runs of blanks. */
    static String detectSeparator(String line) {
        for (String candidate : new String[] {"\t", ",", "::", "|", ";"}) {
            if (line.contains(candidate)) {
                return candidate;
            }
        }
        return RatingsFormat.WHITESPACE;
    }

    /** Resolves the columns from the first non-blank line; returns whether that line is a header. */
    private boolean startFile(String firstLine, long lineNo) {
        split(firstLine);
        boolean header = switch (format.header()) {
            case YES -> true;
            case NO -> false;
            case AUTO -> format.needsHeader() || looksLikeHeader();
        };
        if (!header && format.needsHeader()) {
            throw new DataFormatException(name, lineNo,
                    "columns are given by name but the file has no header line");
        }
        userCol = resolve(format.user(), header, lineNo);
        itemCol = resolve(format.item(), header, lineNo);
        requiredColumns = Math.max(userCol, itemCol) + 1;
        if (format.rating() != null) {
            ratingCol = resolve(format.rating(), header, lineNo);
            requiredColumns = Math.max(requiredColumns, ratingCol + 1);
        }
        if (format.time() != null) {
            // a named time column must exist; a positional one may be absent (then time is 0)
            timeCol = resolve(format.time(), header, lineNo);
            if (format.time().byName()) {
                requiredColumns = Math.max(requiredColumns, timeCol + 1);
            }
        }
        return header;
    }

    /** Auto-detection: line 1 is a header when its rating (or, for implicit files, time) field is not a number. */
    private boolean looksLikeHeader() {
        RatingsFormat.Column probe = format.rating() != null ? format.rating() : format.time();
        if (probe == null || probe.position() > fieldCount) {
            return false;
        }
        return parseFinite(fields[probe.position() - 1]) == null;
    }

    private int resolve(RatingsFormat.Column column, boolean header, long lineNo) {
        if (!column.byName()) {
            return column.position() - 1;
        }
        for (int k = 0; k < fieldCount; k++) {
            if (fields[k].equals(column.name())) {
                return k;
            }
        }
        for (int k = 0; k < fieldCount; k++) {
            if (fields[k].equalsIgnoreCase(column.name())) {
                return k;
            }
        }
        throw new DataFormatException(name, lineNo, "unknown column '" + column.name() + "' in header (columns: "
                + String.join(", ", Arrays.copyOf(fields, fieldCount)) + ")");
    }

    private void readRating(String line, long lineNo) {
        String problem = parseRating(line);
        if (problem == null) {
            stats.row();
            return;
        }
        if (!format.skipBadLines()) {
            throw new DataFormatException(name, lineNo, problem);
        }
        stats.skip();
        skippedHere++;
        if (deferredLines != null) {
            if (skippedHere <= WARNINGS_SHOWN) {
                deferredLines[(int) skippedHere - 1] = lineNo;
                deferredProblems[(int) skippedHere - 1] = problem;
            }
        } else if (skippedHere <= WARNINGS_SHOWN) {
            LOG.warn("skipping {}:{}: {}", name, lineNo, problem);
        } else if (skippedHere == WARNINGS_SHOWN + 1) {
            LOG.warn("skipping further bad lines of {} without listing them", name);
        }
    }

    /** Appends the line's rating; returns null, or the problem that stops it. */
    private String parseRating(String line) {
        if (fastSeparator != 0) {
            byte[] ascii = asciiBytes(line);
            if (ascii != null && parseSimple(ascii, 0, ascii.length)) {
                return null;
            }
        }
        String splitProblem = split(line);
        if (splitProblem != null) {
            return splitProblem;
        }
        if (fieldCount < requiredColumns) {
            return "expected at least " + requiredColumns + " columns, found " + fieldCount;
        }
        String user = fields[userCol];
        if (user.isEmpty()) {
            return "empty user id";
        }
        String item = fields[itemCol];
        if (item.isEmpty()) {
            return "empty item id";
        }
        float rating = 1.0f;
        if (ratingCol >= 0) {
            Double value = parseFinite(fields[ratingCol]);
            if (value == null || !Float.isFinite(value.floatValue())) {
                return "rating '" + fields[ratingCol] + "' is not a finite number";
            }
            rating = value.floatValue();
        }
        long time = 0;
        if (timeCol >= 0 && timeCol < fieldCount && !fields[timeCol].isEmpty()) {
            try {
                time = Long.parseLong(fields[timeCol]);
            } catch (NumberFormatException e) {
                return "timestamp '" + fields[timeCol] + "' is not a whole number";
            }
        }
        out.add(users.add(user), items.add(item), rating, time);
        return null;
    }

    private static char fastSeparator(String separator) {
        if (separator.length() != 1) {
            return 0;
        }
        char c = separator.charAt(0);
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '"' ? 0 : c;
    }

    /** The line's bytes if every char is ASCII, else null. */
    private static byte[] asciiBytes(String line) {
        int n = line.length();
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            char c = line.charAt(k);
            if (c >= 0x80) {
                return null;
            }
            b[k] = (byte) c;
        }
        return b;
    }

    /**
     * The fast path, over the ASCII bytes {@code [from, to)} of a line: true if the line was a plain one
     * (digits-only ids, time and rating, the rating with at most one '.') and its rating was added, with exactly
     * the values the general path would give; false to leave the line to the general path.
     */
    private boolean parseSimple(byte[] line, int from, int to) {
        return plainLine(line, from, to, true) >= 0;
    }

    /**
     * The fast path fused with the search for the line's end, for a reader of a whole buffer of lines: the line
     * starts at {@code buf[from]} and ends at the first {@code \n} or {@code \r} before {@code limit}. When the line
     * is a plain one its rating is added (and counted) and the position of its end returned. Otherwise nothing
     * changes and -1 is returned: the line (or, when no end lies before {@code limit}, what there is of it) is left
     * to {@link #read(byte[], int, int, long, java.nio.charset.CharsetDecoder)}, which gives it the same treatment
     * as any line. One pass over the bytes instead of three (the line end, the ASCII check, the fields).
     */
    int readPlainLine(byte[] buf, int from, int limit) {
        int end = plainLine(buf, from, limit, false);
        if (end >= 0) {
            stats.line();
            stats.row();
        }
        return end;
    }

    /**
     * The one pass of the fast path: the fields of a line of digits, dots and separators only, each field's digits
     * read as a number on the way (dots skipped, the first one's place kept). The line ends at {@code limit} when
     * {@code endsAtLimit}, else at the first {@code \n} or {@code \r} (-1 when there is none before limit). Adds
     * the line's rating and returns the position of its end, or returns -1 and changes nothing (a line the general
     * path must read: any other byte, a quote for one, or a field that is not plain, see {@link #addPlain}).
     */
    private int plainLine(byte[] buf, int from, int limit, boolean endsAtLimit) {
        int needed = Math.max(requiredColumns, timeCol + 1);
        int sep = fastSeparator;
        if (sep == 0 || sep == '\n' || sep == '\r' || needed > fieldStart.length) {
            return -1;
        }
        int count = 0;
        int start = from;
        long value = 0;
        int dot = -1;
        int k = from;
        for (; k < limit; k++) {
            int c = buf[k];
            int digit = c - '0';
            if (digit >= 0 && digit <= 9) {
                value = value * 10 + digit; // may overflow in a long field, which addPlain then refuses by length
            } else if (c == sep) {
                if (count < needed) {
                    fieldStart[count] = start;
                    fieldEnd[count] = k;
                    fieldValue[count] = value;
                    fieldDot[count++] = dot;
                }
                start = k + 1;
                value = 0;
                dot = -1;
            } else if (c == '.') {
                dot = dot == -1 ? k : -2;
            } else if (!endsAtLimit && (c == '\n' || c == '\r')) {
                break;
            } else {
                return -1;
            }
        }
        if (k == limit && !endsAtLimit) {
            return -1;
        }
        if (count < needed) {
            fieldStart[count] = start;
            fieldEnd[count] = k;
            fieldValue[count] = value;
            fieldDot[count++] = dot;
        }
        return count >= requiredColumns && addPlain(buf, count) ? k : -1;
    }

    /**
     * Adds the rating of a line {@link #plainLine} has split into {@code count} fields, if its fields are plain:
     * canonical ids of at most 7 digits, a rating of 1 to 15 characters of the form digits[.digits], a time of at
     * most 18 digits. Returns false, and adds nothing, for any other line.
     */
    private boolean addPlain(byte[] line, int count) {
        int userId = plainId(line, userCol);
        int itemId = userId < 0 ? -1 : plainId(line, itemCol);
        if (itemId < 0) {
            return false;
        }
        float rating = 1.0f;
        if (ratingCol >= 0) {
            double r = plainDecimal(ratingCol);
            if (Double.isNaN(r)) {
                return false;
            }
            rating = (float) r;
        }
        long time = 0;
        if (timeCol >= 0 && timeCol < count && fieldEnd[timeCol] > fieldStart[timeCol]) {
            if (fieldEnd[timeCol] - fieldStart[timeCol] > 18 || fieldDot[timeCol] != -1) {
                return false;
            }
            time = fieldValue[timeCol];
        }
        // only now, with the line known to be good, may ids enter the catalogue (user first, as below)
        int user = index(line, userCol, userId, true);
        int item = index(line, itemCol, itemId, false);
        out.add(user, item, rating, time);
        return true;
    }

    /** The id in field {@code col} as a number when it is canonical decimal digits (no sign, no leading zero), else -1. */
    private int plainId(byte[] line, int col) {
        int a = fieldStart[col];
        int len = fieldEnd[col] - a;
        if (len < 1 || len > 7 || fieldDot[col] != -1 || (line[a] == '0' && len > 1)) {
            return -1; // canonical only, so that "7" and "007" stay different ids
        }
        long v = fieldValue[col];
        return v < MAX_CACHED_ID ? (int) v : -1;
    }

    /** The catalogue index of numeric id {@code v} (the text of field {@code col}), memoised by value. */
    private int index(byte[] line, int col, int v, boolean isUser) {
        int[] cache = isUser ? userCache : itemCache;
        if (v >= cache.length) {
            int old = cache.length;
            cache = Arrays.copyOf(cache, Math.min(MAX_CACHED_ID, Math.max(v + 1, Math.max(1024, old * 2))));
            Arrays.fill(cache, old, cache.length, -1);
            if (isUser) {
                userCache = cache;
            } else {
                itemCache = cache;
            }
        }
        int idx = cache[v];
        if (idx < 0) {
            String id = new String(line, fieldStart[col], fieldEnd[col] - fieldStart[col],
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            idx = (isUser ? users : items).add(id);
            cache[v] = idx;
        }
        return idx;
    }

    /**
     * Field {@code col}, a rating of the form digits[.digits], as Double.parseDouble reads it, or NaN for anything
     * else. Exact: the digits form an integer below 2^53 and the power of ten is exact, so the one division rounds
     * correctly, as parseDouble does.
     */
    private double plainDecimal(int col) {
        int a = fieldStart[col], b = fieldEnd[col];
        int dot = fieldDot[col];
        if (b - a < 1 || b - a > 15 || dot == -2 || dot == a || dot == b - 1) {
            return Double.NaN; // ".5" and "5." are left to parseDouble
        }
        long mantissa = fieldValue[col];
        if (dot < 0) {
            return mantissa;
        }
        return mantissa / POW10[b - dot - 1];
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
            1e14, 1e15};

    private static Double parseFinite(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Splits {@code line} into {@link #fields}; returns null or a problem (an unterminated quote). */
    private String split(String line) {
        fieldCount = 0;
        if (",".equals(separator) && line.indexOf('"') >= 0) {
            return splitQuoted(line);
        }
        if (RatingsFormat.WHITESPACE.equals(separator)) {
            splitWhitespace(line);
            return null;
        }
        int from = 0;
        int sepLength = separator.length();
        while (true) {
            int at = line.indexOf(separator, from);
            if (at < 0) {
                addField(line.substring(from).strip());
                return null;
            }
            addField(line.substring(from, at).strip());
            from = at + sepLength;
        }
    }

    /** Rare path: comma-separated fields in quotes, parsed by Commons CSV (one line, so line numbers stay true). */
    private String splitQuoted(String line) {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), QUOTED_CSV)) {
            for (CSVRecord record : parser) {
                for (String value : record) {
                    addField(value.strip());
                }
                return null;
            }
            return null;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return "malformed quoted field: " + e.getMessage();
        }
    }

    private void splitWhitespace(String line) {
        int n = line.length();
        int k = 0;
        while (k < n) {
            while (k < n && Character.isWhitespace(line.charAt(k))) {
                k++;
            }
            int start = k;
            while (k < n && !Character.isWhitespace(line.charAt(k))) {
                k++;
            }
            if (k > start) {
                addField(line.substring(start, k));
            }
        }
    }

    private void addField(String value) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fieldCount * 2);
        }
        fields[fieldCount++] = value;
    }
}
