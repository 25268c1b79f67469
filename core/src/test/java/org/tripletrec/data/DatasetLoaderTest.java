package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void trainAndTestShareTheCatalogueAndCountColdIds() throws IOException {
        Path train = write("train.tsv", "1\t10\t5\t1\n2\t20\t4\t2\n");
        Path test = write("test.tsv", "1\t20\t3\t3\n3\t30\t5\t4\n");
        Dataset d = DatasetLoader.builder().ratingsFile(train).testFile(test).build().load();
        assertThat(d.users().ids()).containsExactly("1", "2", "3");
        assertThat(d.items().ids()).containsExactly("10", "20", "30");
        assertThat(d.report()).isEqualTo(new LoadReport(2, 2, 0, 0, 1, 1));
        assertThat(d.test().user(1)).isEqualTo(2);
        assertThat(d.name()).isEqualTo("train.tsv");
    }

    @Test
    void integerIdsAreIndexedInNumericOrder() throws IOException {
        Path train = write("r.tsv", "10\t300\t5\t1\n2\t20\t4\t2\n1\t1000\t4\t2\n");
        Path test = write("t.tsv", "7\t5\t5\t1\n");
        Dataset d = DatasetLoader.builder().ratingsFile(train).testFile(test).build().load();
        assertThat(d.users().ids()).containsExactly("1", "2", "7", "10");
        assertThat(d.items().ids()).containsExactly("5", "20", "300", "1000");
        // rows still say who rated what
        assertThat(d.users().id(d.train().user(0))).isEqualTo("10");
        assertThat(d.items().id(d.train().item(0))).isEqualTo("300");
        assertThat(d.items().id(d.test().item(0))).isEqualTo("5");
    }

    @Test
    void nonIntegerIdsKeepFirstAppearanceOrder() throws IOException {
        Path train = write("r.tsv", "b\t10\t5\t1\na\t2\t4\t2\n");
        Dataset d = DatasetLoader.builder().ratingsFile(train).split("none").build().load();
        assertThat(d.users().ids()).containsExactly("b", "a");
        assertThat(d.items().ids()).containsExactly("2", "10");
    }

    @Test
    void duplicatesAreCollapsedLatestWinsAndCounted() throws IOException {
        Path train = write("r.tsv", "1\t1\t2\t50\n1\t2\t3\t1\n1\t1\t5\t20\n1\t1\t4\t50\n");
        Path test = write("t.tsv", "1\t3\t1\t1\n1\t3\t2\t0\n");
        Dataset d = DatasetLoader.builder().ratingsFile(train).testFile(test).build().load();
        assertThat(d.report().duplicates()).isEqualTo(3);
        assertThat(d.train().size()).isEqualTo(2);
        // equal times: the later row (rating 4) wins; rows keep file order
        assertThat(d.train().item(0)).isEqualTo(1);
        assertThat(d.train().rating(0)).isEqualTo(3f);
        assertThat(d.train().rating(1)).isEqualTo(4f);
        assertThat(d.test().rating(0)).isEqualTo(1f);
    }

    @Test
    void explicitFileDefaultsToHoldoutWithSeed() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int u = 1; u <= 20; u++) {
            for (int i = 1; i <= 30; i++) {
                sb.append(u).append(',').append(i).append(',').append(1 + (u * i) % 5).append(',').append(i).append('\n');
            }
        }
        Path file = write("r.csv", sb.toString());
        DatasetLoader loader = DatasetLoader.builder().ratingsFile(file).seed(5).build();
        assertThat(loader.split()).isEqualTo(SplitSpec.holdout(0.1));
        Dataset a = loader.load();
        Dataset b = loader.load();
        assertThat(a.test().size()).isEqualTo(60);
        assertThat(a.train().size()).isEqualTo(540);
        for (int k = 0; k < a.test().size(); k++) {
            assertThat(a.test().item(k)).isEqualTo(b.test().item(k));
        }
        Dataset last = loader.toBuilder().split("last:3").build().load();
        assertThat(last.test().size()).isEqualTo(60);
        for (int k = 0; k < last.test().size(); k++) {
            assertThat(last.items().id(last.test().item(k))).isIn("28", "29", "30");
        }
    }

    @Test
    void skippedLinesReachTheReport() throws IOException {
        Path train = write("r.tsv", "1\t1\t2\t50\n1\t2\n1\t3\tx\t1\n");
        Dataset d = DatasetLoader.builder().ratingsFile(train).split("none").skipBadLines(true).build().load();
        assertThat(d.report().skippedLines()).isEqualTo(2);
        assertThat(d.report().trainRows()).isEqualTo(1);
    }

    @Test
    void readerErrorsNameFileAndLine() throws IOException {
        Path train = write("r.tsv", "1\t1\t2\t50\n");
        Path test = write("t.tsv", "1\t1\t2\t50\n\n1\t2\n");
        assertThatThrownBy(() -> DatasetLoader.builder().ratingsFile(train).testFile(test).build().load())
                .isInstanceOf(DataFormatException.class)
                .hasMessage(test + ":3: expected at least 3 columns, found 2");
    }

    @Test
    void fakeMovieLens100kUsesUaByDefaultWithTitles() throws IOException {
        write("ml-100k/ua.base", "2\t1\t5\t1\n1\t2\t4\t2\n");
        write("ml-100k/ua.test", "1\t3\t5\t3\n");
        write("ml-100k/u.data", "2\t1\t5\t1\n1\t2\t4\t2\n1\t3\t5\t3\n");
        Files.writeString(dir.resolve("ml-100k/u.item"), "1|A (1995)|x\n2|B, The (1996)|y\n3|Caf\u00e9 (1997)|z\n",
                StandardCharsets.ISO_8859_1);
        Dataset d = DatasetLoader.builder().dataset("ml-100k").dataDir(dir).build().load();
        assertThat(d.name()).isEqualTo("ml-100k");
        assertThat(d.report().trainRows()).isEqualTo(2);
        assertThat(d.report().testRows()).isEqualTo(1);
        assertThat(d.report().coldItems()).isEqualTo(1);
        assertThat(d.users().ids()).containsExactly("1", "2");
        assertThat(d.title(2)).isEqualTo("Caf\u00e9 (1997)");

        Dataset none = DatasetLoader.builder().dataset("ml-100k").dataDir(dir).split("none").build().load();
        assertThat(none.train().size()).isEqualTo(3);
        assertThat(none.test().size()).isZero();
    }

    @Test
    void trainOnlyNeverLooksForTheTestFile() throws IOException {
        Path train = write("train.tsv", "1\t10\t5\t1\n2\t20\t4\t2\n");
        Path missing = dir.resolve("no-such-test.tsv");
        DatasetLoader loader = DatasetLoader.builder().ratingsFile(train).testFile(missing).build();
        assertThatThrownBy(loader::load).isInstanceOf(DataNotFoundException.class); // load would need it
        Dataset d = loader.loadTrainOnly();
        assertThat(d.train().size()).isEqualTo(2);
        assertThat(d.test().size()).isZero();
        assertThat(d.items().ids()).containsExactly("10", "20");
        // a directory where the test file should be is not even looked at either
        Dataset same = DatasetLoader.builder().ratingsFile(train).testFile(dir).build().loadTrainOnly();
        assertThat(same.train().size()).isEqualTo(2);
    }

    @Test
    void trainOnlyMovieLensSplitNeedsNoTestFileAndDropsTestOnlyIds() throws IOException {
        write("ml-100k/ua.base", "2\t1\t5\t1\n1\t2\t4\t2\n");
        write("ml-100k/u.data", "2\t1\t5\t1\n1\t2\t4\t2\n1\t3\t5\t3\n");
        DatasetLoader ua = DatasetLoader.builder().dataset("ml-100k").dataDir(dir).build();
        assertThatThrownBy(ua::load).isInstanceOf(DataNotFoundException.class).hasMessageContaining("ua.test");
        Dataset d = ua.loadTrainOnly();
        assertThat(d.train().size()).isEqualTo(2);
        assertThat(d.items().ids()).containsExactly("1", "2");

        // last:1 on u.data sends item 3 (user 1's latest) to test: it is dropped, and so is its id
        Dataset last = DatasetLoader.builder().dataset("ml-100k").dataDir(dir).split("last:1").build()
                .loadTrainOnly();
        assertThat(last.train().size()).isEqualTo(2);
        assertThat(last.items().ids()).containsExactly("1", "2");
        assertThat(last.report().testRows()).isZero();
    }

    @Test
    void fakeCsvDatasetLoadsTitlesNextToRatings() throws IOException {
        write("ml-latest-small/ratings.csv", "userId,movieId,rating,timestamp\n1,11,4.0,5\n1,1,3.5,6\n");
        write("ml-latest-small/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n"
                + "11,\"American President, The (1995)\",Drama\n");
        Dataset d = DatasetLoader.builder().dataset("ml-latest-small").dataDir(dir).split("none").build().load();
        assertThat(d.title(d.items().indexOf("11"))).isEqualTo("American President, The (1995)");
        assertThat(d.items().ids()).containsExactly("1", "11");

        Dataset explicit = DatasetLoader.builder().ratingsFile(dir.resolve("ml-latest-small/ratings.csv"))
                .format(RatingsFormat.movieLensCsv()).split("none").build().load();
        assertThat(explicit.titles()).hasSize(2);
    }

    @Test
    void missingDatasetFolderSaysHowToGetIt() {
        assertThatThrownBy(() -> DatasetLoader.builder().dataset("ml-100k").dataDir(dir).build().load())
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("no folder " + dir.resolve("ml-100k"))
                .hasMessageContaining("tripletrec download ml-100k")
                .hasMessageContaining("put the files under " + dir.resolve("ml-100k") + "/")
                .hasMessageContaining("TRIPLETREC_DATA");
    }

    @Test
    void missingDatasetFileNamesIt() throws IOException {
        write("ml-100k/ua.base", "1\t1\t5\t1\n");
        assertThatThrownBy(() -> DatasetLoader.builder().dataset("ml-100k").dataDir(dir).build().load())
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageStartingWith("ml-100k file ua.test is missing: looked for " + dir.resolve("ml-100k/ua.test"));
        Files.createDirectories(dir.resolve("ml-25m"));
        assertThatThrownBy(() -> DatasetLoader.builder().dataset("ml-25m").dataDir(dir).build().load())
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("ratings.csv is missing")
                .hasMessageContaining("https://files.grouplens.org/datasets/movielens/ml-25m.zip");
    }

    @Test
    void missingExplicitFiles() throws IOException {
        Path train = write("r.tsv", "1\t1\t5\t1\n");
        Path nope = dir.resolve("nope.tsv");
        assertThatThrownBy(() -> DatasetLoader.builder().ratingsFile(nope).build().load())
                .isInstanceOf(DataNotFoundException.class).hasMessage("ratings file " + nope + " not found");
        assertThatThrownBy(() -> DatasetLoader.builder().ratingsFile(train).testFile(nope).build().load())
                .isInstanceOf(DataNotFoundException.class).hasMessage("test file " + nope + " not found");
    }

    @Test
    void rejectsInconsistentSettings() throws IOException {
        Path train = write("r.tsv", "1\t1\t5\t1\n");
        assertThatThrownBy(() -> DatasetLoader.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give a data set name");
        assertThatThrownBy(() -> DatasetLoader.builder().dataset("ml-100k").ratingsFile(train).build())
                .hasMessage("give a data set name or a ratings file, not both");
        assertThatThrownBy(() -> DatasetLoader.builder().dataset("netflix").build())
                .hasMessageStartingWith("unknown data set 'netflix'");
        assertThatThrownBy(() -> DatasetLoader.builder().ratingsFile(train).split("ua").build().load())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only for ml-100k");
        assertThatThrownBy(() -> DatasetLoader.builder().ratingsFile(train).split("file").build().load())
                .hasMessage("split 'file' needs a test file");
        assertThatThrownBy(() -> DatasetLoader.builder().ratingsFile(train).testFile(train).split("holdout:0.1")
                .build().load()).hasMessageContaining("a test file was given");
        write("ml-latest-small/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4,1\n");
        assertThatThrownBy(() -> DatasetLoader.builder().dataset("ml-latest-small").dataDir(dir).split("ub")
                .build().load()).hasMessageContaining("exists only for ml-100k");
    }
}
