package org.tripletrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Side features that come with the MovieLens data sets, named as a feature file would name them:
 * <ul>
 *   <li>ml-100k items ({@code u.item}): {@code genre:NAME} for each of the 19 genre flags (names from
 *       {@code u.genre}), and {@code decade:1990s} from the release date;</li>
 *   <li>ml-100k users ({@code u.user}): {@code age:25-34} (the age bands MovieLens 1M uses),
 *       {@code gender:F|M}, {@code occupation:NAME};</li>
 *   <li>ml-latest-small and the other MovieLens CSV sets ({@code movies.csv}): {@code genre:NAME} and
 *       {@code decade:1990s} from the year in the title.</li>
 * </ul>
 * {@link Kind#GENRES} keeps the genres only, the cold-start protocol's feature set.
 */
public final class BuiltinFeatures {
    /** Which item features: genres and release decade, or genres only. */
    public enum Kind { ALL, GENRES }

    private static final List<String> GENRES_100K = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");
    private static final Pattern YEAR_IN_TITLE = Pattern.compile("\\((\\d{4})\\)\\s*$");
    private static final Pattern YEAR_IN_DATE = Pattern.compile("(\\d{4})\\s*$");

    private BuiltinFeatures() {}

    /** The built-in item features of a known data set folder ({@code ml-100k} or a MovieLens CSV set). */
    public static SideFeatures items(String dataset, Path dir, Kind kind) {
        if (DatasetLoader.ML_100K.equals(dataset)) {
            return movieLens100kItems(dir.resolve("u.item"), dir.resolve("u.genre"), kind);
        }
        return movieLensCsvItems(dir.resolve("movies.csv"), kind);
    }

    /** The built-in user features of a known data set; only ml-100k has any. */
    public static SideFeatures users(String dataset, Path dir) {
        if (!DatasetLoader.ML_100K.equals(dataset)) {
            throw new IllegalArgumentException("data set " + dataset + " has no built-in user features (ml-100k has)");
        }
        return movieLens100kUsers(dir.resolve("u.user"));
    }

    /** {@code u.item}: {@code id|title|release date|video date|url|19 genre flags}. */
    public static SideFeatures movieLens100kItems(Path uItem, Path uGenre, Kind kind) {
        List<String> genres = uGenre != null && Files.isRegularFile(uGenre) ? genreNames(uGenre) : GENRES_100K;
        String name = uItem.toString();
        SideFeatures.Builder out = new SideFeatures.Builder("ml-100k u.item");
        long lineNo = 0;
        try (BufferedReader reader = TextFiles.open(uItem, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length < 5 + genres.size()) {
                    throw new DataFormatException(name, lineNo, "expected id|title|date|video date|url|"
                            + genres.size() + " genre flags, found " + f.length + " fields");
                }
                String id = f[0].strip();
                for (int g = 0; g < genres.size(); g++) {
                    if ("1".equals(f[5 + g].strip())) {
                        out.put(id, "genre:" + genres.get(g), 1f);
                    }
                }
                Matcher year = YEAR_IN_DATE.matcher(f[2]);
                if (kind == Kind.ALL && year.find()) {
                    out.put(id, decade(year.group(1)), 1f);
                }
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNo, "cannot read: " + e.getMessage(), e);
        }
        return out.build();
    }

    /** {@code u.user}: {@code id|age|gender|occupation|zip}. */
    public static SideFeatures movieLens100kUsers(Path uUser) {
        String name = uUser.toString();
        SideFeatures.Builder out = new SideFeatures.Builder("ml-100k u.user");
        long lineNo = 0;
        try (BufferedReader reader = TextFiles.open(uUser, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length < 4) {
                    throw new DataFormatException(name, lineNo, "expected id|age|gender|occupation|zip");
                }
                int age;
                try {
                    age = Integer.parseInt(f[1].strip());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(name, lineNo, "age '" + f[1] + "' is not a whole number");
                }
                String id = f[0].strip();
                out.put(id, "age:" + ageBand(age), 1f);
                out.put(id, "gender:" + f[2].strip(), 1f);
                out.put(id, "occupation:" + f[3].strip(), 1f);
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNo, "cannot read: " + e.getMessage(), e);
        }
        return out.build();
    }

    /** {@code movies.csv}: {@code movieId,title,genres} with genres separated by {@code |}. */
    public static SideFeatures movieLensCsvItems(Path moviesCsv, Kind kind) {
        String name = moviesCsv.toString();
        SideFeatures.Builder out = new SideFeatures.Builder("movies.csv");
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (BufferedReader reader = TextFiles.open(moviesCsv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderMap().containsKey("movieId") || !parser.getHeaderMap().containsKey("genres")) {
                throw new DataFormatException(name, 1, "expected a header with movieId, title and genres, found "
                        + parser.getHeaderNames());
            }
            for (CSVRecord record : parser) {
                if (record.size() < 3) {
                    throw new DataFormatException(name, parser.getCurrentLineNumber(), "expected movieId,title,genres");
                }
                String id = record.get("movieId").strip();
                for (String g : record.get("genres").split("\\|")) {
                    String genre = g.strip();
                    if (!genre.isEmpty() && !genre.equals("(no genres listed)")) {
                        out.put(id, "genre:" + genre, 1f);
                    }
                }
                Matcher year = YEAR_IN_TITLE.matcher(record.get("title"));
                if (kind == Kind.ALL && year.find()) {
                    out.put(id, decade(year.group(1)), 1f);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new DataFormatException(name, 0, "cannot read as CSV: " + e.getMessage(), e);
        }
        return out.build();
    }

    /** MovieLens 1M's age bands. */
    static String ageBand(int age) {
        if (age < 18) return "under-18";
        if (age < 25) return "18-24";
        if (age < 35) return "25-34";
        if (age < 45) return "35-44";
        if (age < 50) return "45-49";
        if (age < 56) return "50-55";
        return "56+";
    }

    static String decade(String year) {
        return "decade:" + (Integer.parseInt(year) / 10 * 10) + "s";
    }

    private static List<String> genreNames(Path uGenre) {
        String name = uGenre.toString();
        List<String> names = new ArrayList<>();
        long lineNo = 0;
        try (BufferedReader reader = TextFiles.open(uGenre, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar <= 0) {
                    throw new DataFormatException(name, lineNo, "expected name|index");
                }
                names.add(line.substring(0, bar).strip());
            }
        } catch (IOException e) {
            throw new DataFormatException(name, lineNo, "cannot read: " + e.getMessage(), e);
        }
        return names;
    }
}
