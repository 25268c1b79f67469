package org.tripletrec.app.serve;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.tripletrec.model.EmbeddingModel;

/**
 * Title search for the page: every word of the query must occur in the title, ignoring case and accents
 * ("amelie" finds "Amélie"). A title that starts with the query ranks first, then one with a word that starts
 * with it, then the rest; within a rank the item the model scores higher for everyone (its bias) comes first,
 * because that is the one the person most likely means. An exact item id also matches.
 */
final class TitleSearch {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final EmbeddingModel model;
    private final String[] folded; // normalised title per item ("" when none)

    TitleSearch(EmbeddingModel model, String[] titles) {
        this.model = model;
        folded = new String[titles.length];
        for (int i = 0; i < titles.length; i++) {
            folded[i] = titles[i] == null ? "" : fold(titles[i]);
        }
    }

    /** Lower case, accents removed, punctuation turned into single spaces. */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        return NON_WORD.matcher(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** Up to {@code limit} item indices, best match first. */
    List<Integer> find(String query, int limit) {
        String q = fold(query);
        String[] words = q.isEmpty() ? new String[0] : q.split(" ");
        int exactId = model.items().indexOf(query.strip());
        List<int[]> hits = new ArrayList<>(); // {item, rank}
        if (exactId >= 0) {
            hits.add(new int[] {exactId, -1});
        }
        for (int i = 0; i < folded.length && words.length > 0; i++) {
            if (i == exactId || !containsAll(folded[i], words)) {
                continue;
            }
            String t = folded[i];
            int rank = t.startsWith(q) ? 0 : (" " + t).contains(" " + q) ? 1 : 2;
            hits.add(new int[] {i, rank});
        }
        hits.sort(Comparator.<int[]>comparingInt(h -> h[1])
                .thenComparing(h -> -model.bias(h[0]))
                .thenComparingInt(h -> h[0]));
        List<Integer> out = new ArrayList<>(Math.min(limit, hits.size()));
        for (int k = 0; k < hits.size() && k < limit; k++) {
            out.add(hits.get(k)[0]);
        }
        return out;
    }

    private static boolean containsAll(String title, String[] words) {
        for (String w : words) {
            if (!title.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
