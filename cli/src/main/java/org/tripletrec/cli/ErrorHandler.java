package org.tripletrec.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.function.BooleanSupplier;

import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.DataNotFoundException;
import org.tripletrec.data.DownloadException;
import org.tripletrec.io.ModelFormatException;
import org.tripletrec.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one {@code tripletrec: message} line on stderr and an exit code: 2 for what the user
 * can fix (usage, data, model file, configuration), 1 for the rest. Stack traces only with {@code --debug}:
 * a user who mistyped a file name should not have to read forty lines of frames.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private final BooleanSupplier debug;

    public ErrorHandler(BooleanSupplier debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("tripletrec: " + oneLine(ex.getMessage()) + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (debug.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCode(ex);
        err.println("tripletrec: " + message(ex));
        if (debug.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * Runs a command line; returns the exit code. Running out of heap is one line as well (picocli hands only
     * exceptions, not errors, to the error handler): what happened, how much heap there was, and how to give Java
     * more.
     */
    public static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            cl.getErr().println("tripletrec: " + outOfMemory(Runtime.getRuntime().maxMemory()));
            cl.getErr().flush();
            return FAILURE;
        }
    }

    /** The line for running out of heap, given the heap limit in bytes. */
    public static String outOfMemory(long maxHeapBytes) {
        return String.format(java.util.Locale.ROOT, "out of memory: Java may use at most %.1f GB of heap here; give it"
                + " more, e.g. TRIPLETREC_JAVA_OPTS=-Xmx8g ./tripletrec ... (or java -Xmx8g -jar tripletrec.jar ...)",
                maxHeapBytes / 1e9);
    }

    /** 2 for input the user can fix (a failed download included: offline, or files that do not verify), 1 for anything else. */
    public static int exitCode(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        if (t instanceof DataFormatException || t instanceof DataNotFoundException
                || t instanceof ModelFormatException || t instanceof NoSuchFileException
                || t instanceof IllegalArgumentException || t instanceof TrainingDivergedException
                || t instanceof UserInputException || t instanceof DownloadException) {
            return USAGE;
        }
        return FAILURE;
    }

    /** One line saying what went wrong; the exception class only where the message alone would puzzle. */
    static String message(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        String msg = t.getMessage();
        if (t instanceof NoSuchFileException nsf) {
            msg = nsf.getReason() == null ? "no such file: " + nsf.getFile() : nsf.getFile() + ": " + nsf.getReason();
        } else if (msg == null || msg.isBlank() || exitCode(t) != USAGE) {
            msg = describe(t);
        }
        return oneLine(msg);
    }

    private static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
