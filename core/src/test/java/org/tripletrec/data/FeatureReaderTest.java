package org.tripletrec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void readsLongFormatWithAndWithoutWeightsHeaderOrNot() throws IOException {
        SideFeatures a = FeatureReader.read(file("a.csv", "item,feature,weight\n1,genre:Comedy,1\n1,genre:Drama,0.5\n2,genre:Comedy\n"));
        assertThat(a.ids()).containsExactly("1", "2");
        assertThat(a.of("1")).containsExactly(Map.entry("genre:Comedy", 1f), Map.entry("genre:Drama", 0.5f));
        assertThat(a.of("2")).containsExactly(Map.entry("genre:Comedy", 1f));
        assertThat(a.vocabulary()).containsExactly("genre:Comedy", "genre:Drama");

        SideFeatures b = FeatureReader.read(file("b.tsv", "1\tgenre:Comedy\t2\n3\tdecade:1990s\n"));
        assertThat(b.of("1")).containsExactly(Map.entry("genre:Comedy", 2f));
        assertThat(b.of("3")).containsKey("decade:1990s");

        SideFeatures c = FeatureReader.read(file("c.txt", "id,feature\nx,\"a, b\"\n"));
        assertThat(c.of("x")).containsOnlyKeys("a, b");
        assertThat(c.of("missing")).isEmpty();
    }

    @Test
    void aRepeatedPairKeepsTheLastWeight() throws IOException {
        SideFeatures f = FeatureReader.read(file("r.csv", "1,g,1\n1,g,3\n"));
        assertThat(f.of("1")).containsExactly(Map.entry("g", 3f));
    }

    @Test
    void everyMalformedLineNamesFileAndLine() throws IOException {
        assertProblem("1,g,1\n2\n", ":2: expected id,feature[,weight], found 1 column");
        assertProblem("1,g,1\n2,g,1,4\n", ":2: expected id,feature[,weight], found 4 columns");
        assertProblem("1,g,1\n,g,1\n", ":2: empty id");
        assertProblem("1,g,1\n2,,1\n", ":2: empty feature name");
        assertProblem("1,g,1\n2,g,heavy\n", ":2: weight 'heavy' is not a finite number");
        assertProblem("1,g,1\n2,g,NaN\n", ":2: weight 'NaN' is not a finite number");
        assertProblem("1,g,1\n2,g,-1\n", ":2: weight -1 must be positive");
        assertProblem("1,g,1\n2,\"g,1\n", ":2: unbalanced quotes");
        assertProblem("", ": file is empty, no features");
        assertProblem("item,feature,weight\n", ": only a header line, no features");
        assertThatThrownBy(() -> FeatureReader.read(dir.resolve("none.csv")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("none.csv: no such file");
    }

    private void assertProblem(String content, String message) throws IOException {
        Path f = file("bad.csv", content);
        assertThatThrownBy(() -> FeatureReader.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + message);
    }
}
