package org.tripletrec.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;
import org.tripletrec.cli.ErrorHandler;
import picocli.CommandLine;

class ErrorHandlerTest {

    private static String[] handle(Exception ex, boolean debug) {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = new ErrorHandler(() -> debug).handleExecutionException(ex, cl, null);
        return new String[] {Integer.toString(code), err.toString()};
    }

    /** A command that runs out of heap. */
    @CommandLine.Command(name = "greedy")
    static final class Greedy implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfHeapIsOneLineSayingHowToGiveJavaMore() {
        CommandLine cl = new CommandLine(new Greedy());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertThat(Main.run(cl, new String[0])).isEqualTo(ErrorHandler.FAILURE);
        assertThat(err.toString().strip()).startsWith("tripletrec: out of memory: Java may use at most ")
                .contains("-Xmx8g").doesNotContain("\n").doesNotContain("at org.");
    }

    @Test
    void unexpectedFailureIsExitOneWithTheExceptionNamed() {
        String[] r = handle(new IllegalStateException("boom\nsecond line"), false);
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1].strip()).isEqualTo("tripletrec: IllegalStateException: boom second line");
    }

    @Test
    void unexpectedFailureShowsFramesOnlyWithDebug() {
        assertThat(handle(new IllegalStateException("boom"), true)[1]).contains("at org.tripletrec");
    }

    @Test
    void missingFileInsideUncheckedIoIsAUsageError() {
        String[] r = handle(new UncheckedIOException(new NoSuchFileException("x.tsv")), false);
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].strip()).isEqualTo("tripletrec: no such file: x.tsv");
    }

    @Test
    void otherIoErrorsAreFailures() {
        String[] r = handle(new IOException("disk full"), false);
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("disk full");
    }
}
