package org.tripletrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a side-feature file in long format, one {@code id,feature[,weight]} a line (weight 1 when absent):
 * comma, tab, semicolon or bar separated (detected from the file name, else from the first line, as for
 * ratings), fields quoted as in CSV when they hold the separator, with or without a header line. Every problem
 * is one {@link DataFormatException} naming the file and line. A repeated (id, feature) keeps the last weight.
 */
public final class FeatureReader {
    private static final Set<String> HEADER_IDS =
            Set.of("id", "item", "itemid", "item_id", "user", "userid", "user_id", "movieid");

    private FeatureReader() {}

    /** Reads with the separator and header detected. */
    public static SideFeatures read(Path file) {
        return read(file, RatingsFormat.AUTO, RatingsFormat.Header.AUTO);
    }

    /**
     * @param separator {@link RatingsFormat#AUTO} or the separator
     * @param header    whether the first line is a header ({@code AUTO}: when its weight is not a number, or its
     *                  first two fields read like column names)
     */
    public static SideFeatures read(Path file, String separator, RatingsFormat.Header header) {
        String name = file.toString();
        SideFeatures.Builder out = new SideFeatures.Builder(String.valueOf(file.getFileName()));
        long lineNo = 0;
        boolean first = true;
        String sep = null;
        CSVFormat quoted = null;
        try (BufferedReader reader = TextFiles.open(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.indexOf(TextFiles.REPLACEMENT) >= 0) {
                    throw new DataFormatException(name, lineNo, "bytes that are not valid UTF-8: not a text feature file?");
                }
                if (line.isBlank()) {
                    continue;
                }
                if (first) {
                    sep = chooseSeparator(file, separator, line);
                    quoted = CSVFormat.RFC4180.builder().setDelimiter(sep).setIgnoreSurroundingSpaces(true).get();
                }
                List<String> fields = split(line, sep, quoted, name, lineNo);
                if (first) {
                    first = false;
                    boolean isHeader = switch (header) {
                        case YES -> true;
                        case NO -> false;
                        case AUTO -> looksLikeHeader(fields);
                    };
                    if (isHeader) {
                        continue;
                    }
                }
                parse(fields, out, name, lineNo);
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNo, "cannot read: " + e.getMessage(), e);
        }
        SideFeatures features = out.build();
        if (features.isEmpty()) {
            throw new DataFormatException(name, 0, first ? "file is empty, no features" : "only a header line, no features");
        }
        return features;
    }

    private static String chooseSeparator(Path file, String separator, String firstLine) {
        if (!RatingsFormat.AUTO.equals(separator)) {
            return separator;
        }
        String fileName = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (fileName.endsWith(".tsv")) {
            return "\t";
        }
        if (fileName.endsWith(".csv")) {
            return ",";
        }
        String detected = RatingsReader.detectSeparator(firstLine);
        return RatingsFormat.WHITESPACE.equals(detected) || "::".equals(detected) ? "," : detected;
    }

    private static List<String> split(String line, String sep, CSVFormat quoted, String name, long lineNo) {
        List<String> fields = new ArrayList<>(3);
        if (line.indexOf('"') < 0) {
            int from = 0;
            while (true) {
                int at = line.indexOf(sep, from);
                if (at < 0) {
                    fields.add(line.substring(from).strip());
                    return fields;
                }
                fields.add(line.substring(from, at).strip());
                from = at + sep.length();
            }
        }
        try (CSVParser parser = CSVParser.parse(line, quoted)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new DataFormatException(name, lineNo, "unbalanced quotes");
            }
            for (String f : records.get(0)) {
                fields.add(f.strip());
            }
            return fields;
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new DataFormatException(name, lineNo, "unbalanced quotes");
        }
    }

    private static boolean looksLikeHeader(List<String> fields) {
        if (fields.size() >= 3 && parseWeight(fields.get(2)) == null) {
            return true;
        }
        return fields.size() >= 2 && HEADER_IDS.contains(fields.get(0).toLowerCase(Locale.ROOT))
                && fields.get(1).toLowerCase(Locale.ROOT).startsWith("feature");
    }

    private static void parse(List<String> fields, SideFeatures.Builder out, String name, long lineNo) {
        if (fields.size() < 2 || fields.size() > 3) {
            throw new DataFormatException(name, lineNo, "expected id,feature[,weight], found " + fields.size()
                    + (fields.size() == 1 ? " column" : " columns"));
        }
        String id = fields.get(0);
        String feature = fields.get(1);
        if (id.isEmpty()) {
            throw new DataFormatException(name, lineNo, "empty id");
        }
        if (feature.isEmpty()) {
            throw new DataFormatException(name, lineNo, "empty feature name");
        }
        float weight = 1f;
        if (fields.size() == 3) {
            Float w = parseWeight(fields.get(2));
            if (w == null) {
                throw new DataFormatException(name, lineNo, "weight '" + fields.get(2) + "' is not a finite number");
            }
            if (!(w > 0f)) {
                throw new DataFormatException(name, lineNo, "weight " + fields.get(2) + " must be positive");
            }
            weight = w;
        }
        out.put(id, feature, weight);
    }

    private static Float parseWeight(String s) {
        try {
            float w = Float.parseFloat(s);
            return Float.isFinite(w) ? w : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
