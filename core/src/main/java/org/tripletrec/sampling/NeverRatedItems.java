package org.tripletrec.sampling;

import java.util.IdentityHashMap;
import java.util.Map;
import org.tripletrec.data.Interactions;

/**
 * Items of a data set that nobody rated, left out of the unrated draws of every sampler while a hybrid model
 * trains on that data. Such an item is in the catalogue only because a feature file names it: that nobody rated
 * it says it is new, not that users pass it over. Drawn as a negative, its features would learn "new items are
 * bad", exactly what a model must not believe about the items it is asked to recommend from their features
 * alone. Not drawn, its id row stays zero and its vector is its features', as for an item added later.
 *
 * <p>{@link #exclude} registers the data set for the duration of a training run; {@link Unrated} asks
 * {@link #of} at every draw, which costs one volatile read when nothing is registered.
 */
public final class NeverRatedItems {
    private static final Map<Interactions, boolean[]> ACTIVE = new IdentityHashMap<>();
    // Registrations per data set: the channels of one run (ChannelTrainer) register the same data side by side,
    // and the first to finish must not put the items back while the others still draw.
    private static final Map<Interactions, Integer> HOLDERS = new IdentityHashMap<>();
    private static volatile int active;
    // The last answer of of(), data and mask in one object: read as two fields, one thread could pair another
    // thread's data with its own mask.
    private static volatile Last last;

    private record Last(Interactions data, boolean[] mask) {}

    private NeverRatedItems() {}

    /** A registration; closing it puts the items back into the draws. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Leaves the items of {@code data} without a rating out of the unrated draws until the result is closed. */
    public static Registration exclude(Interactions data) {
        boolean[] mask = mask(data);
        synchronized (ACTIVE) {
            ACTIVE.putIfAbsent(data, mask);
            HOLDERS.merge(data, 1, Integer::sum);
            active = ACTIVE.size();
            last = null;
        }
        return () -> {
            synchronized (ACTIVE) {
                if (HOLDERS.merge(data, -1, Integer::sum) == 0) {
                    HOLDERS.remove(data);
                    ACTIVE.remove(data);
                }
                active = ACTIVE.size();
                last = null;
            }
        };
    }

    /** True per item that nobody rated in {@code data}. */
    public static boolean[] mask(Interactions data) {
        boolean[] never = new boolean[data.numItems()];
        java.util.Arrays.fill(never, true);
        for (int u = 0; u < data.numUsers(); u++) {
            var row = data.rated(u);
            for (int j = 0; j < row.size(); j++) {
                never[row.get(j)] = false;
            }
        }
        return never;
    }

    /** The items excluded from the draws on {@code data}, or null when none are. */
    static boolean[] of(Interactions data) {
        if (active == 0) {
            return null;
        }
        Last l = last;
        if (l != null && l.data() == data) {
            return l.mask();
        }
        synchronized (ACTIVE) {
            boolean[] m = ACTIVE.get(data);
            last = new Last(data, m);
            return m;
        }
    }
}
