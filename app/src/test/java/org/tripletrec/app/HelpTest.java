package org.tripletrec.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.tripletrec.testing.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelpTest {

    static Stream<String> commands() {
        return Main.newCommandLine().getSubcommands().keySet().stream();
    }

    @Test
    void topLevelHelpListsTheCommands() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: tripletrec");
        for (String command : List.of("demo", "train", "evaluate", "recommend", "similar", "export", "download")) {
            assertThat(r.out()).contains(command);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: tripletrec " + command);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void trainHelpShowsTheSharedOptions() {
        String out = Cli.run("train", "--help").out();
        assertThat(out).contains("--dataset", "--ratings", "--split", "--preset", "--sampler", "--lr", "--eval-every",
                "--eval-users", "--model-out", "--metrics-out", "--plot", "--[no-]item-bias", "--[no-]header");
    }

    @Test
    void topLevelHelpNamesTheCommandsTheLauncherRunsWithTheVectorApi() throws Exception {
        String launcher = java.nio.file.Files.readString(RepoFiles.root().resolve("tripletrec"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\n\\s*([a-z-]+\\|[a-z|-]+)\\) simd=\\(--add-modules").matcher(launcher);
        assertThat(m.find()).as("the launcher's list of Vector API commands").isTrue();
        List<String> commands = List.of(m.group(1).split("\\|"));
        assertThat(commands).containsExactly("train", "update", "bench", "bench-index", "serve");
        String help = Cli.run("--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("runs train, update, bench, bench-index and serve with the JDK Vector API",
                "TRIPLETREC_SIMD=true turns it on for every command, TRIPLETREC_SIMD=false off");
    }

    @Test
    void versionPrintsTheLibraryVersion() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("tripletrec ");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: tripletrec");
    }
}
