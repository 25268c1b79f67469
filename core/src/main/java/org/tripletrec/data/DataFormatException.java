package org.tripletrec.data;

/**
 * A data file that cannot be read as asked. The message is one line, {@code file:line: problem} (or
 * {@code file: problem} when the problem is not about one line), which is what the CLI prints before exiting.
 */
public class DataFormatException extends RuntimeException {
    private final String file;
    private final long line;
    private final String problem;

    public DataFormatException(String file, long line, String problem) {
        this(file, line, problem, null);
    }

    public DataFormatException(String file, long line, String problem, Throwable cause) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file as it was named (not made absolute, so the message matches what the user typed). */
    public String file() { return file; }

    /** 1-based line number, 0 when the problem is about the whole file. */
    public long line() { return line; }

    public String problem() { return problem; }
}
