package org.tripletrec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.testing.RepoFiles;
import org.tripletrec.testing.TestData;

/**
 * The README's library example, taken from README.md itself: its imports and statements are compiled into a
 * main method and run in a fresh JVM whose working folder is a temporary one (the example writes
 * {@code ml100k.trm} there) and whose {@code TRIPLETREC_DATA} is the test data folder.
 */
class ReadmeExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** The README's one java block. */
    static String readmeSnippet() throws IOException {
        String readme = Files.readString(RepoFiles.root().resolve("README.md"));
        Matcher m = JAVA_BLOCK.matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block").isTrue();
        String snippet = m.group(1);
        assertThat(m.find()).as("README.md has one ```java block; this test runs the first").isFalse();
        return snippet;
    }

    /** The snippet's import lines stay imports; every other line goes into {@code main}. */
    static String asProgram(String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "\npublic class ReadmeExample {\n    public static void main(String[] args) throws Exception {\n"
                + body + "    }\n}\n";
    }

    @Test
    void theReadmesJavaBlockCompilesRunsAndSavesAModel() throws Exception {
        Path dataDir = TestData.dataDir();
        Path src = dir.resolve("src/ReadmeExample.java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, asProgram(readmeSnippet()));
        String classPath = System.getProperty("java.class.path");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none"), null,
                    files.getJavaFileObjects(src)).call();
            assertThat(ok).as("README example compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }

        Path work = Files.createDirectories(dir.resolve("work"));
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaExe.toString(), "-cp",
                classes + java.io.File.pathSeparator + classPath, "ReadmeExample")
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("TRIPLETREC_DATA", dataDir.toString());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try {
            try (var out = p.inputReader()) {
                out.lines().forEach(lines::add);
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the example finishes").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();

        // ten lines "score  title" (a log line may precede them), and the saved model reads back
        List<String> recs = lines.stream().filter(l -> l.matches("-?\\d+\\.\\d{3}  .+")).toList();
        assertThat(recs).as(String.join("\n", lines)).hasSize(10);
        EmbeddingModel saved = ModelFormat.load(work.resolve("ml100k.trm"));
        assertThat(saved.users().indexOf("42")).isNotNegative();
        assertThat(saved.numItems()).isEqualTo(1682);
    }

    @Test
    void importsStayOutsideMain() {
        String program = asProgram("import a.B;\nint x = 1;\n");
        assertThat(program).startsWith("import a.B;\n").contains("main(String[] args) throws Exception {\nint x = 1;");
    }
}
