package org.tripletrec.app.serve;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.tripletrec.recommend.ItemIndex;

/**
 * Request counters and latency histograms per endpoint, and the serving model's version, written in the
 * Prometheus text format (0.0.4). Written by hand: a few counters and fixed buckets do not justify a client
 * library. Endpoint labels are route templates, never raw paths, so that the number of series stays bounded.
 */
final class MetricsRegistry {
    /** Upper bounds in seconds: fine below 10 ms, where the API is meant to answer. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final LongAdder reloadsOk = new LongAdder();
    private final LongAdder reloadsFailed = new LongAdder();
    private final AtomicLong lastReloadFailure = new AtomicLong(); // epoch seconds, 0 = never

    /** One finished request. */
    void observe(String endpoint, String method, int status, double seconds) {
        endpoints.computeIfAbsent(method + " " + endpoint, k -> new Endpoint(endpoint, method)).observe(status, seconds);
    }

    void reloaded(boolean ok) {
        (ok ? reloadsOk : reloadsFailed).increment();
        if (!ok) {
            lastReloadFailure.set(System.currentTimeMillis() / 1000);
        }
    }

    /** The exposition text, the serving model's gauges included. */
    String scrape(Snapshot current) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP tripletrec_http_requests_total HTTP requests answered, by endpoint, method and status.\n");
        sb.append("# TYPE tripletrec_http_requests_total counter\n");
        endpoints.values().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(e -> e.writeRequests(sb));
        sb.append("# HELP tripletrec_http_errors_total Requests answered with status 400 or above, by endpoint, method and kind (client, server).\n");
        sb.append("# TYPE tripletrec_http_errors_total counter\n");
        endpoints.values().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(e -> e.writeErrors(sb));
        sb.append("# HELP tripletrec_http_request_duration_seconds Time to handle a request, by endpoint and method.\n");
        sb.append("# TYPE tripletrec_http_request_duration_seconds histogram\n");
        endpoints.values().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(e -> e.writeHistogram(sb));

        Snapshot.Meta m = current.meta;
        sb.append("# HELP tripletrec_model_info The serving model: its file, the SHA-256 of its bytes, when it was trained.\n");
        sb.append("# TYPE tripletrec_model_info gauge\n");
        sb.append("tripletrec_model_info{version=\"").append(m.version()).append("\",file=\"")
                .append(escape(String.valueOf(m.file()))).append("\",sha256=\"").append(m.sha256())
                .append("\",trained_at=\"").append(current.model.info().trainedAt()).append("\"} 1\n");
        gauge(sb, "tripletrec_model_version", "1 for the model loaded at start, +1 for every successful reload.", m.version());
        gauge(sb, "tripletrec_model_load_seconds", "How long reading, checking and indexing the serving model took.", m.loadSeconds());
        gauge(sb, "tripletrec_model_loaded_timestamp_seconds", "When the serving model was swapped in (Unix time).",
                m.loadedAt().toEpochMilli() / 1000.0);
        ItemIndex.Description index = current.recommender.index().describe();
        sb.append("# HELP tripletrec_index_info How the serving model is searched: kind (exact or hnsw) and settings.\n");
        sb.append("# TYPE tripletrec_index_info gauge\n");
        sb.append("tripletrec_index_info{kind=\"").append(index.kind()).append("\",settings=\"")
                .append(escape(index.settings())).append("\",from_file=\"").append(index.loadedFromFile())
                .append("\"} 1\n");
        gauge(sb, "tripletrec_index_bytes", "Memory of the serving model's index (graphs and its exact copy of the item table).",
                index.bytes());
        gauge(sb, "tripletrec_index_build_seconds", "How long building (or reading) the serving model's index took.",
                index.buildSeconds());
        sb.append("# HELP tripletrec_index_exact_fallbacks_total Searches of the serving model's approximate index that"
                + " exact search answered (a filter removed most of the catalogue).\n");
        sb.append("# TYPE tripletrec_index_exact_fallbacks_total counter\n");
        sb.append("tripletrec_index_exact_fallbacks_total ").append(index.exactFallbacks()).append('\n');
        gauge(sb, "tripletrec_model_users", "Users in the serving model.", current.model.numUsers());
        gauge(sb, "tripletrec_model_items", "Items in the serving model.", current.model.numItems());
        sb.append("# HELP tripletrec_model_reloads_total Reload attempts, by result.\n");
        sb.append("# TYPE tripletrec_model_reloads_total counter\n");
        sb.append("tripletrec_model_reloads_total{result=\"ok\"} ").append(reloadsOk.sum()).append('\n');
        sb.append("tripletrec_model_reloads_total{result=\"failed\"} ").append(reloadsFailed.sum()).append('\n');
        gauge(sb, "tripletrec_model_last_reload_failure_timestamp_seconds",
                "When a reload last failed (Unix time), 0 if never.", lastReloadFailure.get());
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(number(value)).append('\n');
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Counters of one (endpoint, method): by status, and the latency histogram. */
    private static final class Endpoint {
        final String endpoint, method, labels;
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final LongAdder clientErrors = new LongAdder(), serverErrors = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Endpoint(String endpoint, String method) {
            this.endpoint = endpoint;
            this.method = method;
            labels = "endpoint=\"" + escape(endpoint) + "\",method=\"" + method + "\"";
            for (int b = 0; b < buckets.length; b++) {
                buckets[b] = new LongAdder();
            }
        }

        String key() {
            return endpoint + " " + method;
        }

        void observe(int status, double seconds) {
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status >= 500) {
                serverErrors.increment();
            } else if (status >= 400) {
                clientErrors.increment();
            }
            // non-cumulative here; cumulated when written
            for (int b = 0; b < BUCKETS.length; b++) {
                if (seconds <= BUCKETS[b]) {
                    buckets[b].increment();
                    break;
                }
            }
            count.increment();
            sum.add(seconds);
        }

        void writeRequests(StringBuilder sb) {
            byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    sb.append("tripletrec_http_requests_total{").append(labels).append(",status=\"").append(e.getKey())
                            .append("\"} ").append(e.getValue().sum()).append('\n'));
        }

        void writeErrors(StringBuilder sb) {
            sb.append("tripletrec_http_errors_total{").append(labels).append(",kind=\"client\"} ")
                    .append(clientErrors.sum()).append('\n');
            sb.append("tripletrec_http_errors_total{").append(labels).append(",kind=\"server\"} ")
                    .append(serverErrors.sum()).append('\n');
        }

        void writeHistogram(StringBuilder sb) {
            long total = count.sum();
            long cumulative = 0;
            for (int b = 0; b < BUCKETS.length; b++) {
                cumulative += buckets[b].sum();
                sb.append("tripletrec_http_request_duration_seconds_bucket{").append(labels).append(",le=\"")
                        .append(number(BUCKETS[b])).append("\"} ").append(Math.min(cumulative, total)).append('\n');
            }
            sb.append("tripletrec_http_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
                    .append(total).append('\n');
            sb.append("tripletrec_http_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", sum.sum())).append('\n');
            sb.append("tripletrec_http_request_duration_seconds_count{").append(labels).append("} ")
                    .append(total).append('\n');
        }
    }
}
