package org.tripletrec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tripletrec.testing.RepoFiles;

/**
 * Every quality figure the README publishes for tripletrec (and for the popularity baseline it computes) is
 * among some test's expected values, so that a change that moves it fails a test instead of leaving the README
 * wrong. The tables are those of the README's "Presets and measured results" section; the peers' rows and the
 * published figures of the seed and the notebook are other systems' (docs/EVALUATION.md gives their source).
 * A figure counts as asserted when a decimal literal in a test rounds to it.
 */
class ReadmeFiguresTest {
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+\\.\\d+(?![\\w.])");
    private static final Pattern OTHERS = Pattern.compile("LightFM|ALS|LibRec|seed's method|PyTorch");

    /** The figures of our own rows in the section's tables, skipping columns of published or descriptive text. */
    static List<String> publishedFigures(String readme) {
        int start = readme.indexOf("## Presets and measured results");
        assertThat(start).as("README has the section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 3);
        List<String> figures = new ArrayList<>();
        List<String> header = null;
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|", -1));
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.get(0).startsWith("---") || OTHERS.matcher(cells.get(0)).find()) {
                continue;
            }
            for (int c = 1; c < cells.size() && c < header.size(); c++) {
                String column = header.get(c);
                if (column.contains("reported") || column.contains("what it is")) {
                    continue;
                }
                Matcher m = NUMBER.matcher(cells.get(c));
                while (m.find()) {
                    figures.add(m.group());
                }
            }
        }
        return figures;
    }

    /** Every decimal literal in the test sources, rounded to 2, 3 and 4 places. */
    static Set<String> assertedFigures(Path root) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
                    && p.toString().contains("/src/test/") && !p.toString().contains("/target/"))::iterator) {
                Matcher m = NUMBER.matcher(Files.readString(f));
                while (m.find()) {
                    BigDecimal value = new BigDecimal(m.group());
                    for (int places = 2; places <= 4; places++) {
                        out.add(value.setScale(places, RoundingMode.HALF_UP).toPlainString());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyPublishedFigureIsATestsExpectedValue() throws IOException {
        Path root = RepoFiles.root();
        List<String> figures = publishedFigures(Files.readString(root.resolve("README.md")));
        assertThat(figures).as("figures found in the README's tables").contains("0.9148", "0.8272");
        Set<String> asserted = assertedFigures(root);
        assertThat(figures.stream().filter(f -> !asserted.contains(f)).toList())
                .as("README figures no test asserts").isEmpty();
    }

    @Test
    void readsOurRowsAndSkipsThePeersAndPublishedColumns() {
        String readme = "## Presets and measured results\n\n| preset | what it is | full_auc (ours) | reported |\n"
                + "|---|---|---|---|\n| `seed` | dim 100, lr 0.001 | 0.8272 | 0.82 / 0.812 |\n\n"
                + "| system | full_auc | dislike@10 |\n|---|---|---|\n| **tripletrec** | **0.915** | 0.0052 |\n"
                + "| LightFM WARP, dim 100 | 0.907 | 0.0055 |\n\n## Next\n| x | 0.5 |\n";
        assertThat(publishedFigures(readme)).containsExactly("0.8272", "0.915", "0.0052");
    }
}
