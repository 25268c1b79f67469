package org.tripletrec.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A Spark standalone cluster on this machine for tests: a master and workers, each its own JVM, started from the
 * Maven jars (no Spark install) on loopback with free ports, and jobs submitted to it through SparkSubmit in
 * client mode, as {@code spark-submit} does. The workers get a SPARK_HOME whose {@code jars/} links the jars of
 * the class path, which is where a worker finds the class path of the executors it starts.
 *
 * <p>Every process it starts, and every process those start (the executors), is killed by pid on
 * {@link #close()}; tests call it in a finally block or an AfterAll method, so that nothing outlives a failed
 * test. The processes' output goes to files under the given folder, for the post-mortem.
 */
final class StandaloneCluster implements AutoCloseable {
    /**
     * How long a process may take to say it is ready: generous, since only a broken run waits it out, and a test
     * machine shared with other builds starts a Spark JVM many times slower than an idle one.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    /**
     * Every JVM here is short-lived and the data small: the C1 compiler alone and the serial collector spend
     * far less CPU than the defaults, which matters on a test machine with two cores.
     */
    private static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path dir;
    private final String classpath;
    private final Path sparkHome;
    private final List<String> jvmFlags;
    private final List<Process> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private String masterUrl;

    private StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        List<String> jars = Arrays.asList(Files.readString(Path.of(System.getProperty("spark.classpathFile")))
                .strip().split(java.io.File.pathSeparator));
        this.classpath = String.join(java.io.File.pathSeparator, jars);
        this.jvmFlags = Arrays.asList(System.getProperty("spark.jvmFlags").strip().split("\\s+"));
        this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Path jarsDir = Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : jars) {
            Path p = Path.of(jar);
            // the job jar brings tripletrec's own classes; the executors must not see a second copy
            if (p.getFileName().toString().endsWith(".jar") && !p.getFileName().toString().startsWith("tripletrec-")) {
                Files.createSymbolicLink(jarsDir.resolve(p.getFileName()), p);
            }
        }
    }

    /** A master and {@code workers} workers of {@code cores} cores each, registered and ready. */
    static StandaloneCluster start(Path dir, int workers, int cores) throws Exception {
        StandaloneCluster c = new StandaloneCluster(dir);
        try {
            int port = freePort();
            Process master = c.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())), "256m");
            c.masterUrl = "spark://127.0.0.1:" + port;
            c.await(master, c.log("master"), l -> l.contains("I have been elected leader"));
            for (int k = 0; k < workers; k++) {
                String name = "worker-" + k;
                Process w = c.launch(name, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", "0", "--webui-port", Integer.toString(freePort()), "--cores", Integer.toString(cores),
                        "--memory", "1g", "--work-dir", Files.createDirectories(dir.resolve(name)).toString(),
                        c.masterUrl), "256m");
                c.workers.add(w);
            }
            for (int k = 0; k < workers; k++) {
                c.await(c.workers.get(k), c.log("worker-" + k), l -> l.contains("Successfully registered with master"));
            }
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /**
     * Starts a driver: SparkSubmit in client mode with the job jar and {@code jobArgs}, one executor of 1 core
     * per worker. Its output goes to {@link #log}({@code name}).
     */
    Process submit(String name, List<String> jobArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--deploy-mode", "client", "--class", SparkMain.class.getName(),
                "--conf", "spark.executor.memory=512m", "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=" + workers.size(),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmFlags) + " "
                        + String.join(" ", SHORT_LIVED),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                System.getProperty("spark.jobJar")));
        args.addAll(jobArgs);
        return launch(name, args, "768m");
    }

    /**
     * The executor JVMs of the latest application running now: the workers' child processes that run
     * CoarseGrainedExecutorBackend with the greatest {@code --app-id} (the master numbers applications in the order
     * they register; the executors of a killed driver may still be on their way out).
     */
    List<ProcessHandle> executorsOfTheLatestApplication() {
        java.util.TreeMap<String, List<ProcessHandle>> byApp = new java.util.TreeMap<>();
        for (Process w : workers) {
            w.descendants().forEach(h -> {
                List<String> args = h.info().arguments().map(Arrays::asList).orElse(List.of());
                int at = args.indexOf("--app-id");
                if (h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend") && at >= 0
                        && at + 1 < args.size()) {
                    byApp.computeIfAbsent(args.get(at + 1), k -> new ArrayList<>()).add(h);
                }
            });
        }
        return byApp.isEmpty() ? List.of() : byApp.lastEntry().getValue();
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** Waits until a line of the log matches, failing with the log's end if the process exits or time runs out. */
    void await(Process p, Path log, Predicate<String> line) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log, StandardCharsets.UTF_8).stream().anyMatch(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": the process exited with " + p.exitValue()
                        + " before it was ready\n" + tail(log));
            }
            Thread.sleep(100);
        }
        throw new TimeoutException(log.getFileName() + ": not ready after " + START_TIMEOUT + "\n" + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private Process launch(String name, List<String> mainAndArgs, String heap) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(SHORT_LIVED);
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("SPARK_CONF_DIR");
        Process p = pb.start();
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /** A process started elsewhere that {@link #close()} is to kill as well. */
    Process adopt(Process p) {
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /** Kills a process and everything it started, by pid, and waits until they are gone. */
    static void kill(Process p) {
        kill(p.toHandle());
    }

    static void kill(ProcessHandle h) {
        List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
        all.add(h);
        for (ProcessHandle d : all) {
            d.destroyForcibly();
        }
        for (ProcessHandle d : all) {
            try {
                d.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the caller's checks; keep killing the rest
            }
        }
    }

    /** Every process started here and all their descendants, newest first, by pid. */
    @Override
    public void close() {
        List<Process> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        java.util.Collections.reverse(all);
        for (Process p : all) {
            kill(p);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
