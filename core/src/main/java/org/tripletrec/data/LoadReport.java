package org.tripletrec.data;

/**
 * What loading a data set saw: rows kept, bad lines skipped (only with skip-bad-lines), repeated (user, item)
 * pairs collapsed (latest wins), and cold users and items: in the catalogue but with no train rating, so their
 * vectors stay at their random initial values.
 */
public record LoadReport(long trainRows, long testRows, long skippedLines, long duplicates,
                         int coldUsers, int coldItems) {
    public static LoadReport empty() { return new LoadReport(0, 0, 0, 0, 0, 0); }
}
