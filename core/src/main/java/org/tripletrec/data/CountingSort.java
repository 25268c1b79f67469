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

    /** Below this length a run is sorted by insertion: fewer steps than clearing 256 counts. */
    static final int SHORT_RUN = 32;

    /**
     * Sorts each run {@code order[start[g] .. start[g + 1])} stably by {@code keys[row]} (each key in [0, bound)), the
     * runs shared out between the cores: a radix sort of 8 bits a pass, as many passes as {@code bound} needs, or an
     * insertion sort for a run shorter than {@link #SHORT_RUN}.
     */
    static void sortRuns(int[] order, int[] start, int[] keys, int bound) {
        int passes = 1;
        while (passes < 4 && bound > 1 << (8 * passes)) {
            passes++;
        }
        int radixPasses = passes;
        Parallel.forRanges(start.length - 1, (fromRun, toRun) -> {
            int[] tmp = new int[0];
            int[] counts = new int[256];
            for (int g = fromRun; g < toRun; g++) {
                int from = start[g];
                int n = start[g + 1] - from;
                if (n < SHORT_RUN) {
                    insertionSort(order, from, from + n, keys);
                    continue;
                }
                if (tmp.length < n) {
                    tmp = new int[Math.max(n, 2 * tmp.length)];
                }
                for (int pass = 0, shift = 0; pass < radixPasses; pass++, shift += 8) {
                    java.util.Arrays.fill(counts, 0);
                    for (int j = from; j < from + n; j++) {
                        counts[(keys[order[j]] >>> shift) & 0xFF]++;
                    }
                    for (int b = 0, at = 0; b < 256; b++) {
                        int c = counts[b];
                        counts[b] = at;
                        at += c;
                    }
                    for (int j = from; j < from + n; j++) {
                        int row = order[j];
                        tmp[counts[(keys[row] >>> shift) & 0xFF]++] = row;
                    }
                    System.arraycopy(tmp, 0, order, from, n);
                }
            }
        });
    }

    /** A stable insertion sort of {@code order[from .. to)} by {@code keys[row]}. */
    private static void insertionSort(int[] order, int from, int to, int[] keys) {
        for (int j = from + 1; j < to; j++) {
            int row = order[j];
            int key = keys[row];
            int i = j - 1;
            while (i >= from && keys[order[i]] > key) {
                order[i + 1] = order[i];
                i--;
            }
            order[i + 1] = row;
        }
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
