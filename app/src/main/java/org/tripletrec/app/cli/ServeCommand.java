package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tripletrec.app.serve.ModelServer;
import org.tripletrec.app.serve.ServingData;
import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.io.ModelFormat;
import org.tripletrec.model.EmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripletrec serve}: the HTTP API and the web page over a model file, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve recommendations over HTTP (JSON API under /v1, a web page at /, metrics at /metrics).",
                "The model file is watched: a changed file is loaded and checked aside and swapped in without"
                        + " downtime (also on POST /admin/reload from this machine); a bad file leaves the old model serving.",
                "Items a user rated are left out of its recommendations: the model's own rated items when it carries"
                        + " them (trained without --no-rated) and those of data named with --dataset or --ratings; else"
                        + " those of the default data (ml-100k, when found and when it is what the model was trained"
                        + " on). The data is also where titles come from."},
        footer = {"", "Examples:",
                "  tripletrec serve --model model.bin",
                "  tripletrec serve --model model.bin --port 9000 --titles ml-100k/u.item",
                "  curl 'http://127.0.0.1:8080/v1/users/1/recommendations?k=5'",
                "See docs/SERVING.md and GET /openapi.yaml for the API."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", required = true,
            description = "A model file written by 'tripletrec train --model-out'.")
    Path model;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 for every interface.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "2",
            description = "How often to check the model file for changes; 0 turns watching off. Default: ${DEFAULT-VALUE}.")
    double watchSeconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Most request threads (default: 4 per core, at least 12). The work is CPU-bound: more"
                    + " threads than that only lengthen the slowest answers.")
    int threads;

    @Mixin
    DataOptions data;

    @Mixin
    IndexOptions index;

    @Mixin
    TitleOptions titles;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be from 0 to 65535, got " + port);
        }
        if (threads != 0 && threads < 4) {
            throw new UserInputException("--threads must be 4 or more (Jetty needs some for accepting connections)");
        }
        if (!(watchSeconds >= 0)) {
            throw new UserInputException("--watch must be 0 or more seconds");
        }
        ServingData servingData = servingData(ModelFormat.load(model));
        Duration watch = Duration.ofMillis(Math.round(watchSeconds * 1000));
        ModelServer server;
        try {
            server = ModelServer.start(new ModelServer.Options(host, port, model, watch, threads, index.spec()), servingData);
        } catch (ModelServer.ModelRefusedException e) {
            throw new UserInputException(e.getMessage());
        }
        // Ctrl-C runs the hook; an embedding caller (a test) interrupts the thread instead
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tripletrec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        out.println("tripletrec: serving " + model + " on http://" + shownHost + ":" + server.port() + "/ (Ctrl-C to stop)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            Thread.currentThread().interrupt();
        }
        return ErrorHandler.OK;
    }

    /**
     * The ratings and titles to serve with. A model that carries its rated items needs no data: the default data
     * set then only gives titles, and named data adds its ratings to the model's. Otherwise named data must load; the default data set is used only when it is there and is what the model
     * was trained on, because leaving out another data set's ratings would hide the wrong items.
     */
    private ServingData servingData(EmbeddingModel m) {
        boolean carried = m.rated() != null;
        Dataset d = data.loadIfPresent();
        if (d == null) {
            if (!carried) {
                LOG.warn("no training data found and the model carries no rated items: rated items are not left out"
                        + " (name the data with --dataset or --ratings, or train without --no-rated)");
            }
            return ServingData.titlesOnly(titles.read());
        }
        String mismatch = TrainingDataCheck.note(m, d);
        if (mismatch != null && !data.explicit()) {
            LOG.warn(carried ? "{}: its titles are not used (name the data with --dataset or --ratings)"
                    : "{}: rated items are not left out and its titles are not used (name the data with --dataset"
                    + " or --ratings)", mismatch);
            return ServingData.titlesOnly(titles.read());
        }
        if (mismatch != null) {
            LOG.warn(mismatch);
        }
        // beside the model's own rated items, the default data set gives titles only; named data adds its ratings
        return carried && !data.explicit() ? ServingData.titlesOnly(titles.over(d)) : ServingData.of(d, titles.over(d));
    }
}
