package org.tripletrec.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.data.IdIndex;

/**
 * Reads a ratings file (or folder of part files) with Spark, for data too big for one machine: delimited text
 * ({@code user, item, rating[, time]}: tab, comma, {@code ::}, {@code ;} or {@code |}, detected from the first
 * line, an optional header line skipped) or Parquet (columns user/userId/user_id, item/itemId/movieId/item_id,
 * rating, optional timestamp/time). Ids become dense indices in numeric order when all are integers, else in
 * string order, as core's loader does; the id lists are collected once (the model file needs them).
 */
final class SparkInput {
    record Raw(String user, String item, float rating, long time) implements Serializable {}

    /** The indexed ratings and the catalogue. */
    record Indexed(JavaRDD<RatingRow> all, IdIndex users, IdIndex items) {}

    private SparkInput() {}

    static void requireExists(JavaSparkContext sc, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(sc.hadoopConfiguration());
            FileStatus[] found = fs.globStatus(p);
            if (found == null || found.length == 0) {
                throw new DataNotFoundException("ratings " + path + " not found");
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new DataNotFoundException("ratings " + path + " cannot be opened: " + e.getMessage());
        }
    }

    static JavaRDD<Raw> read(SparkSession spark, String path, String format, boolean skipBad) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        requireExists(sc, path);
        String fmt = format != null ? format.toLowerCase(Locale.ROOT)
                : path.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "csv";
        return switch (fmt) {
            case "parquet" -> parquet(spark, path);
            case "csv", "tsv", "text" -> text(sc, path, skipBad);
            default -> throw new IllegalArgumentException("unknown --format '" + format + "' (csv, parquet)");
        };
    }

    private static JavaRDD<Raw> text(JavaSparkContext sc, String path, boolean skipBad) {
        JavaRDD<String> lines = sc.textFile(path);
        List<String> first = lines.take(1);
        if (first.isEmpty()) {
            throw new DataFormatException(path, 0, "the file is empty");
        }
        String head = first.get(0);
        String sep = head.contains("\t") ? "\t" : head.contains("::") ? "::" : head.contains(",") ? ","
                : head.contains(";") ? ";" : head.contains("|") ? "|" : null;
        if (sep == null) {
            throw new DataFormatException(path, 1, "no separator (tab, comma, '::', ';' or '|') in '" + abbreviate(head) + "'");
        }
        String[] h = head.split(java.util.regex.Pattern.quote(sep), -1);
        boolean header = h.length >= 3 && !isNumber(h[2].trim());
        String quoted = java.util.regex.Pattern.quote(sep);
        return lines.mapPartitionsWithIndex((part, it) -> {
            List<Raw> out = new ArrayList<>();
            boolean skipFirst = header && part == 0;
            while (it.hasNext()) {
                String line = it.next();
                if (skipFirst) {
                    skipFirst = false;
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                Raw r = parse(path, line, quoted, skipBad);
                if (r != null) {
                    out.add(r);
                }
            }
            return out.iterator();
        }, false);
    }

    static Raw parse(String path, String line, String quotedSep, boolean skipBad) {
        String[] f = line.split(quotedSep, -1);
        String problem = null;
        if (f.length < 3) {
            problem = "expected user, item, rating[, time] but found " + f.length + " field" + (f.length == 1 ? "" : "s");
        } else if (f[0].isBlank() || f[1].isBlank()) {
            problem = "empty user or item id";
        } else if (!isNumber(f[2].trim())) {
            problem = "rating '" + abbreviate(f[2].trim()) + "' is not a number";
        } else if (f.length > 3 && !f[3].isBlank() && !isNumber(f[3].trim())) {
            problem = "time '" + abbreviate(f[3].trim()) + "' is not a number";
        }
        if (problem != null) {
            if (skipBad) {
                return null;
            }
            throw new DataFormatException(path, 0, "bad row '" + abbreviate(line) + "': " + problem
                    + " (use --skip-bad-lines to drop such rows)");
        }
        float rating = Float.parseFloat(f[2].trim());
        long time = f.length > 3 && !f[3].isBlank() ? (long) Double.parseDouble(f[3].trim()) : 0L;
        return new Raw(f[0].trim(), f[1].trim(), rating, time);
    }

    private static JavaRDD<Raw> parquet(SparkSession spark, String path) {
        Dataset<Row> df = spark.read().parquet(path);
        List<String> cols = Arrays.asList(df.columns());
        String u = pick(path, cols, "user", "userId", "user_id");
        String i = pick(path, cols, "item", "itemId", "movieId", "item_id");
        String r = pick(path, cols, "rating", "score", "value");
        String t = cols.contains("timestamp") ? "timestamp" : cols.contains("time") ? "time" : null;
        Dataset<Row> sel = df.selectExpr("CAST(" + u + " AS STRING)", "CAST(" + i + " AS STRING)",
                "CAST(" + r + " AS FLOAT)", t == null ? "CAST(0 AS BIGINT)" : "CAST(" + t + " AS BIGINT)");
        return sel.javaRDD().map(row -> {
            if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2)) {
                throw new DataFormatException(path, 0, "a row has a null or non-numeric user, item or rating: " + row);
            }
            return new Raw(row.getString(0), row.getString(1), row.getFloat(2), row.isNullAt(3) ? 0L : row.getLong(3));
        });
    }

    private static String pick(String path, List<String> cols, String... names) {
        for (String n : names) {
            if (cols.contains(n)) {
                return n;
            }
        }
        throw new DataFormatException(path, 0, "no column " + String.join(" / ", names) + " (columns: " + cols + ")");
    }

    /** Dense indices for the ids; the sorted id lists are broadcast to the tasks that map ids to indices. */
    static Indexed index(JavaSparkContext sc, JavaRDD<Raw> raw) {
        raw = raw.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        String[] users = raw.map(Raw::user).distinct().collect().toArray(new String[0]);
        String[] items = raw.map(Raw::item).distinct().collect().toArray(new String[0]);
        if (users.length == 0) {
            throw new IllegalArgumentException("no ratings to train on");
        }
        boolean numericUsers = allLong(users);
        boolean numericItems = allLong(items);
        Arrays.sort(users, order(numericUsers));
        Arrays.sort(items, order(numericItems));
        Broadcast<String[]> bu = sc.broadcast(users);
        Broadcast<String[]> bi = sc.broadcast(items);
        JavaRDD<RatingRow> rows = raw.map(r -> new RatingRow(find(bu.value(), r.user(), numericUsers),
                find(bi.value(), r.item(), numericItems), r.rating(), r.time()));
        return new Indexed(rows, IdIndex.of(Arrays.asList(users)), IdIndex.of(Arrays.asList(items)));
    }

    private static Comparator<String> order(boolean numeric) {
        return numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    }

    private static int find(String[] sorted, String id, boolean numeric) {
        int k = Arrays.binarySearch(sorted, id, order(numeric));
        if (k < 0) {
            throw new IllegalStateException("id " + id + " missing from the index");
        }
        return k;
    }

    private static boolean allLong(String[] a) {
        for (String s : a) {
            if (!isLong(s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
