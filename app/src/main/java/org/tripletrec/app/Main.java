package org.tripletrec.app;

import java.util.concurrent.Callable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.tripletrec.Version;
import org.tripletrec.app.cli.AudienceCommand;
import org.tripletrec.app.cli.BenchCommand;
import org.tripletrec.app.cli.BenchIndexCommand;
import org.tripletrec.app.cli.DemoCommand;
import org.tripletrec.app.cli.DownloadCommand;
import org.tripletrec.app.cli.EvaluateCommand;
import org.tripletrec.app.cli.ExportCommand;
import org.tripletrec.app.cli.GenerateCommand;
import org.tripletrec.app.cli.RecommendCommand;
import org.tripletrec.app.cli.ServeCommand;
import org.tripletrec.app.cli.SimilarCommand;
import org.tripletrec.app.cli.TrainCommand;
import org.tripletrec.app.cli.UpdateCommand;
import org.tripletrec.app.cli.TuneCommand;
import org.tripletrec.app.cli.FrontierCommand;
import org.tripletrec.cli.ErrorHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code tripletrec} command. Exit codes: 0 success, 1 unexpected failure, 2 bad usage or bad data (one
 * {@code tripletrec: message} line on stderr, no stack trace unless {@code --debug}).
 *
 * <p>Tests and embedders should go through {@link #newCommandLine()}: the error handlers live on the
 * {@link CommandLine}, not on the annotated classes.
 */
@Command(name = "tripletrec",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Triplet-loss (Siamese BPR) recommender that learns from likes and dislikes.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 bad usage or bad data.",
                "Run 'tripletrec COMMAND --help' for the options of a command.",
                "",
                "Speed: the ./tripletrec launcher runs train, update, bench, bench-index and serve with the JDK"
                        + " Vector API (faster training and scoring; the JVM then prints a 'Using incubator modules'"
                        + " warning first). TRIPLETREC_SIMD=true turns it on for every command, TRIPLETREC_SIMD=false"
                        + " off; results are the same bit for bit. With java -jar, add --add-modules"
                        + " jdk.incubator.vector to turn it on."},
        subcommands = {
                DemoCommand.class,
                TrainCommand.class,
                UpdateCommand.class,
                TuneCommand.class,
                FrontierCommand.class,
                EvaluateCommand.class,
                RecommendCommand.class,
                SimilarCommand.class,
                AudienceCommand.class,
                ExportCommand.class,
                DownloadCommand.class,
                GenerateCommand.class,
                BenchCommand.class,
                BenchIndexCommand.class,
                ServeCommand.class,
        })
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private boolean debug;

    // A setter rather than a field, so that the log level changes the moment the flag is parsed.
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log debug messages and print the stack trace of errors.")
    void setDebug(boolean debug) {
        this.debug = debug;
        if (debug && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.DEBUG);
        }
    }

    public boolean debug() {
        return debug;
    }

    public static void main(String[] args) {
        System.exit(run(newCommandLine(), args));
    }

    /** Runs a command line; returns the exit code ({@link ErrorHandler#execute}: running out of heap is one line). */
    static int run(CommandLine cl, String[] args) {
        return ErrorHandler.execute(cl, args);
    }

    /** The configured command line: error handlers, exit codes, case-insensitive enum values. */
    public static CommandLine newCommandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        ErrorHandler handler = new ErrorHandler(main::debug);
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /** Without a command: show what there is, and fail like any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ErrorHandler.USAGE;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tripletrec " + Version.get(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
