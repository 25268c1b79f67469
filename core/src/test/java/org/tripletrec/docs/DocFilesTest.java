package org.tripletrec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tripletrec.testing.RepoFiles;

/**
 * Every file of the repository that a document names exists: relative Markdown links, and paths in backticks
 * or in the text that start with one of the repository's folders ({@code docs/SERVING.md},
 * {@code bench/load/run.sh}). Java sources are read too, for the documents their comments cite.
 */
class DocFilesTest {
    /** A relative link target: not a URL, not an anchor. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    /** A path into one of the repository's top folders, ending in a file name with an extension or a slash. */
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w./-])((?:docs|core|app|cli|spark|bench|\\.ci)/[\\w./-]*(?:\\.\\w+|/))");

    static List<String> missing(Path root) throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(DocFilesTest::isChecked)::iterator) {
                String text = Files.readString(file);
                String where = root.relativize(file).toString();
                if (file.toString().endsWith(".md")) {
                    Matcher link = LINK.matcher(text);
                    while (link.find()) {
                        String target = link.group(1);
                        if (!target.contains("://") && !target.startsWith("mailto:")
                                && !Files.exists(file.getParent().resolve(target))) {
                            missing.add(where + " links " + target);
                        }
                    }
                }
                Matcher path = PATH.matcher(text);
                while (path.find()) {
                    String target = path.group(1);
                    if (target.contains("...") || target.contains("/target/")) {
                        continue; // an elided package path (core/.../eval/Evaluator), or a build output
                    }
                    if (target.contains("target/")) {
                        continue; // a build output (app/target/tripletrec.jar): absent from a clean clone until built
                    }
                    if (!Files.exists(root.resolve(target)) && !Files.exists(file.getParent().resolve(target))) {
                        missing.add(where + " names " + target);
                    }
                }
            }
        }
        return missing;
    }

    private static boolean isChecked(Path p) {
        String s = p.toString();
        if (s.contains("/target/") || s.contains("/.git/") || s.contains("/node_modules/") || s.contains("/.mvn/")) {
            return false;
        }
        return s.endsWith(".md") || (s.endsWith(".java") && s.contains("/src/main/")) || s.endsWith(".sh");
    }

    @Test
    void everyFileADocumentNamesExists() throws IOException {
        assertThat(missing(RepoFiles.root())).isEmpty();
    }

    @Test
    void aMissingFileIsFound(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/A.md"), "x");
        Files.writeString(dir.resolve("README.md"), "See [A](docs/A.md), [B](docs/B.md), `docs/C.md`,"
                + " core/.../Evaluator, [web](https://example.org/x.md) and docs/A.md.\n");
        assertThat(missing(dir)).containsExactly("README.md links docs/B.md", "README.md names docs/B.md",
                "README.md names docs/C.md");
    }
}
