package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the k best (score, item) pairs seen, with ties going to the lower item index, in a binary min-heap on
 * primitive arrays: O(n log k) and no allocation per offered item.
 */
public final class TopK {
    private final int k;
    private final int[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative");
        }
        this.k = k;
        items = new int[k];
        scores = new float[k];
    }

    public void clear() {
        size = 0;
    }

    /** True when (s1, i1) ranks below (s2, i2): lower score, or equal score and higher index. */
    private static boolean worse(float s1, int i1, float s2, int i2) {
        return s1 < s2 || (s1 == s2 && i1 > i2);
    }

    /** True when {@link #offer} would keep (item, score) now: callers check this before costlier tests. */
    public boolean accepts(int item, float score) {
        return size < k || (k > 0 && worse(scores[0], items[0], score, item));
    }

    public void offer(int item, float score) {
        if (k == 0) {
            return;
        }
        if (size < k) {
            int c = size++;
            items[c] = item;
            scores[c] = score;
            while (c > 0) {
                int p = (c - 1) >>> 1;
                if (!worse(scores[c], items[c], scores[p], items[p])) {
                    break;
                }
                swap(c, p);
                c = p;
            }
        } else if (worse(scores[0], items[0], score, item)) {
            items[0] = item;
            scores[0] = score;
            int c = 0;
            while (true) {
                int l = 2 * c + 1, r = l + 1, m = c;
                if (l < size && worse(scores[l], items[l], scores[m], items[m])) m = l;
                if (r < size && worse(scores[r], items[r], scores[m], items[m])) m = r;
                if (m == c) break;
                swap(c, m);
                c = m;
            }
        }
    }

    private void swap(int a, int b) {
        int ti = items[a]; items[a] = items[b]; items[b] = ti;
        float ts = scores[a]; scores[a] = scores[b]; scores[b] = ts;
    }

    /** The kept pairs, best first. */
    public List<Scored> toList() {
        Scored[] out = new Scored[size];
        for (int j = 0; j < size; j++) {
            out[j] = new Scored(items[j], scores[j]);
        }
        java.util.Arrays.sort(out, (a, b) -> worse(a.score(), a.item(), b.score(), b.item()) ? 1
                : worse(b.score(), b.item(), a.score(), a.item()) ? -1 : 0);
        return new ArrayList<>(List.of(out));
    }
}
