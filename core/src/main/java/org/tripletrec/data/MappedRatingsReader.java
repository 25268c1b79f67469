package org.tripletrec.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a ratings file in an ASCII-compatible charset memory-mapped and, when it is large, on all cores: the file
 * is cut into parts at line ends, each part is parsed by a {@link RatingsReader} of its own into ids of its own,
 * and the parts are merged in file order. So the result is that of reading the file line by line: ids are
 * numbered in the order they first appear in the file, the ratings keep the file's order, the counts are the
 * same, and a bad line is reported (or, skipping bad lines, logged) with its line number in the whole file.
 * Lines end at {@code \n}, {@code \r} or {@code \r\n}, as {@link java.io.BufferedReader#readLine()} has them.
 */
final class MappedRatingsReader {
    private static final Logger LOG = LoggerFactory.getLogger(MappedRatingsReader.class);
    /** A file gets one part per this many bytes, up to four parts a core (so that a slow core holds up little). */
    static final long PART_BYTES = 16L << 20;
    private static final long MAX_PART_BYTES = 1L << 30; // a part is one mapping, which must stay below 2 GB
    private static final int WINDOW = 1 << 20;

    private final Path file;
    private final String name;
    private final RatingsFormat format;

    private MappedRatingsReader(Path file, RatingsFormat format) {
        this.file = file;
        this.name = file.toString();
        this.format = format;
    }

    /** Whether this reader can read a file in {@code charset}: one in which every ASCII byte is that character. */
    static boolean handles(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads {@code file} into {@code users} and {@code items} (which may hold ids already: a test file after its
     * train file); counts go to {@code stats}. {@code parts}: how many parts to cut the file into, 0 to choose by
     * its size and the cores.
     */
    static RatingLog read(Path file, RatingsFormat format, IdIndex users, IdIndex items, ReadStats stats,
                          int parts) {
        TextFiles.check(file, format.charset());
        MappedRatingsReader reader = new MappedRatingsReader(file, format);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return reader.read(channel, users, items, stats, parts);
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private RatingLog read(FileChannel channel, IdIndex users, IdIndex items, ReadStats stats, int parts)
            throws IOException {
        long size = channel.size();
        long start = startsWithByteOrderMark(channel) ? 3 : 0;
        long[] firstLineNo = new long[1];
        String firstLine = firstContentLine(channel, start, size, firstLineNo);
        if (firstLine == null) {
            // only blank lines: counted, as the line-by-line reader counts them
            Part blank = new Part(start, size);
            blank.countLines(channel);
            stats.add(blank.stats);
            throw new DataFormatException(name, 0, "file is empty, no ratings");
        }
        int n = parts > 0 ? parts : partsFor(size - start);
        Part[] all = split(channel, start, size, n);
        double bytesPerLine = bytesPerLine(channel, start, size);
        RatingsReader.checkDecoded(name, format, firstLine, firstLineNo[0]);
        for (Part p : all) {
            p.reader = RatingsReader.forPart(name, firstLine, firstLineNo[0], format, p.users, p.items, p.stats,
                    (int) Math.min(Integer.MAX_VALUE - 16, (p.end - p.start) / bytesPerLine * 1.02 + 1024));
        }
        all[0].first = true;
        runAll(channel, all);
        return merge(all, users, items, stats);
    }

    /** Parts for a file of {@code bytes}: one per {@link #PART_BYTES}, at most four a core, each a mapping. */
    private static int partsFor(long bytes) {
        int cores = Runtime.getRuntime().availableProcessors();
        long byCores = Math.max(1, Math.min(4L * cores, bytes / PART_BYTES));
        return (int) Math.max(byCores, (bytes + MAX_PART_BYTES - 1) / MAX_PART_BYTES);
    }

    private static boolean startsWithByteOrderMark(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(3);
        channel.read(head, 0);
        return head.position() == 3 && (head.get(0) & 0xFF) == 0xEF && (head.get(1) & 0xFF) == 0xBB
                && (head.get(2) & 0xFF) == 0xBF;
    }

    /** The first line that is not blank, decoded, its line number in {@code lineNo[0]}; null when there is none. */
    private String firstContentLine(FileChannel channel, long start, long end, long[] lineNo) throws IOException {
        CharsetDecoder decoder = TextFiles.replacingDecoder(format.charset());
        Lines lines = new Lines(channel, start, end);
        while (lines.next()) {
            lineNo[0]++;
            String line = decode(decoder, lines.buf, lines.from, lines.to);
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    private static String decode(CharsetDecoder decoder, byte[] buf, int from, int to) throws IOException {
        return decoder.reset().decode(ByteBuffer.wrap(buf, from, to - from)).toString();
    }

    /** Bytes per line in the first 64 KB, to size each part's columns. */
    private static double bytesPerLine(FileChannel channel, long start, long end) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(1 << 16, end - start));
        channel.read(head, start);
        int lines = 1;
        for (int k = 0; k < head.position(); k++) {
            if (head.get(k) == '\n') {
                lines++;
            }
        }
        return Math.max(1.0, head.position() / (double) lines);
    }

    /** {@code n} parts of [start, end), each beginning just after a {@code \n} (or at start). */
    private static Part[] split(FileChannel channel, long start, long end, int n) throws IOException {
        long[] bounds = new long[n + 1];
        bounds[0] = start;
        bounds[n] = end;
        ByteBuffer probe = ByteBuffer.allocate(1 << 16);
        for (int i = 1; i < n; i++) {
            long at = Math.max(bounds[i - 1], start + (end - start) * i / n);
            bounds[i] = end;
            while (at < end) {
                probe.clear();
                int got = channel.read(probe, at);
                if (got <= 0) {
                    break;
                }
                int nl = -1;
                for (int k = 0; k < got; k++) {
                    if (probe.get(k) == '\n') {
                        nl = k;
                        break;
                    }
                }
                if (nl >= 0) {
                    bounds[i] = at + nl + 1;
                    break;
                }
                at += got;
            }
        }
        Part[] parts = new Part[n];
        for (int i = 0; i < n; i++) {
            parts[i] = new Part(bounds[i], bounds[i + 1]);
        }
        return parts;
    }

    /** Reads the parts on up to one thread a core, this one included. */
    private void runAll(FileChannel channel, Part[] parts) {
        Parallel.forEach(parts.length, i -> {
            try {
                parts[i].read(channel, format.charset());
            } catch (IOException e) {
                parts[i].error = new DataFormatException(name, 0, "cannot read: " + e.getMessage(), e);
            }
        });
    }

    /** The parts in file order: ids, ratings, counts, the first problem and the skipped lines' warnings. */
    private RatingLog merge(Part[] parts, IdIndex users, IdIndex items, ReadStats stats) {
        long linesBefore = 0;
        long skipped = 0;
        int warned = 0;
        long rows = 0;
        for (Part p : parts) {
            if (p.error != null) {
                DataFormatException e = p.error;
                throw new DataFormatException(name, e.line() > 0 ? linesBefore + e.line() : 0, e.problem(),
                        e.getCause());
            }
            RatingsReader r = p.reader;
            for (int i = 0; i < r.skippedLines() && i < RatingsReader.warningsShown(); i++) {
                if (warned < RatingsReader.warningsShown()) {
                    LOG.warn("skipping {}:{}: {}", name, linesBefore + r.deferredLine(i), r.deferredProblem(i));
                    warned++;
                }
            }
            skipped += r.skippedLines();
            linesBefore += p.lines;
            rows += r.builder().size();
            stats.add(p.stats);
        }
        if (skipped > RatingsReader.warningsShown()) {
            LOG.warn("skipping further bad lines of {} without listing them", name);
        }
        if (rows == 0) {
            if (skipped > 0) {
                throw new DataFormatException(name, 0, "no valid ratings (" + skipped + " bad lines skipped)");
            }
            throw new DataFormatException(name, 0, "only a header line, no ratings");
        }
        if (parts.length == 1 && users.size() == 0 && items.size() == 0) {
            // one part into empty catalogues: its ids and columns are the result as they stand
            copyIds(parts[0].users, users);
            copyIds(parts[0].items, items);
            return parts[0].reader.builder().build();
        }
        // the ids in file order first (a part's new ids follow those of the parts before it), then the rows,
        // each part's into its own stretch of the columns, on all cores
        int[][] userMaps = new int[parts.length][], itemMaps = new int[parts.length][];
        int[] at = new int[parts.length + 1];
        for (int p = 0; p < parts.length; p++) {
            userMaps[p] = mapIds(parts[p].users, users);
            itemMaps[p] = mapIds(parts[p].items, items);
            at[p + 1] = at[p] + parts[p].reader.builder().size();
        }
        int n = Math.toIntExact(rows);
        int[] u = new int[n], i = new int[n];
        float[] r = new float[n];
        long[] t = new long[n];
        Parallel.forEach(parts.length, p -> {
            parts[p].reader.builder().copyTo(userMaps[p], itemMaps[p], u, i, r, t, at[p]);
            parts[p].reader = null; // its columns may go
        });
        return RatingLog.of(u, i, r, t);
    }

    private static void copyIds(IdIndex from, IdIndex to) {
        for (int k = 0; k < from.size(); k++) {
            to.add(from.id(k));
        }
    }

    /** {@code map[local] = global}: the part's ids added to the catalogue in the order the part first saw them. */
    private static int[] mapIds(IdIndex local, IdIndex global) {
        int[] map = new int[local.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = global.add(local.id(k));
        }
        return map;
    }

    /** A byte range of the file, read by a reader of its own. */
    private static final class Part {
        final long start, end;
        final IdIndex users = new IdIndex(), items = new IdIndex();
        final ReadStats stats = new ReadStats();
        RatingsReader reader;
        boolean first;       // the part that holds the file's first line, and so a header if there is one
        long lines;          // lines in the part, read or not
        DataFormatException error; // the part's first problem, with the part's own line number

        Part(long start, long end) {
            this.start = start;
            this.end = end;
        }

        void read(FileChannel channel, Charset charset) throws IOException {
            CharsetDecoder decoder = TextFiles.replacingDecoder(charset);
            Lines it = new Lines(channel, start, end);
            boolean sawContent = !first;
            while (true) {
                if (sawContent && it.nextPlain(reader)) {
                    lines++;
                    continue;
                }
                if (!it.next()) {
                    break;
                }
                lines++;
                if (!sawContent && !decode(decoder, it.buf, it.from, it.to).isBlank()) {
                    sawContent = true;
                    if (reader.firstLineIsHeader()) {
                        stats.line();
                        continue;
                    }
                }
                try {
                    reader.read(it.buf, it.from, it.to, lines, decoder);
                } catch (DataFormatException e) {
                    error = e;
                    return;
                }
            }
        }

        void countLines(FileChannel channel) throws IOException {
            Lines it = new Lines(channel, start, end);
            while (it.next()) {
                lines++;
                stats.line();
            }
        }
    }

    /**
     * The lines of a byte range of a file, memory-mapped, one at a time: {@link #next()} sets {@link #buf},
     * {@link #from} and {@link #to} to the line without its terminator.
     */
    private static final class Lines {
        private final MappedByteBuffer map;
        private final int length;
        private int mapped;          // bytes of the mapping copied into buf so far
        byte[] buf = new byte[WINDOW];
        private int filled;          // valid bytes in buf
        private int pos;             // next unread byte in buf
        int from, to;
        private boolean skipNewline; // the last line ended with \r: a \n right after it belongs to it

        Lines(FileChannel channel, long start, long end) throws IOException {
            this.length = (int) (end - start);
            this.map = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
        }

        boolean next() {
            while (true) {
                if (!passNewline()) {
                    return false;
                }
                int k = pos;
                while (k < filled) {
                    byte c = buf[k];
                    if (c == '\n' || c == '\r') {
                        from = pos;
                        to = k;
                        pos = k + 1;
                        skipNewline = c == '\r';
                        return true;
                    }
                    k++;
                }
                // no terminator in what is buffered: the line goes on in the next window, or ends the range
                if (mapped == length) {
                    if (pos == filled) {
                        return false;
                    }
                    from = pos;
                    to = filled;
                    pos = filled;
                    return true;
                }
                refill();
            }
        }

        /**
         * Offers the next line to {@code reader}'s {@linkplain RatingsReader#readPlainLine fast path}: true when it
         * took the line (and this moved past it); false, the line still to come, when the line is not a plain one,
         * or its end is not in the window yet, or nothing is left.
         */
        boolean nextPlain(RatingsReader reader) {
            if (!passNewline()) {
                return false;
            }
            int end = reader.readPlainLine(buf, pos, filled);
            if (end < 0) {
                return false;
            }
            pos = end + 1;
            skipNewline = buf[end] == '\r';
            return true;
        }

        /** After a line that ended with \r, moves past a \n right after it; false when nothing is left. */
        private boolean passNewline() {
            if (skipNewline) {
                if (pos == filled && !refill()) {
                    return false;
                }
                if (buf[pos] == '\n') {
                    pos++;
                }
                skipNewline = false;
            }
            return true;
        }

        /** Moves the unread bytes to the front and copies more of the mapping in; false when nothing is left. */
        private boolean refill() {
            int keep = filled - pos;
            if (keep == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the window
            } else {
                System.arraycopy(buf, pos, buf, 0, keep);
            }
            pos = 0;
            filled = keep;
            int more = Math.min(buf.length - filled, length - mapped);
            if (more <= 0) {
                return keep > 0;
            }
            map.get(mapped, buf, filled, more);
            mapped += more;
            filled += more;
            return true;
        }
    }
}
