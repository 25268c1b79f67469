package org.tripletrec.app.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tripletrec.recommend.hnsw.IndexSpec;

/**
 * The HTTP server: routes, the JSON error mapping, metrics per request, the model holder and its file watcher.
 * Every error answer is {@code {"error": message, "status": code}}: client mistakes are 4xx with a message that
 * says what to change, anything unexpected a 500 whose details go to the log, never to the client.
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    /** Marks an error body written here, so that the error mappers do not write another over it. */
    private static final String OWN_ERROR = "tripletrec.error";

    static final String USER_RECS = "/v1/users/{id}/recommendations";
    static final String SIMILAR = "/v1/items/{id}/similar";
    static final String FOLD_IN = "/v1/recommendations";
    static final String ITEMS = "/v1/items";
    static final String AUDIENCE = "/v1/items/audience";
    static final String FEATURES = "/v1/features";
    static final Set<String> ROUTES = Set.of(USER_RECS, SIMILAR, FOLD_IN, ITEMS, AUDIENCE, FEATURES, "/health", "/metrics",
            "/admin/reload", "/openapi.yaml", "/v1/openapi.yaml");

    /**
     * @param watchInterval how often the model file is checked for changes; null or zero for no watching
     * @param threads       most request threads; 0 for the default
     * @param index         how every model served is searched (built when it is loaded, before it serves)
     */
    public record Options(String host, int port, Path model, Duration watchInterval, int threads, IndexSpec index) {
        public Options(String host, int port, Path model, Duration watchInterval) {
            this(host, port, model, watchInterval, 0, IndexSpec.auto());
        }
    }

    private final Javalin app;
    private final ModelHolder holder;
    private final MetricsRegistry metrics;
    private final ReloadWatcher watcher;

    private ModelServer(Javalin app, ModelHolder holder, MetricsRegistry metrics, ReloadWatcher watcher) {
        this.app = app;
        this.holder = holder;
        this.metrics = metrics;
        this.watcher = watcher;
    }

    /** The model file cannot be served: unreadable, corrupt, or a model that fails the checks; says which. */
    public static final class ModelRefusedException extends Exception {
        ModelRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Loads the model and starts serving; port 0 picks a free port ({@link #port()}).
     *
     * @throws ModelRefusedException when the model file cannot be served
     */
    public static ModelServer start(Options options, ServingData data) throws ModelRefusedException {
        MetricsRegistry metrics = new MetricsRegistry();
        ModelHolder holder;
        try {
            holder = new ModelHolder(options.model(), options.index(), data, metrics);
        } catch (ModelHolder.ReloadException e) {
            throw new ModelRefusedException(e.getMessage());
        }
        ObjectMapper mapper = new ObjectMapper();
        Javalin app = create(options, metrics, mapper);
        routes(app, new Api(holder, mapper), holder, metrics);
        errorAnswers(app, mapper);
        ReloadWatcher watcher = null;
        try {
            app.start(options.host(), options.port());
            if (options.watchInterval() != null && !options.watchInterval().isZero()) {
                watcher = new ReloadWatcher(holder, options.watchInterval());
            }
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
        return new ModelServer(app, holder, metrics, watcher);
    }

    /** Jetty and Javalin set up: limits, buffers, threads, the web page, a metric per request. */
    private static Javalin create(Options options, MetricsRegistry metrics, ObjectMapper mapper) {
        return Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Api.MAX_BODY;
            // answers are a few kB; Jetty's 32 kB default made every answer allocate a 32 kB copy buffer, a large
            // share of all allocation that set the pace of GC pauses under load (docs/SERVING.md)
            config.http.responseBufferSize = 8192;
            config.http.disableCompression(); // answers are a few kB; gzip would cost more CPU than it saves on loopback
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            config.jetty.threadPool = threadPool(options.threads() > 0 ? options.threads() : defaultThreads());
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
                sf.headers = java.util.Map.of("Cache-Control", "no-cache");
            });
            config.requestLogger.http((ctx, ms) -> metrics.observe(endpoint(ctx), ctx.method().name(),
                    ctx.statusCode(), ms / 1000.0));
        });
    }

    private static void routes(Javalin app, Api api, ModelHolder holder, MetricsRegistry metrics) {
        byte[] openapi = resource("/openapi.yaml");
        app.get(USER_RECS, api::userRecommendations);
        app.get(SIMILAR, api::similar);
        app.post(FOLD_IN, api::foldIn);
        app.get(ITEMS, api::search);
        app.post(AUDIENCE, api::audience);
        app.get(FEATURES, api::features);
        app.get("/health", api::health);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape(holder.current())));
        app.post("/admin/reload", api::reload);
        for (String path : List.of("/openapi.yaml", "/v1/openapi.yaml")) {
            app.get(path, ctx -> ctx.contentType("application/yaml").result(openapi));
        }
    }

    /** Every error, ours or one Jetty and Javalin answer themselves, as {@code {"error": ..., "status": ...}}. */
    private static void errorAnswers(Javalin app, ObjectMapper mapper) {
        app.exception(ApiException.class, (e, ctx) -> error(ctx, mapper, e.status(), e.getMessage(), e.details()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, mapper, e.getStatus(),
                e.getStatus() == 405 ? defaultMessage(405, ctx) : message(e), List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, mapper, 500, "internal error", List.of());
        });
        // unmatched path, wrong method, oversized body
        for (int status : new int[] {404, 405, 413}) {
            app.error(status, ctx -> {
                if (ctx.attribute(OWN_ERROR) == null) {
                    error(ctx, mapper, status, defaultMessage(status, ctx), List.of());
                }
            });
        }
    }

    /**
     * The work is CPU-bound and short, so a few threads per core answer faster than many: with 50 clients on 2
     * cores, 200 threads would all be runnable at once and time-slice each other into long tails, while a small
     * pool queues the surplus and finishes requests in order. Jetty takes its acceptor and selector threads from
     * the same pool, hence the floor.
     */
    static int defaultThreads() {
        return Math.max(12, 4 * Runtime.getRuntime().availableProcessors());
    }

    private static QueuedThreadPool threadPool(int max) {
        QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(8, max), 60_000);
        pool.setName("tripletrec-http");
        return pool;
    }

    /** The route template, so that a metric series is per endpoint and not per user id. */
    private static String endpoint(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            if (ROUTES.contains(path)) {
                return path;
            }
        } catch (RuntimeException noEndpoint) {
            // static file or unmatched path
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }

    private static String message(HttpResponseException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "HTTP " + e.getStatus() : e.getMessage();
    }

    private static String defaultMessage(int status, Context ctx) {
        return switch (status) {
            case 404 -> "no such endpoint: " + Params.shorten(ctx.path());
            case 405 -> ctx.method().name() + " is not allowed on " + Params.shorten(ctx.path());
            case 413 -> "the request body is larger than 1 MiB";
            default -> "HTTP " + status;
        };
    }

    private static void error(Context ctx, ObjectMapper mapper, int status, String message, List<String> details) {
        ctx.attribute(OWN_ERROR, Boolean.TRUE);
        try {
            ctx.status(status).contentType("application/json")
                    .result(mapper.writeValueAsBytes(new Views.Error(message, status, details)));
        } catch (IOException e) {
            ctx.status(status).contentType("application/json").result("{\"error\":\"HTTP " + status + "\"}");
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ModelServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    ModelHolder holder() {
        return holder;
    }

    MetricsRegistry metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        app.stop(); // Jetty lets requests in flight finish before it returns
        holder.close();
    }
}
