package org.tripletrec.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tripletrec.data.IdIndex;
import org.tripletrec.recommend.Scored;

/** Prints a ranked list of items (recommendations, neighbours) as an aligned table or a JSON array. */
final class ItemList {
    private ItemList() {}

    /**
     * @param scoreKey the name of the score column and JSON field ("score", "similarity")
     * @param titles   raw item id to title; may be empty
     */
    static void print(PrintWriter out, List<Scored> ranked, IdIndex items, Map<String, String> titles,
                      String scoreKey, boolean json) throws IOException {
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int rank = 1;
            for (Scored s : ranked) {
                Map<String, Object> row = new LinkedHashMap<>();
                String id = items.id(s.item());
                row.put("rank", rank++);
                row.put("item", id);
                row.put(scoreKey, (double) s.score());
                row.put("title", titles.get(id));
                rows.add(row);
            }
            Json.print(out, rows);
            return;
        }
        int idWidth = "item".length();
        for (Scored s : ranked) {
            idWidth = Math.max(idWidth, items.id(s.item()).length());
        }
        String format = "%4s  %-" + idWidth + "s  %10s  %s";
        out.println(String.format(Locale.ROOT, format, "rank", "item", scoreKey, "title").stripTrailing());
        int rank = 1;
        for (Scored s : ranked) {
            String id = items.id(s.item());
            out.println(String.format(Locale.ROOT, format, rank++, id, String.format(Locale.ROOT, "%.4f", s.score()),
                    titles.getOrDefault(id, "")).stripTrailing());
        }
        out.flush();
    }
}
