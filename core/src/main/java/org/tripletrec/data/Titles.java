package org.tripletrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Item titles keyed by raw item id, from the MovieLens item files. */
public final class Titles {
    private Titles() {}

    /** MovieLens 100k {@code u.item}: ISO-8859-1, {@code id|title|date|...}. */
    public static Map<String, String> movieLens100k(Path uItem) {
        String name = uItem.toString();
        Map<String, String> titles = new HashMap<>();
        long lineNo = 0;
        try (BufferedReader reader = TextFiles.open(uItem, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar <= 0) {
                    throw new DataFormatException(name, lineNo, "expected 'id|title|...'");
                }
                int end = line.indexOf('|', bar + 1);
                String title = end < 0 ? line.substring(bar + 1) : line.substring(bar + 1, end);
                titles.put(line.substring(0, bar).strip(), title.strip());
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNo, "cannot read: " + e.getMessage(), e);
        }
        return titles;
    }

    /** MovieLens CSV {@code movies.csv}: header {@code movieId,title,genres}, titles quoted when they hold commas. */
    public static Map<String, String> movieLensCsv(Path moviesCsv) {
        String name = moviesCsv.toString();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        Map<String, String> titles = new HashMap<>();
        try (BufferedReader reader = TextFiles.open(moviesCsv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderMap().containsKey("movieId") || !parser.getHeaderMap().containsKey("title")) {
                throw new DataFormatException(name, 1, "expected a header with movieId and title, found "
                        + parser.getHeaderNames());
            }
            for (CSVRecord record : parser) {
                if (!record.isConsistent() && record.size() < 2) {
                    throw new DataFormatException(name, parser.getCurrentLineNumber(),
                            "expected movieId,title,genres");
                }
                String title = record.get("title").strip();
                if (title.indexOf(TextFiles.REPLACEMENT) >= 0) {
                    throw new DataFormatException(name, parser.getCurrentLineNumber(), "bytes that are not valid UTF-8");
                }
                titles.put(record.get("movieId").strip(), title);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new DataFormatException(name, 0, "cannot read as CSV: " + e.getMessage(), e);
        }
        return titles;
    }
}
