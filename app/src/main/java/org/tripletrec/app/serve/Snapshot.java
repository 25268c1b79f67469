package org.tripletrec.app.serve;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.tripletrec.data.IntView;
import org.tripletrec.data.RatedItems;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.Audience;
import org.tripletrec.recommend.FoldIn;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.ItemIndex;
import org.tripletrec.recommend.ModelRatings;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.recommend.Scored;

/**
 * One loaded model with everything derived from it: recommender, fold-in, each user's rated items and each
 * item's title in the model's own numbering, the title index. Immutable: a request takes the current snapshot
 * once and uses only it, so a reload that swaps in another one never changes a request half-way.
 */
final class Snapshot {
    final EmbeddingModel model;
    final Recommender recommender;
    final FoldIn foldIn;
    final TitleSearch search;
    final Meta meta;
    /** Most longs that rated-item bit sets may take (64 MiB); beyond, the sorted lists are searched instead. */
    private static final long MAX_BIT_SET_WORDS = 8L << 20;

    private final RatedFrom ratedFrom;
    private final RatedItems rated; // null when the ratings are not known
    private final long[][] ratedBits; // the same as bit sets per model user (null rows: none), when small enough; else null
    private final String[] titles; // per model item, null when unknown
    private volatile Audience audience;

    /**
     * Where a snapshot came from.
     *
     * @param version     1 for the model loaded at start, +1 for every successful reload
     * @param sha256      of the model file's bytes, to tell which file is serving
     * @param loadSeconds reading, checking and indexing
     */
    record Meta(long version, Path file, String sha256, Instant loadedAt, double loadSeconds) {}

    Snapshot(EmbeddingModel model, ItemIndex index, ServingData data, Meta meta) {
        this(model, index, data, meta, MAX_BIT_SET_WORDS);
    }

    /** @param maxBitSetWords most longs the rated-item bit sets may take; 0 for sorted lists always */
    Snapshot(EmbeddingModel model, ItemIndex index, ServingData data, Meta meta, long maxBitSetWords) {
        this.model = model;
        this.meta = meta;
        recommender = new Recommender(model, index);
        foldIn = new FoldIn(model);
        titles = new String[model.numItems()];
        for (int i = 0; i < titles.length; i++) {
            titles[i] = data.titles().get(model.items().id(i));
        }
        // the model's own rated items need no data on this machine; data the server was given adds its ratings
        boolean carried = model.rated() != null;
        ratedFrom = data.hasRatings() ? (carried ? RatedFrom.MODEL_AND_DATA : RatedFrom.DATA)
                : carried ? RatedFrom.MODEL : RatedFrom.NONE;
        rated = switch (ratedFrom) {
            case MODEL -> model.rated();
            case DATA, MODEL_AND_DATA -> ModelRatings.modelAndData(model, data.train(), data.users(), data.items());
            case NONE -> null;
        };
        long words = rated == null ? 0 : (long) rated.numUsers() * ((model.numItems() + 63) >>> 6);
        ratedBits = rated == null || words > maxBitSetWords ? null : new long[rated.numUsers()][];
        for (int u = 0; ratedBits != null && u < ratedBits.length; u++) {
            IntView row = rated.items(u);
            if (row.size() > 0) {
                ratedBits[u] = new long[(model.numItems() + 63) >>> 6];
                for (int j = 0; j < row.size(); j++) {
                    int i = row.get(j);
                    ratedBits[u][i >>> 6] |= 1L << i;
                }
            }
        }
        search = new TitleSearch(model, titles);
    }

    private Snapshot(Snapshot other, Meta meta, Recommender recommender) {
        model = other.model;
        this.recommender = recommender;
        foldIn = other.foldIn;
        search = other.search;
        ratedFrom = other.ratedFrom;
        rated = other.rated;
        ratedBits = other.ratedBits;
        titles = other.titles;
        this.meta = meta;
    }

    /** The same snapshot described by other metadata (the load time is known only once it is built). */
    Snapshot withMeta(Meta newMeta) {
        return new Snapshot(this, newMeta, recommender);
    }

    /** The same model and version searched with another index of it (the index completed after the start). */
    Snapshot withIndex(ItemIndex index) {
        return new Snapshot(this, meta, new Recommender(model, index));
    }

    /** Where the rated items left out of a known user's list come from. */
    enum RatedFrom {
        MODEL("model"), DATA("data"), MODEL_AND_DATA("model+data"), NONE("none");

        private final String label;

        RatedFrom(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    boolean knowsRatings() {
        return ratedFrom != RatedFrom.NONE;
    }

    RatedFrom ratedFrom() {
        return ratedFrom;
    }

    String itemId(int i) {
        return model.items().id(i);
    }

    /** The title, or null when none is known. */
    String title(int i) {
        return titles[i];
    }

    /** Top k for a known user, its training items left out unless {@code includeRated}. */
    List<Scored> recommend(int user, int k, boolean includeRated) {
        return recommender.recommend(user, k, includeRated ? ItemFilter.all() : notRated(user));
    }

    /** The same among the items {@code filter} allows (a request's filters). */
    List<Scored> recommend(int user, int k, boolean includeRated, ItemFilter filter) {
        return recommender.recommend(user, k, includeRated ? filter : notRated(user).and(filter));
    }

    /** Who a new item is for; built on first use, since most servers never ask. */
    Audience audience() {
        Audience a = audience;
        if (a == null) {
            a = new Audience(model);
            audience = a; // a race builds it twice, never wrongly
        }
        return a;
    }

    /**
     * Leaves out the user's training items: a bit test when the bit sets fit in memory (a catalogue of MovieLens
     * size), else a binary search of the sorted list (a million items would need 125 kB of bits per user).
     */
    private ItemFilter notRated(int user) {
        if (rated == null || user >= rated.numUsers() || rated.count(user) == 0) {
            return ItemFilter.all();
        }
        if (ratedBits != null) {
            long[] seen = ratedBits[user];
            return (u, i) -> (seen[i >>> 6] & (1L << i)) == 0;
        }
        return (u, i) -> !rated.isRated(user, i);
    }

    float cosine(int a, int b) {
        return recommender.cosine(a, b);
    }
}
