package org.tripletrec.data;

/**
 * A stable counting sort of row positions by a small non-negative int key of each row, on all cores: each range
 * of the input counts its keys, the counts become each range's first position for each key (ranges in input
 * order), and each range then places its rows. So rows with equal keys keep their input order, as a stable
 * comparison sort would leave them, in linear time and without a comparison.
 */
final class CountingSort {
    private CountingSort() {}

    /** The rows grouped by key: key k's rows are {@code order[start[k] .. start[k + 1])}, in input order. */
    record Grouped(int[] start, int[] order) {}

    /**
     * Sorts the rows 0 .. n - 1 by {@code keys[row]}, each key in [0, {@code numKeys}). Rows that arrive in key
     * order (a log grouped by user already, as most files are) cost a count and a sequential copy.
     *
     * @throws ArrayIndexOutOfBoundsException if a key lies outside [0, numKeys)
     */
    static Grouped sort(int[] keys, int n, int numKeys) {
        int pieces = Parallel.pieces(n);
        int[][] counts = new int[pieces][numKeys];
        Parallel.forPieces(n, (p, from, to) -> {
            int[] c = counts[p];
            for (int k = from; k < to; k++) {
                c[keys[k]]++;
            }
        });
        // counts[p][key] becomes where range p's first row with that key goes
        int[] start = new int[numKeys + 1];
        int at = 0;
        for (int key = 0; key < numKeys; key++) {
            start[key] = at;
            for (int p = 0; p < pieces; p++) {
                int c = counts[p][key];
                counts[p][key] = at;
                at += c;
            }
        }
        start[numKeys] = at;
        int[] order = new int[n];
        Parallel.forPieces(n, (p, from, to) -> {
            int[] next = counts[p];
            for (int k = from; k < to; k++) {
                order[next[keys[k]]++] = k;
            }
        });
        return new Grouped(start, order);
    }

    /** One more than the largest of {@code values[0 .. n)}, 0 when n is 0. */
    static int bound(int[] values, int n) {
        int[] max = new int[Parallel.pieces(n)];
        java.util.Arrays.fill(max, -1);
        Parallel.forPieces(n, (p, from, to) -> {
            int m = -1;
            for (int k = from; k < to; k++) {
                m = Math.max(m, values[k]);
            }
            max[p] = m;
        });
        int m = -1;
        for (int v : max) {
            m = Math.max(m, v);
        }
        return m + 1;
    }
}
