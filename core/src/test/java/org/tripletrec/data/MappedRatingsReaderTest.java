package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read memory-mapped in parts gives what reading it line by line gives: the same ids in the same order,
 * the same ratings in the same order, the same counts, and the same message for a bad line, wherever the cuts
 * between parts fall.
 */
class MappedRatingsReaderTest {
    @TempDir
    Path dir;

    private record Read(RatingLog log, IdIndex users, IdIndex items, ReadStats stats) {}

    private static Read lineByLine(Path file, RatingsFormat format, IdIndex users, IdIndex items) {
        ReadStats stats = new ReadStats();
        return new Read(RatingsReader.readLineByLine(file, format, users, items, stats), users, items, stats);
    }

    private static Read mapped(Path file, RatingsFormat format, int parts, IdIndex users, IdIndex items) {
        ReadStats stats = new ReadStats();
        return new Read(MappedRatingsReader.read(file, format, users, items, stats, parts), users, items, stats);
    }

    private static void assertSame(Read a, Read b, String what) {
        assertThat(b.users().ids()).as("user ids, %s", what).containsExactlyElementsOf(a.users().ids());
        assertThat(b.items().ids()).as("item ids, %s", what).containsExactlyElementsOf(a.items().ids());
        assertThat(b.log().size()).as("rows, %s", what).isEqualTo(a.log().size());
        for (int k = 0; k < a.log().size(); k++) {
            assertThat(new Object[] {b.log().user(k), b.log().item(k), b.log().rating(k), b.log().time(k)})
                    .as("row %d, %s", k, what)
                    .containsExactly(a.log().user(k), a.log().item(k), a.log().rating(k), a.log().time(k));
        }
        assertThat(b.stats().toString()).as("counts, %s", what).isEqualTo(a.stats().toString());
    }

