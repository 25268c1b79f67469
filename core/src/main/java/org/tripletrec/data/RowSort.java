package org.tripletrec.data;

import java.util.function.IntToLongFunction;

/** A stable sort of row positions by a long key of each row, without boxing. */
public final class RowSort {
    private RowSort() {}

    /** Sorts {@code rows[from, to)} by {@code key} of each row; rows with equal keys keep their order. */
    public static void byKey(int[] rows, int from, int to, IntToLongFunction key) {
        if (to - from < 2) {
            return;
        }
        mergeSort(rows, new int[rows.length], from, to, key);
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntToLongFunction key) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, key);
        mergeSort(a, tmp, mid, to, key);
        if (key.applyAsLong(a[mid - 1]) <= key.applyAsLong(a[mid])) {
            return; // already in order (the common case for rows that arrive nearly sorted)
        }
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            // <= keeps equal keys in their order (stable)
            if (key.applyAsLong(a[i]) <= key.applyAsLong(a[j])) {
                tmp[k++] = a[i++];
            } else {
                tmp[k++] = a[j++];
            }
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < to) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, from, a, from, to - from);
    }
}
