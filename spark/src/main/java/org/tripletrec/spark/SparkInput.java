package org.tripletrec.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.data.IdIndex;
import org.tripletrec.data.IdOrder;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.RatingsFormat;
import org.tripletrec.data.RatingsReader;
import org.tripletrec.data.ReadStats;
import scala.Tuple2;

/**
 * Reads ratings with Spark, for data too big for one machine: a file, folder or glob on any Hadoop file system,
 * as delimited text or Parquet. Text lines go through core's {@link RatingsReader} (the same separator and header
 * detection, columns, checks and messages as {@code tripletrec train --ratings}); each input partition becomes
 * one {@link RatingChunk}. {@link #index} then numbers the ids as core's loader does.
 */
final class SparkInput {
    /** Text input partitions with more lines than this would overflow a position. */
    private static final long MAX_ROWS_PER_PARTITION = 1L << 32;

    /** The ratings as dense indices, and the catalogue they index. */
    record Indexed(JavaRDD<RatingRow> rows, IdIndex users, IdIndex items) {}

    private SparkInput() {}

    /**
     * Reads {@code path} and parses every partition (the result is cached): text unless {@code format} is
     * parquet or the path ends in .parquet. Bad lines fail with {@code FILE:LINE: problem}, or with
     * {@code layout.skipBadLines()} are counted in {@code skipped}. {@code partitionOffset} numbers the partitions
     * after those of an input read before (a test file after its train file).
     */
    static JavaRDD<RatingChunk> read(SparkSession spark, String path, String format, RatingsFormat layout,
                                     int partitionOffset, LongAccumulator skipped) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        boolean singleFile = requireExists(sc, path);
        String fmt = format != null ? format.toLowerCase(Locale.ROOT)
                : path.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "parquet" : "text";
        JavaRDD<RatingChunk> chunks = switch (fmt) {
            case "parquet" -> parquet(spark, path, layout, partitionOffset, skipped);
            case "text", "csv", "tsv" -> text(sc, path, singleFile, layout, partitionOffset, skipped);
            default -> throw new IllegalArgumentException("unknown --format '" + format + "' (text, parquet)");
        };
        chunks = chunks.persist(StorageLevel.MEMORY_AND_DISK());
        chunks.setName("tripletrec parsed " + path);
        long rows;
        try {
            rows = chunks.map(c -> (long) c.size()).fold(0L, Long::sum);
        } catch (Exception e) { // Spark's SparkException is checked, and thrown without being declared
            BadLine bad = SparkErrors.find(e, BadLine.class);
            if (bad == null) {
                throw e;
            }
            throw new DataFormatException(bad.name, lineNumber(sc, path, bad), bad.problem);
        }
        if (rows == 0) {
            throw new DataFormatException(path, 0, skipped.value() > 0
                    ? "no valid ratings (" + skipped.value() + " bad lines skipped)" : "no ratings");
        }
        return chunks;
    }

    /** True when {@code path} names one file, false for a folder or a glob; fails when it matches nothing. */
    private static boolean requireExists(JavaSparkContext sc, String path) {
        FileStatus[] found;
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(sc.hadoopConfiguration());
            found = fs.globStatus(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new DataNotFoundException("ratings " + path + " cannot be opened: " + e.getMessage());
        }
        if (found == null || found.length == 0) {
            throw new DataNotFoundException("ratings " + path + " not found");
        }
        return found.length == 1 && found[0].isFile();
    }

    /** A bad line as a task sees it: its file, the split it is in, and its number inside the split. */
    static final class BadLine extends RuntimeException {
        final String name;
        final String file;
        final long splitStart;
        final long lineInSplit;
        final String problem;

        BadLine(String name, String file, long splitStart, long lineInSplit, String problem) {
            super(name + ": line " + lineInSplit + " of the split at byte " + splitStart + ": " + problem);
            this.name = name;
            this.file = file;
            this.splitStart = splitStart;
            this.lineInSplit = lineInSplit;
            this.problem = problem;
        }
    }

    private static JavaHadoopRDD<LongWritable, Text> lines(JavaSparkContext sc, String path) {
        return (JavaHadoopRDD<LongWritable, Text>) sc.hadoopFile(path, TextInputFormat.class, LongWritable.class,
                Text.class);
    }

    private static JavaRDD<RatingChunk> text(JavaSparkContext sc, String path, boolean singleFile,
                                             RatingsFormat layout, int partitionOffset, LongAccumulator skipped) {
        JavaHadoopRDD<LongWritable, Text> lines = lines(sc, path);
        List<String> first = lines.values().map(Text::toString).filter(l -> !l.isBlank()).take(1);
        if (first.isEmpty()) {
            throw new DataFormatException(path, 0, "file is empty, no ratings");
        }
        String firstLine = first.get(0);
        // Decided once, on the first line of the input, and then the same for every file and part of it.
        RatingsReader probe = RatingsReader.forLines(path, firstLine, layout, new IdIndex(), new IdIndex(),
                new ReadStats());
        boolean header = probe.firstLineIsHeader();
        RatingsFormat fixed = layout.withSeparator(probe.separator()).withHeader(header);
        return lines.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fileSplit = (FileSplit) split;
            String file = fileSplit.getPath().toString();
            String name = singleFile ? path : display(fileSplit.getPath());
            IdIndex users = new IdIndex(), items = new IdIndex();
            ReadStats stats = new ReadStats();
            RatingsReader reader = RatingsReader.forLines(name, firstLine, fixed, users, items, stats);
            boolean atHeader = header && fileSplit.getStart() == 0;
            long lineInSplit = 0;
            while (it.hasNext()) {
                String line = it.next()._2().toString();
                lineInSplit++;
                if (atHeader && !line.isBlank()) {
                    atHeader = false;
                    continue;
                }
                try {
                    reader.read(line, 0);
                } catch (DataFormatException e) {
                    throw new BadLine(name, file, fileSplit.getStart(), lineInSplit, e.problem());
                }
            }
            if (lineInSplit >= MAX_ROWS_PER_PARTITION) {
                throw new IllegalStateException("an input split of " + name + " holds 2^32 lines or more");
            }
            skipped.add(stats.skipped());
            int partition = partitionOffset + TaskContext.getPartitionId();
            return List.of(RatingChunk.of(partition, reader.ratings(), users, items)).iterator();
        }, false);
    }

    /** A local file as a plain path, anything else as a URI. */
    private static String display(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    /** The 1-based line number of a bad line: the lines of the file's earlier splits, counted again. */
    private static long lineNumber(JavaSparkContext sc, String path, BadLine bad) {
        String file = bad.file;
        long start = bad.splitStart;
        long before = lines(sc, path).mapPartitionsWithInputSplit((split, it) -> {
            FileSplit s = (FileSplit) split;
            long n = 0;
            if (s.getPath().toString().equals(file) && s.getStart() < start) {
                for (; it.hasNext(); it.next()) {
                    n++;
                }
            }
            return List.of(n).iterator();
        }, false).fold(0L, Long::sum);
        return before + bad.lineInSplit;
    }

    /**
     * Parquet: columns named by the layout when it names them, else the first of user/userId/user_id,
     * item/itemId/movieId/item_id, rating/score, and timestamp/time if present.
     */
    private static JavaRDD<RatingChunk> parquet(SparkSession spark, String path, RatingsFormat layout,
                                                int partitionOffset, LongAccumulator skipped) {
        org.apache.spark.sql.Dataset<Row> df = spark.read().parquet(path);
        List<String> cols = Arrays.asList(df.columns());
        String u = column(path, cols, layout.user(), "user", "userId", "user_id");
        String i = column(path, cols, layout.item(), "item", "itemId", "movieId", "item_id");
        String r = layout.rating() == null ? null : column(path, cols, layout.rating(), "rating", "score");
        String t = layout.time() == null ? null : optionalColumn(cols, layout.time(), "timestamp", "time");
        org.apache.spark.sql.Dataset<Row> sel = df.selectExpr("CAST(`" + u + "` AS STRING)", "CAST(`" + i + "` AS STRING)",
                r == null ? "CAST(1.0 AS DOUBLE)" : "CAST(`" + r + "` AS DOUBLE)",
                t == null ? "CAST(0 AS BIGINT)" : "CAST(`" + t + "` AS BIGINT)");
        boolean skipBad = layout.skipBadLines();
        return sel.javaRDD().mapPartitions(it -> {
            IdIndex users = new IdIndex(), items = new IdIndex();
            RatingLog.Builder b = new RatingLog.Builder();
            long bad = 0;
            while (it.hasNext()) {
                Row row = it.next();
                String problem = row.isNullAt(0) || row.getString(0).isBlank() ? "empty user id"
                        : row.isNullAt(1) || row.getString(1).isBlank() ? "empty item id"
                        : row.isNullAt(2) || !Float.isFinite((float) row.getDouble(2))
                        ? "rating '" + row.get(2) + "' is not a finite number" : null;
                if (problem != null) {
                    if (!skipBad) {
                        throw new DataFormatException(path, 0, problem + " in row " + row);
                    }
                    bad++;
                    continue;
                }
                b.add(users.add(row.getString(0).strip()), items.add(row.getString(1).strip()),
                        (float) row.getDouble(2), row.isNullAt(3) ? 0L : row.getLong(3));
            }
            skipped.add(bad);
            int partition = partitionOffset + TaskContext.getPartitionId();
            return List.of(RatingChunk.of(partition, b.build(), users, items)).iterator();
        });
    }

    private static String column(String path, List<String> cols, RatingsFormat.Column wanted, String... names) {
        String found = optionalColumn(cols, wanted, names);
        if (found == null) {
            throw new DataFormatException(path, 0, "no column " + (wanted.byName() ? wanted.name() : String.join(" / ", names))
                    + " (columns: " + String.join(", ", cols) + ")");
        }
        return found;
    }

    private static String optionalColumn(List<String> cols, RatingsFormat.Column wanted, String... names) {
        if (wanted.byName()) {
            return cols.contains(wanted.name()) ? wanted.name() : null;
        }
        for (String n : names) {
            if (cols.contains(n)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Numbers the ids as core's loader does (numeric order when all ids are integers, else the order in which
     * they first appear in the input) and turns every rating into indices. Nothing per rating goes through the
     * driver: only the distinct ids.
     */
    static Indexed index(JavaSparkContext sc, JavaRDD<RatingChunk> chunks) {
        IdIndex users = catalogue(chunks, true);
        IdIndex items = catalogue(chunks, false);
        Broadcast<Lookup> bu = sc.broadcast(Lookup.of(users));
        Broadcast<Lookup> bi = sc.broadcast(Lookup.of(items));
        JavaRDD<RatingRow> rows = chunks.flatMap(c -> {
            int[] um = bu.value().indices(c.userIds());
            int[] im = bi.value().indices(c.itemIds());
            List<RatingRow> out = new ArrayList<>(c.size());
            for (int k = 0; k < c.size(); k++) {
                out.add(new RatingRow(um[c.user()[k]], im[c.item()[k]], c.rating()[k], c.time()[k], c.position(k)));
            }
            return out.iterator();
        });
        return new Indexed(rows, users, items);
    }

    /** The ids in the order a loader gives them: each id's first position, then core's {@link IdOrder}. */
    private static IdIndex catalogue(JavaRDD<RatingChunk> chunks, boolean users) {
        List<Tuple2<String, Long>> firsts = chunks.flatMapToPair(c -> {
            String[] ids = users ? c.userIds() : c.itemIds();
            int[] column = users ? c.user() : c.item();
            long[] first = new long[ids.length];
            Arrays.fill(first, Long.MAX_VALUE);
            for (int k = 0; k < c.size(); k++) {
                first[column[k]] = Math.min(first[column[k]], c.position(k));
            }
            List<Tuple2<String, Long>> out = new ArrayList<>(ids.length);
            for (int j = 0; j < ids.length; j++) {
                out.add(new Tuple2<>(ids[j], first[j]));
            }
            return out.iterator();
        }).reduceByKey(Math::min).collect();
        List<Tuple2<String, Long>> sorted = new ArrayList<>(firsts);
        sorted.sort(Comparator.comparingLong(Tuple2::_2));
        List<String> ids = new ArrayList<>(sorted.size());
        for (Tuple2<String, Long> t : sorted) {
            ids.add(t._1());
        }
        return IdOrder.loaderOrder(IdIndex.of(ids));
    }

    /** Id to index by binary search in the sorted ids: compact enough to broadcast for millions of ids. */
    record Lookup(String[] sortedIds, int[] indexOf) implements java.io.Serializable {
        static Lookup of(IdIndex ids) {
            int n = ids.size();
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            Arrays.sort(order, Comparator.comparing(ids::id));
            String[] sorted = new String[n];
            int[] index = new int[n];
            for (int k = 0; k < n; k++) {
                sorted[k] = ids.id(order[k]);
                index[k] = order[k];
            }
            return new Lookup(sorted, index);
        }

        int[] indices(String[] ids) {
            int[] out = new int[ids.length];
            for (int j = 0; j < ids.length; j++) {
                int k = Arrays.binarySearch(sortedIds, ids[j]);
                if (k < 0) {
                    throw new IllegalStateException("id " + ids[j] + " missing from the catalogue");
                }
                out[j] = indexOf[k];
            }
            return out;
        }
    }

    /** A driver-side log as rows, in chunks so that even ml-25m parallelises without one object per rating. */
    static JavaRDD<RatingRow> rows(JavaSparkContext sc, RatingLog log, int partitions) {
        int chunk = Math.max(1, (log.size() + partitions - 1) / Math.max(1, partitions));
        List<RatingChunk> chunks = new ArrayList<>();
        for (int from = 0, p = 0; from < log.size(); from += chunk, p++) {
            int n = Math.min(chunk, log.size() - from);
            int[] u = new int[n], i = new int[n];
            float[] r = new float[n];
            long[] t = new long[n];
            for (int k = 0; k < n; k++) {
                u[k] = log.user(from + k);
                i[k] = log.item(from + k);
                r[k] = log.rating(from + k);
                t[k] = log.time(from + k);
            }
            chunks.add(new RatingChunk(p, null, null, u, i, r, t));
        }
        return sc.parallelize(chunks, Math.max(1, chunks.size())).flatMap(c -> {
            List<RatingRow> out = new ArrayList<>(c.size());
            for (int k = 0; k < c.size(); k++) {
                out.add(new RatingRow(c.user()[k], c.item()[k], c.rating()[k], c.time()[k], c.position(k)));
            }
            return out.iterator();
        });
    }
}
