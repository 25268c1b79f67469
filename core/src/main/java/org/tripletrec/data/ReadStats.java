package org.tripletrec.data;

/** Counters filled while reading one or more files: lines seen, ratings kept, bad lines skipped. Not thread-safe. */
public final class ReadStats {
    private long lines;
    private long rows;
    private long skipped;

    void line() { lines++; }
    void row() { rows++; }
    void skip() { skipped++; }

    /** Adds another's counts (a part of a file read in parallel). */
    void add(ReadStats o) {
        lines += o.lines;
        rows += o.rows;
        skipped += o.skipped;
    }

    /** Lines read, blank and header lines included. */
    public long lines() { return lines; }

    /** Ratings appended to a log. */
    public long rows() { return rows; }

    /** Bad lines passed over because skip-bad-lines was on. */
    public long skipped() { return skipped; }

    @Override
    public String toString() {
        return "ReadStats[lines=" + lines + ", rows=" + rows + ", skipped=" + skipped + "]";
    }
}
