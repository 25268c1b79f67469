package org.tripletrec.recommend;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tripletrec.data.IdIndex;

/** Raw ids and names of a request, as the queries of this package read them. */
final class Ids {
    private Ids() {}

    /** The ids with surrounding blanks stripped, blank ones and repeats dropped, in the order first given. */
    static Set<String> stripped(Collection<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        if (ids != null) {
            for (String id : ids) {
                String s = id.strip();
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The indices of the ids {@code index} knows, in order; the others go to {@code unknown} (null: dropped). */
    static int[] indices(IdIndex index, Set<String> ids, List<String> unknown) {
        int[] out = new int[ids.size()];
        int n = 0;
        for (String id : ids) {
            int i = index.indexOf(id);
            if (i >= 0) {
                out[n++] = i;
            } else if (unknown != null) {
                unknown.add(id);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
