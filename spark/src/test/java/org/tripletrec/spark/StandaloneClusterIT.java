package org.tripletrec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.SyntheticData;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.Recommender;

/**
 * The job on a real standalone cluster (a master and two workers, each its own JVM, one executor of one core per
 * worker), submitted as spark-submit submits it, against the model local mode trains with the same seed and
 * blocks. Training is deterministic by design (every random stream seeded by seed, epoch and cell; every cell's
 * ratings in input order; a retried task trains a copy of its input blocks), so the model must be the same bit
 * for bit, after the driver is killed and the run resumed from its checkpoints, although the resumed run loses an
 * executor in the middle of training. (One run with both failures, which also shows that the cluster trains local
 * mode's model: each submitted run costs three JVMs, the driver and two executors, and their start-up is most of
 * this test's time.)
 */
class StandaloneClusterIT {
    private static final int EPOCHS = 6;
    private static StandaloneCluster cluster;
    private static Path ratings;
    private static EmbeddingModel local;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ratings = dir.resolve("ratings.tsv");
        SyntheticData.builder().users(1_000).items(400).interactions(24_000).seed(11).build().write(ratings);
        // the processes' output stays in target/ for the post-mortem of a failed run
        Path logs = Path.of(System.getProperty("spark.jobJar")).resolveSibling("cluster-it");
        org.apache.commons.io.FileUtils.deleteDirectory(logs.toFile());
        // local mode's model is trained while the cluster's JVMs start, which is mostly waiting
        java.util.concurrent.CompletableFuture<EmbeddingModel> localRun = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    TrainOptions o = TrainOptions.parse(job(dir.resolve("local.trm")).toArray(new String[0]));
                    ByteArrayOutputStream log = new ByteArrayOutputStream();
                    try {
                        return SparkTrainJob.run(SparkTestData.spark(), o,
                                new PrintStream(log, true, StandardCharsets.UTF_8)).model();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        try {
            cluster = StandaloneCluster.start(logs, 2, 1);
        } finally {
            local = localRun.join();
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The job's arguments: the same data, configuration and blocks for every run here. One model (the single
     * preset), so that "epoch 1" is printed once; ChannelsDsgdTest resumes inside a channel.
     */
    private static List<String> job(Path modelOut) {
        return List.of("--preset", "single", "--ratings", ratings.toString(), "--split", "holdout:0.1", "--dim", "16",
                "--epochs", Integer.toString(EPOCHS), "--blocks", "2", "--seed", "7", "--model-out", modelOut.toString());
    }

    private static List<String> withCheckpoints(Path modelOut, Path checkpoints, String... more) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(job(modelOut));
        args.addAll(List.of("--checkpoint-dir", checkpoints.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** Runs a driver to its end; fails with its output when it fails or takes too long. */
    private static void finish(Process driver, String name) throws Exception {
        try {
            assertThat(driver.waitFor(400, TimeUnit.SECONDS)).as(name + " still running\n%s", tail(name)).isTrue();
            assertThat(driver.exitValue()).as(name + " failed\n%s", tail(name)).isZero();
        } finally {
            StandaloneCluster.kill(driver);
        }
    }

    private static String tail(String name) throws Exception {
        return StandaloneCluster.tail(cluster.log(name));
    }

    private static void assertSameModel(Path file) throws Exception {
        EmbeddingModel m = ModelFormat.load(file);
        assertThat(m.userFactors()).containsExactly(local.userFactors());
        assertThat(m.itemFactors()).containsExactly(local.itemFactors());
        assertThat(m.itemBias()).containsExactly(local.itemBias());
        assertThat(m.info().metrics().get(Metrics.FULL_AUC)).isEqualTo(local.info().metrics().get(Metrics.FULL_AUC));
    }

    /**
     * The two failures of a cluster in one run of the job: the driver is killed, and the run resumed from its
     * checkpoints loses an executor in the middle of training; it completes, at local mode's model.
     */
    @Test
    void aKilledDriverResumesAndSurvivesAKilledExecutorToLocalModesModel() throws Exception {
        Path model = dir.resolve("resumed.trm");
        Path checkpoints = dir.resolve("ckpt");
        Process first = cluster.submit("driver-killed", withCheckpoints(model, checkpoints));
        try {
            cluster.await(first, cluster.log("driver-killed"), l -> l.startsWith("epoch 1/"));
        } finally {
            StandaloneCluster.kill(first);
        }
        assertThat(model).doesNotExist();
        assertThat(Files.readString(cluster.log("driver-killed"))).contains("2 x 2 blocks on " + cluster.masterUrl());

        Process second = cluster.submit("resumed", withCheckpoints(model, checkpoints, "--resume"));
        try {
            cluster.await(second, cluster.log("resumed"), l -> l.startsWith("epoch "));
            List<ProcessHandle> executors = cluster.executorsOfTheLatestApplication();
            assertThat(executors).as("executors of the resumed run").hasSize(2);
            StandaloneCluster.kill(executors.get(0));
            assertThat(second.isAlive()).as("the run ended before the executor was killed").isTrue();
        } finally {
            finish(second, "resumed");
        }
        assertSameModel(model);
        String out = Files.readString(cluster.log("resumed"));
        assertThat(out).contains("resuming after sub-epoch ").doesNotContain("epoch 1/" + EPOCHS)
                .containsPattern("epoch " + EPOCHS + "/" + EPOCHS + " .* shuffle .* checkpoint ")
                .doesNotContain(" INFO ").doesNotContain("locally checkpointed")
                .contains("Lost executor"); // Spark says once what happened, and goes on
    }

    /**
     * The tripletrec command on a Spark-trained model with no data folder in reach: recommend and serve leave out
     * what the user rated, from the rated items the model file carries.
     */
    @Test
    void recommendAndServeLeaveRatedItemsOutForASparkTrainedModelWithoutData() throws Exception {
        Path model = dir.resolve("local.trm");
        EmbeddingModel m = ModelFormat.load(model);
        int user = 0;
        for (int u = 1; u < m.numUsers(); u++) {
            user = m.rated().count(u) > m.rated().count(user) ? u : user;
        }
        String id = m.users().id(user);
        Path noData = Files.createDirectories(dir.resolve("no-data"));
        int u = user;
        // what there is to leave out: the user's top 50 over every item holds rated items
        assertThat(new Recommender(m).recommend(u, 50, (x, i) -> true)).as("a heavy user's top 50 of all items")
                .anyMatch(s -> m.rated().isRated(u, s.item()));
        List<String> unrated = recommend(model, noData, id);
        assertThat(unrated).hasSize(50).noneMatch(i -> m.rated().isRated(u, m.items().indexOf(i)));

        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process server = app(noData, "serve", List.of("serve", "--model", model.toString(), "--port",
                Integer.toString(port), "--data-dir", noData.toString()));
        try {
            cluster.await(server, cluster.log("serve"), l -> l.contains("serving"));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            var health = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.get("model").get("rated_from").asText()).isEqualTo("model");
            var answer = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    base + "/v1/users/" + id + "/recommendations?k=50")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            List<String> served = new ArrayList<>();
            answer.get("items").forEach(n -> served.add(n.get("item").asText()));
            assertThat(served).isEqualTo(unrated);
        } finally {
            StandaloneCluster.kill(server);
        }
    }

    /** {@code tripletrec recommend} for one user, top 50, as JSON; the item ids. */
    private static List<String> recommend(Path model, Path noData, String user) throws Exception {
        List<String> args = List.of("recommend", "--model", model.toString(), "--user", user, "-k", "50",
                "--json", "--data-dir", noData.toString());
        String name = "recommend";
        Process p = app(noData, name, args);
        try {
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(cluster.log(name));
            assertThat(p.exitValue()).as(out).isZero();
            List<String> items = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.substring(out.indexOf('[')))
                    .forEach(n -> items.add(n.get("item").asText()));
            return items;
        } finally {
            StandaloneCluster.kill(p);
        }
    }

    /** The tripletrec command from the app's jar, with no data folder: HOME and TRIPLETREC_DATA point nowhere. */
    private static Process app(Path noData, String name, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", System.getProperty("tripletrec.appJar")));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(cluster.log(name).toFile());
        pb.environment().put("TRIPLETREC_DATA", noData.toString());
        pb.environment().put("HOME", noData.toString());
        return cluster.adopt(pb.start());
    }
}
