package org.tripletrec.recommend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;

/**
 * What one request asks to leave out of, or to keep in, its list, by raw item ids and item feature names: the
 * filters of {@code tripletrec recommend --exclude/--candidates/--feature} and of the HTTP API's {@code exclude},
 * {@code candidates}, {@code feature} and {@code feature_match}. {@link #resolve} turns it into an
 * {@link ItemFilter} over one model, to be combined with the rated-items filter. Immutable.
 *
 * <p>Ids a model does not know are ignored, in both lists: a catalogue changes between the request's source and
 * the model, and an unknown id can be neither returned nor left out. So a candidate list of unknown ids alone
 * allows nothing. Feature names are the model's own vocabulary: an unknown name is an error, as is a feature
 * filter on a model without item features, because a misspelt genre would otherwise filter everything out.
 *
 * @param exclude    item ids never to return (blanks stripped, repeats dropped); empty for none
 * @param candidates the only item ids to choose from; null for every item (an empty set allows nothing)
 * @param features   item feature names an item must have (see {@code match}); empty for no feature filter
 * @param match      whether an item needs any one of the features or all of them
 */
public record RequestFilter(Set<String> exclude, Set<String> candidates, Set<String> features, Match match) {

    /** How an item must match a list of features. */
    public enum Match {
        ANY, ALL;

        /** "any" or "all", in any case. */
        public static Match parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "any" -> ANY;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("feature match must be any or all, got '" + s + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final RequestFilter NONE = new RequestFilter(Set.of(), null, Set.of(), Match.ANY);

    public RequestFilter {
        exclude = Collections.unmodifiableSet(Ids.stripped(exclude));
        candidates = candidates == null ? null : Collections.unmodifiableSet(Ids.stripped(candidates));
        features = Collections.unmodifiableSet(Ids.stripped(features));
        match = match == null ? Match.ANY : match;
    }

    /** No filter: every item. */
    public static RequestFilter none() {
        return NONE;
    }

    public RequestFilter withExclude(Collection<String> ids) {
        return new RequestFilter(new LinkedHashSet<>(ids), candidates, features, match);
    }

    /** @param ids the only items to choose from; null for every item */
    public RequestFilter withCandidates(Collection<String> ids) {
        return new RequestFilter(exclude, ids == null ? null : new LinkedHashSet<>(ids), features, match);
    }

    public RequestFilter withFeatures(Collection<String> names, Match newMatch) {
        return new RequestFilter(exclude, candidates, new LinkedHashSet<>(names), newMatch);
    }

    /** True when it lets every item through. */
    public boolean isEmpty() {
        return exclude.isEmpty() && candidates == null && features.isEmpty();
    }

    /**
     * The filter over {@code model}'s items; {@link ItemFilter#all()} when this one is empty. Its
     * {@link ItemFilter#allowsAtMost()} is the number of known candidates, or of the items having the features
     * (the per-feature counts are kept by the model's feature matrix, so this stays cheap per request).
     *
     * @throws UnknownIdsException      naming every feature the model's item vocabulary lacks
     * @throws IllegalArgumentException when features are asked of a model without item features
     */
    public ItemFilter resolve(EmbeddingModel model) {
        ItemFilter filter = null;
        if (!features.isEmpty()) {
            FeatureMatrix items = model.features() == null ? null : model.features().items();
            if (items == null) {
                throw new IllegalArgumentException("the model has no item features, so it cannot filter by "
                        + String.join(", ", features));
            }
            List<String> unknown = new ArrayList<>();
            int[] fs = Ids.indices(items.features(), features, unknown);
            if (!unknown.isEmpty()) {
                throw new UnknownIdsException("item features", unknown);
            }
            filter = ItemFilter.withFeatures(items, fs, match == Match.ALL);
        }
        if (candidates != null) {
            filter = and(filter, ItemFilter.only(Ids.indices(model.items(), candidates, null)));
        }
        if (!exclude.isEmpty()) {
            int[] excluded = Ids.indices(model.items(), exclude, null);
            if (excluded.length > 0) {
                filter = and(filter, ItemFilter.excluding(excluded));
            }
        }
        return filter == null ? ItemFilter.all() : filter;
    }

    private static ItemFilter and(ItemFilter a, ItemFilter b) {
        return a == null ? b : a.and(b);
    }

    /** Indices of the known ids; unknown ones go to {@code unknown} when it is given, else are dropped. */}
