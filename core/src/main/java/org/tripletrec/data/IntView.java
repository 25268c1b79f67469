package org.tripletrec.data;

import java.util.Arrays;

/** A read-only window on a sorted int array: one user's items, without copying. */
public record IntView(int[] array, int from, int to) {
    public int size() { return to - from; }
    public int get(int j) { return array[from + j]; }
    public boolean contains(int value) { return Arrays.binarySearch(array, from, to, value) >= 0; }
    public int[] toArray() { return Arrays.copyOfRange(array, from, to); }
    public static IntView of(int... sortedValues) { return new IntView(sortedValues, 0, sortedValues.length); }
}
