package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TitlesTest {
    @TempDir
    Path dir;

    @Test
    void movieLens100kIsLatin1AndPipeSeparated() throws IOException {
        Path file = dir.resolve("u.item");
        Files.writeString(file, "1|Toy Story (1995)|01-Jan-1995||http://x|0|0\n"
                + "2|Cit\u00e9 des enfants perdus, La (1995)|01-Jan-1995||http://y|0|1\n", StandardCharsets.ISO_8859_1);
        Map<String, String> titles = Titles.movieLens100k(file);
        assertThat(titles).containsEntry("1", "Toy Story (1995)")
                .containsEntry("2", "Cit\u00e9 des enfants perdus, La (1995)");
    }

    @Test
    void movieLensCsvTitlesHoldQuotedCommas() {
        Path file = Path.of("src/test/resources/data/movies-quoted.csv");
        Map<String, String> titles = Titles.movieLensCsv(file);
        assertThat(titles).containsEntry("11", "American President, The (1995)")
                .containsEntry("1", "Toy Story (1995)")
                .containsEntry("30", "Shanghai Triad (Yao a yao yao dao waipo qiao) (1995)")
                .containsEntry("31", "\"Great\" Expectations, The (1998)")
                .hasSize(4);
    }

    @Test
    void movieLensCsvNeedsItsHeader() throws IOException {
        Path file = dir.resolve("movies.csv");
        Files.writeString(file, "id,name\n1,x\n");
        assertThatThrownBy(() -> Titles.movieLensCsv(file)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file + ":1: expected a header with movieId and title");
    }

    @Test
    void missingTitlesFile() {
        Path file = dir.resolve("u.item");
        assertThatThrownBy(() -> Titles.movieLens100k(file)).hasMessage(file + ": no such file");
    }
}
