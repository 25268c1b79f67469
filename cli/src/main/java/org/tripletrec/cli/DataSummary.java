package org.tripletrec.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.tripletrec.data.Dataset;
import org.tripletrec.data.FeedbackPolicy;
import org.tripletrec.data.Interactions;
import org.tripletrec.data.LoadReport;

/** What was loaded, labelled with the thresholds in force: printed before training and stored in the metrics file. */
public record DataSummary(String name, String split, int users, int items, long trainRows, long testRows,
                          long trainLikes, long trainDislikes, long trainNeutral, long testLikes, long testDislikes,
                          int coldUsers, int coldItems, long duplicates, long skippedLines) {

    public static DataSummary of(Dataset data, String split, Interactions train, Interactions test) {
        LoadReport r = data.report();
        return new DataSummary(data.name(), split, data.numUsers(), data.numItems(), r.trainRows(), r.testRows(),
                train.anchorCount(), train.totalNegatives(), train.totalNeutrals(),
                test.anchorCount(), test.totalNegatives(), r.coldUsers(), r.coldItems(), r.duplicates(),
                r.skippedLines());
    }

    /** Two lines for the console. */
    public String format(FeedbackPolicy policy) {
        return String.format(Locale.ROOT,
                "data %s (split %s): %,d users, %,d items; train %,d ratings (%,d likes >= %s, %,d dislikes <= %s,"
                        + " %,d neutral), test %,d (%,d likes, %,d dislikes)%n"
                        + "      %,d cold users, %,d cold items (no train rating), %,d duplicates collapsed,"
                        + " %,d bad lines skipped",
                name, split, users, items, trainRows, trainLikes, number(policy.positiveThreshold()), trainDislikes,
                number(policy.negativeThreshold()), trainNeutral, testRows, testLikes, testDislikes, coldUsers,
                coldItems, duplicates, skippedLines);
    }

    private static String number(float f) {
        return f == Math.rint(f) && Float.isFinite(f) ? Integer.toString((int) f) : Float.toString(f);
    }

    /** snake_case keys for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("split", split);
        m.put("users", users);
        m.put("items", items);
        m.put("train_rows", trainRows);
        m.put("test_rows", testRows);
        m.put("train_likes", trainLikes);
        m.put("train_dislikes", trainDislikes);
        m.put("train_neutral", trainNeutral);
        m.put("test_likes", testLikes);
        m.put("test_dislikes", testDislikes);
        m.put("cold_users", coldUsers);
        m.put("cold_items", coldItems);
        m.put("duplicates", duplicates);
        m.put("skipped_lines", skippedLines);
        return m;
    }
}