    /**
     * Lines of every kind the fast path takes or leaves: numeric and other ids, decimal ratings, missing times,
     * blank lines, spaces around fields, a non-ASCII id, and \n, \r\n and \r line ends; optionally bad lines.
     */
    private Path mixedFile(String name, boolean header, boolean bad, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] ends = {"\n", "\r\n", "\r"};
        if (header) {
            out.writeBytes("userId,movieId,rating,timestamp\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (int k = 0; k < 6000; k++) {
            int kind = rng.nextInt(20);
            String user = kind == 0 ? "u" + rng.nextInt(300) : Integer.toString(1 + rng.nextInt(300));
            String item = kind == 1 ? "é" + rng.nextInt(50) : Integer.toString(1 + rng.nextInt(2000));
            String rating = kind == 2 ? (rng.nextInt(10) / 2.0) + "" : Integer.toString(1 + rng.nextInt(5));
            String line = switch (kind) {
                case 3 -> "";
                case 4 -> user + ", " + item + " ," + rating;
                case 5 -> user + "," + item + "," + rating;
                case 6 -> bad ? user + "," + item + ",x" + rating + ",1" : "   ";
                case 7 -> bad ? user + "," + item : user + "," + item + "," + rating + "," + rng.nextInt(1000);
                default -> user + "," + item + "," + rating + "," + (800_000_000 + rng.nextInt(100_000_000));
            };
            out.writeBytes((line + ends[rng.nextInt(ends.length)]).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("7,8,4,5".getBytes(StandardCharsets.UTF_8)); // a last line without an end
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void partsMergeToTheLineByLineRead() throws IOException {
        for (boolean header : new boolean[] {false, true}) {
            Path file = mixedFile("mixed" + header + ".csv", header, false, header ? 1 : 2);
            Read want = lineByLine(file, RatingsFormat.defaults(), new IdIndex(), new IdIndex());
            assertThat(want.log().size()).isGreaterThan(5000);
            for (int parts : new int[] {1, 2, 3, 7, 64, 997}) {
                assertSame(want, mapped(file, RatingsFormat.defaults(), parts, new IdIndex(), new IdIndex()),
                        parts + " parts, header " + header);
            }
        }
    }

    /**
     * Lines the one-pass fast path reads (digits, dots and separators only) or must leave to the general path, at
     * the edges of what it takes: leading zeros, ids of 7 and 8 digits and at 2^23, ratings with no digit before or
     * after the dot or two dots, 15- and 16-character ratings, times of 18 and 19 digits or with a dot, empty and
     * extra fields. Read through the fast path (a one-character separator) they give what the general path
     * (a two-character separator, which the fast path never takes) gives: ids, values, counts, skipped lines.
     */
    @Test
    void plainLookingLinesReadAsTheGeneralPathReadsThem() throws IOException {
        String[] ids = {"1", "7", "007", "0", "00", "10", "1234567", "8388607", "8388608", "9999999", "12345678", "3.",
                "1.5", ""};
        String[] ratings = {"4", "3.5", "0.5", ".5", "5.", "1.2.3", "0003", "12345678901234", "1.2345678901234",
                "1.23456789012345", "", "."};
        String[] times = {"", "0", "0012", "964982703", "123456789012345678", "1234567890123456789", "12.5", "."};
        SplittableRandom rng = new SplittableRandom(11);
        StringBuilder fast = new StringBuilder(), general = new StringBuilder();
        for (int k = 0; k < 20_000; k++) {
            String[] fields = {ids[rng.nextInt(ids.length)], ids[rng.nextInt(ids.length)],
                    ratings[rng.nextInt(ratings.length)], times[rng.nextInt(times.length)], "9", "1.0.0"};
            int n = 3 + rng.nextInt(4);
            String end = rng.nextInt(4) == 0 ? "\r\n" : "\n";
            fast.append(String.join(",", java.util.Arrays.copyOf(fields, n))).append(end);
            general.append(String.join("::", java.util.Arrays.copyOf(fields, n))).append(end);
        }
        Path fastFile = dir.resolve("fast.txt"), generalFile = dir.resolve("general.txt");
        Files.writeString(fastFile, fast, StandardCharsets.US_ASCII);
        Files.writeString(generalFile, general, StandardCharsets.US_ASCII);
        RatingsFormat skip = RatingsFormat.defaults().withSkipBadLines(true).withHeader(false);
        Read want = lineByLine(generalFile, skip.withSeparator("::"), new IdIndex(), new IdIndex());
        assertThat(want.stats().skipped()).isGreaterThan(1000);
        assertThat(want.log().size()).isGreaterThan(5000);
        for (int parts : new int[] {1, 3}) {
            assertSame(want, mapped(fastFile, skip.withSeparator(","), parts, new IdIndex(), new IdIndex()),
                    parts + " parts");
        }
        assertSame(want, lineByLine(fastFile, skip.withSeparator(","), new IdIndex(), new IdIndex()), "line by line");
    }

    @Test
    void aCatalogueThatHoldsIdsAlreadyGrowsAsLineByLine() throws IOException {
        Path train = mixedFile("train.csv", false, false, 3);
        Path test = mixedFile("test.csv", false, false, 4);
        IdIndex users = new IdIndex(), items = new IdIndex();
        lineByLine(train, RatingsFormat.defaults(), users, items);
        Read want = lineByLine(test, RatingsFormat.defaults(), users, items);
        for (int parts : new int[] {1, 5}) {
            IdIndex u = new IdIndex(), i = new IdIndex();
            mapped(train, RatingsFormat.defaults(), parts, u, i);
            assertSame(want, mapped(test, RatingsFormat.defaults(), parts, u, i), parts + " parts");
        }
    }

    @Test
    void skippedBadLinesAreCountedAsLineByLine() throws IOException {
        Path file = mixedFile("bad.csv", true, true, 5);
        RatingsFormat skip = RatingsFormat.defaults().withSkipBadLines(true);
        Read want = lineByLine(file, skip, new IdIndex(), new IdIndex());
        assertThat(want.stats().skipped()).isGreaterThan(100);
        for (int parts : new int[] {1, 4, 31}) {
            assertSame(want, mapped(file, skip, parts, new IdIndex(), new IdIndex()), parts + " parts");
        }
    }

    @Test
    void theFirstBadLineIsNamedWithItsLineInTheWholeFile() throws IOException {
        Path file = mixedFile("bad.csv", false, true, 6);
        String message = null;
        try {
            lineByLine(file, RatingsFormat.defaults(), new IdIndex(), new IdIndex());
        } catch (DataFormatException e) {
            message = e.getMessage();
        }
        assertThat(message).matches("\\S+bad\\.csv:\\d+: .+");
        for (int parts : new int[] {1, 2, 9, 200}) {
            assertThatThrownBy(() -> mapped(file, RatingsFormat.defaults(), parts, new IdIndex(), new IdIndex()))
                    .as(parts + " parts").isInstanceOf(DataFormatException.class).hasMessage(message);
        }
    }

    @Test
    void blankFilesAndHeaderOnlyFilesFailAsLineByLine() throws IOException {
        for (String content : new String[] {"", "\n\n  \r\n", "user,item,rating\n\n", "\uFEFFuser,item,rating"}) {
            Path file = dir.resolve("f.csv");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            String message = null;
            try {
                lineByLine(file, RatingsFormat.defaults(), new IdIndex(), new IdIndex());
            } catch (DataFormatException e) {
                message = e.getMessage();
            }
            assertThat(message).isNotNull();
            for (int parts : new int[] {1, 3}) {
                assertThatThrownBy(() -> mapped(file, RatingsFormat.defaults(), parts, new IdIndex(), new IdIndex()))
                        .isInstanceOf(DataFormatException.class).hasMessage(message);
            }
        }
    }
}
