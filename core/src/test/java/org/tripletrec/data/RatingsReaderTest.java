package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeBytes(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static RatingLog read(Path file) {
        return RatingsReader.read(file, RatingsFormat.defaults());
    }

    private static void assertFails(Path file, RatingsFormat format, String expectedMessage) {
        assertThatThrownBy(() -> RatingsReader.read(file, format))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void readsTabSeparatedMovieLensLines() throws IOException {
        Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        ReadStats stats = new ReadStats();
        RatingLog log = RatingsReader.read(file, RatingsFormat.movieLens100k(), users, items, stats);
        assertThat(log.size()).isEqualTo(2);
        assertThat(users.id(log.user(1))).isEqualTo("186");
        assertThat(items.id(log.item(0))).isEqualTo("242");
        assertThat(log.rating(0)).isEqualTo(3f);
        assertThat(log.time(1)).isEqualTo(891717742L);
        assertThat(stats.rows()).isEqualTo(2);
        assertThat(stats.lines()).isEqualTo(2);
    }

    @Test
    void aReaderFedLinesReadsLikeTheFileReader() throws IOException {
        String text = "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n\n7,\"x, y\",4,12\n";
        RatingLog whole = RatingsReader.read(write("r.csv", text), RatingsFormat.defaults());
        IdIndex users = new IdIndex(), items = new IdIndex();
        ReadStats stats = new ReadStats();
        String[] lines = text.split("\n", -1);
        RatingsReader r = RatingsReader.forLines("dir/r.csv", lines[0], RatingsFormat.defaults(), users, items, stats);
        assertThat(r.firstLineIsHeader()).isTrue();
        for (int k = 1; k < lines.length - 1; k++) {
            r.read(lines[k], k + 1);
        }
        RatingLog log = r.ratings();
        assertThat(log.size()).isEqualTo(whole.size()).isEqualTo(2);
        assertThat(items.id(log.item(1))).isEqualTo("x, y");
        assertThat(log.rating(0)).isEqualTo(whole.rating(0));
        assertThat(stats.rows()).isEqualTo(2);
        // a bad line fails with the file's name and the line number given
        assertThatThrownBy(() -> r.read("3,4,five", 17)).isInstanceOf(DataFormatException.class)
                .hasMessage("dir/r.csv:17: rating 'five' is not a finite number");
        // the name's extension chooses the separator as a file's does
        RatingsReader tsv = RatingsReader.forLines("hdfs://nn/data/part.tsv", "1,2\t3\t4", RatingsFormat.defaults(),
                new IdIndex(), new IdIndex(), new ReadStats());
        assertThat(tsv.firstLineIsHeader()).isFalse();
        tsv.read("1,2\t3\t4", 1);
        assertThat(tsv.ratings().rating(0)).isEqualTo(4f);
    }

    @Test
    void readsMovieLensCsvWithHeader() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n");
        RatingLog log = RatingsReader.read(file, RatingsFormat.movieLensCsv());
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.rating(0)).isEqualTo(2.5f);
    }

    @Test
    void namedColumnsMayComeInAnyOrder() throws IOException {
        Path file = write("r.csv", "timestamp,rating,movieId,userId\n99,4.5,m1,u1\n");
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        RatingLog log = RatingsReader.read(file, RatingsFormat.movieLensCsv(), users, items, new ReadStats());
        assertThat(users.id(log.user(0))).isEqualTo("u1");
        assertThat(items.id(log.item(0))).isEqualTo("m1");
        assertThat(log.rating(0)).isEqualTo(4.5f);
        assertThat(log.time(0)).isEqualTo(99L);
    }

    @Test
    void autoDetectsHeaderAndSeparators() throws IOException {
        assertThat(read(write("a.txt", "user;item;rating\n1;2;4\n")).size()).isEqualTo(1);
        assertThat(read(write("b.txt", "1::2::4::978300760\n3::4::5::978300761\n")).time(1)).isEqualTo(978300761L);
        assertThat(read(write("c.txt", "1|2|4\n")).rating(0)).isEqualTo(4f);
        assertThat(read(write("d.txt", "1   2  4 10\n 3 4 5 11\n")).size()).isEqualTo(2);
        assertThat(read(write("e.csv", "1,2,4\n")).size()).isEqualTo(1);
    }

    @Test
    void quotedCsvFieldsAreUnquoted() throws IOException {
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        Path file = write("q.csv", "user,item,rating\n\"a, b\",\"x\",\"4\"\n");
        RatingLog log = RatingsReader.read(file, RatingsFormat.defaults(), users, items, new ReadStats());
        assertThat(users.id(log.user(0))).isEqualTo("a, b");
        assertThat(items.id(log.item(0))).isEqualTo("x");
    }

    @Test
    void implicitFileWithoutRatingColumnGivesOnePointZero() throws IOException {
        Path file = write("clicks.tsv", "u1\ti1\nu2\ti2\n");
        RatingLog log = RatingsReader.read(file, RatingsFormat.defaults().withRating(null).withTime(null));
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.rating(1)).isEqualTo(1.0f);
        assertThat(log.time(1)).isZero();
    }

    @Test
    void threeColumnFileHasTimeZero() throws IOException {
        RatingLog log = read(write("r.tsv", "1\t2\t5\n"));
        assertThat(log.time(0)).isZero();
    }

    @Test
    void stripsByteOrderMarkAndHandlesCrlfAndBlankLines() throws IOException {
        Path file = write("bom.csv", "\uFEFFuserId,movieId,rating,timestamp\r\n1,2,4,10\r\n\r\n   \r\n3,4,5,11\r\n");
        RatingLog log = RatingsReader.read(file, RatingsFormat.movieLensCsv());
        assertThat(log.size()).isEqualTo(2);
        assertThat(log.time(1)).isEqualTo(11L);
    }

    @Test
    void bomWithoutHeaderKeepsFirstUserIdClean() throws IOException {
        IdIndex users = new IdIndex();
        Path file = write("bom.data", "\uFEFF7\t2\t4\t10\n");
        RatingsReader.read(file, RatingsFormat.movieLens100k(), users, new IdIndex(), new ReadStats());
        assertThat(users.ids()).containsExactly("7");
    }

    @Test
    void duplicatePairsAreKeptByTheReader() throws IOException {
        RatingLog log = read(write("d.tsv", "1\t2\t3\t10\n1\t2\t5\t20\n"));
        assertThat(log.size()).isEqualTo(2);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.data");
        assertFails(file, RatingsFormat.defaults(), file + ": no such file");
    }

    @Test
    void directory() {
        assertFails(dir, RatingsFormat.defaults(), dir + ": is a directory, not a ratings file");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.data", "");
        assertFails(file, RatingsFormat.defaults(), file + ": file is empty, no ratings");
        Path blank = write("blank.data", "\n  \n\r\n");
        assertFails(blank, RatingsFormat.defaults(), blank + ": file is empty, no ratings");
    }

    @Test
    void headerOnly() throws IOException {
        Path file = write("ratings.csv", "userId,movieId,rating,timestamp\n");
        assertFails(file, RatingsFormat.movieLensCsv(), file + ": only a header line, no ratings");
        assertFails(file, RatingsFormat.defaults(), file + ": only a header line, no ratings");
    }

    @Test
    void binaryWithNulBytes() throws IOException {
        Path file = writeBytes("x.data", new byte[] {'1', '\t', 0, 0, 5, 'P', 'K'});
        assertFails(file, RatingsFormat.defaults(), file + ": looks binary, not a text ratings file");
    }

    @Test
    void binaryWithInvalidUtf8() throws IOException {
        Path file = writeBytes("x.data", new byte[] {'1', '\t', (byte) 0xC3, (byte) 0x28, '\t', '5', '\n'});
        assertFails(file, RatingsFormat.defaults(), file + ": looks binary, not a text ratings file");
    }

    @Test
    void multiByteCharacterCutAtTheSniffLimitIsNotBinary() throws IOException {
        // 8 + 2 + 1013 bytes come first, so the two bytes of the accented letter straddle the 1 KB sniff limit
        String item = "x".repeat(1013) + "\u00e9";
        Path file = write("cut.data", "1\t2\t3\t0\n" + "1\t" + item + "\t4\t0\n");
        IdIndex items = new IdIndex();
        RatingsReader.read(file, RatingsFormat.movieLens100k(), new IdIndex(), items, new ReadStats());
        assertThat(items.ids()).containsExactly("2", item);
    }

    @Test
    void invalidUtf8AfterTheFirstKilobyteNamesTheLine() throws IOException {
        byte[] head = "1\t2\t3\t0\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'9', '\t', (byte) 0xFF, '\t', '4', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Path file = writeBytes("late.data", all);
        assertThatThrownBy(() -> read(file)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":201: bytes that are not valid UTF-8");
    }

    @Test
    void tooFewColumns() throws IOException {
        Path file = write("short.data", "1\t2\t3\t4\n1\t2\n");
        assertFails(file, RatingsFormat.movieLens100k(), file + ":2: expected at least 3 columns, found 2");
    }

    @Test
    void emptyUserOrItem() throws IOException {
        Path noUser = write("u.data", "1\t2\t3\t4\n\t2\t3\t4\n");
        assertFails(noUser, RatingsFormat.movieLens100k(), noUser + ":2: empty user id");
        Path noItem = write("i.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n\n1,,3,4\n");
        assertFails(noItem, RatingsFormat.movieLensCsv(), noItem + ":4: empty item id");
    }

    @Test
    void ratingNotAFiniteNumber() throws IOException {
        Path abc = write("abc.data", "1\t2\t3\t4\n1\t3\tabc\t4\n");
        assertFails(abc, RatingsFormat.movieLens100k(), abc + ":2: rating 'abc' is not a finite number");
        Path nan = write("nan.data", "1\t3\tNaN\t4\n");
        assertFails(nan, RatingsFormat.movieLens100k(), nan + ":1: rating 'NaN' is not a finite number");
        Path inf = write("inf.data", "1\t2\t3\t4\n1\t3\tInfinity\t4\n");
        assertFails(inf, RatingsFormat.movieLens100k(), inf + ":2: rating 'Infinity' is not a finite number");
        Path huge = write("huge.data", "1\t3\t1e300\t4\n");
        assertFails(huge, RatingsFormat.movieLens100k(), huge + ":1: rating '1e300' is not a finite number");
    }

    @Test
    void badTimestamp() throws IOException {
        Path file = write("t.data", "1\t2\t3\tyesterday\n");
        assertFails(file, RatingsFormat.movieLens100k(), file + ":1: timestamp 'yesterday' is not a whole number");
    }

    @Test
    void unknownHeaderColumn() throws IOException {
        Path file = write("r.csv", "user,item,score,ts\n1,2,3,4\n");
        assertFails(file, RatingsFormat.movieLensCsv(),
                file + ":1: unknown column 'userId' in header (columns: user, item, score, ts)");
        assertFails(file, RatingsFormat.movieLensCsv().withSkipBadLines(true),
                file + ":1: unknown column 'userId' in header (columns: user, item, score, ts)");
    }

    @Test
    void namedColumnsWithoutHeader() throws IOException {
        Path file = write("r.csv", "1,2,3,4\n");
        assertFails(file, RatingsFormat.movieLensCsv().withHeader(false),
                file + ":1: columns are given by name but the file has no header line");
    }

    @Test
    void unterminatedQuote() throws IOException {
        Path file = write("q.csv", "1,2,3\n\"1,2,3\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":2: malformed quoted field");
    }

    @Test
    void skipBadLinesCountsAndContinues() throws IOException {
        Path file = write("mixed.data", "1\t2\t3\t4\n1\t2\n\t5\t3\t1\n1\t3\tabc\t4\n2\t3\t4\t5\n");
        ReadStats stats = new ReadStats();
        RatingLog log = RatingsReader.read(file, RatingsFormat.movieLens100k().withSkipBadLines(true),
                new IdIndex(), new IdIndex(), stats);
        assertThat(log.size()).isEqualTo(2);
        assertThat(stats.skipped()).isEqualTo(3);
        assertThat(stats.rows()).isEqualTo(2);
    }

    @Test
    void skipBadLinesStillFailsWhenNothingIsLeft() throws IOException {
        Path file = write("bad.data", "1\t2\n3\t4\n");
        assertFails(file, RatingsFormat.movieLens100k().withSkipBadLines(true),
                file + ": no valid ratings (2 bad lines skipped)");
    }

    @Test
    void badLineDoesNotInternItsIds() throws IOException {
        Path file = write("bad.data", "1\t2\t3\t4\n9\t8\tabc\t4\n");
        IdIndex users = new IdIndex();
        IdIndex items = new IdIndex();
        RatingsReader.read(file, RatingsFormat.movieLens100k().withSkipBadLines(true), users, items, new ReadStats());
        assertThat(users.ids()).containsExactly("1");
        assertThat(items.ids()).containsExactly("2");
    }

    @Test
    void exceptionCarriesItsParts() throws IOException {
        Path file = write("short.data", "1\t2\n");
        assertThatThrownBy(() -> RatingsReader.read(file, RatingsFormat.movieLens100k()))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.problem()).isEqualTo("expected at least 3 columns, found 2");
                });
    }
}
