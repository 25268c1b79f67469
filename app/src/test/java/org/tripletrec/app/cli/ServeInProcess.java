package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tripletrec.app.Main;
import picocli.CommandLine;

/**
 * {@code tripletrec serve ...} run on a thread of the test's JVM, as a user runs it from the shell: its address
 * read from what it prints, stopped by an interrupt (what Ctrl-C's hook does) on close, even when the test fails.
 */
final class ServeInProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private final int[] exit = {-1};
    private final String base;

    /** Starts {@code serve} with these arguments (give {@code --port 0}) and waits until it listens. */
    ServeInProcess(String... args) throws InterruptedException {
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        thread = new Thread(() -> exit[0] = cl.execute(args), "serve-in-process");
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Matcher m;
        while (!(m = URL.matcher(out.toString())).find() && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!m.find(0)) {
            close();
            throw new AssertionError("serve did not start\nstdout: " + out + "\nstderr: " + err);
        }
        base = "http://127.0.0.1:" + m.group(1);
    }

    String base() {
        return base;
    }

    /** Stops the server and returns its exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
        if (thread.isAlive()) {
            throw new AssertionError("serve did not stop within 10 s of an interrupt");
        }
        return exit[0];
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }
}
