package org.tripletrec.app.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;
import org.tripletrec.recommend.hnsw.HnswIndex;
import org.tripletrec.recommend.hnsw.HnswSettings;
import org.tripletrec.recommend.hnsw.IndexBenchmark;
import org.tripletrec.recommend.hnsw.IndexSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Recall, latency, throughput, build time and memory of exact search and of HNSW settings on one model. */
@Command(name = "bench-index", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure nearest-neighbour search on a model, with a sample of its users as queries: exact"
                + " search, then HNSW for every combination of --hnsw-m, --ef-construction and --ef-search (one graph"
                + " built per M and efConstruction). Prints recall@10 against exact search, p50 and p99"
                + " single-request latency (one query at a time; wall time, and the querying thread's CPU time, which"
                + " waits for a busy machine's cores leave out), queries per second on --threads threads, build"
                + " seconds (wall and CPU of all threads) and index bytes (HNSW: the recommendation graph, built alone; exact: its copy of the"
                + " item table and norms)."},
        footer = {"", "Examples:",
                "  tripletrec bench-index --model model.trm",
                "  tripletrec bench-index --model big.trm --hnsw-m 8,16,32 --ef-search 20,50,100,200 --json sweep.json"
                        + " --plot sweep.png"})
public final class BenchIndexCommand implements Callable<Integer> {
    private static final int K = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--hnsw-m", paramLabel = "M", split = ",", defaultValue = "16",
            description = "Links per node, one graph each (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<Integer> ms;

    @Option(names = "--ef-construction", paramLabel = "N", split = ",", defaultValue = "64",
            description = "Build candidates, one graph each (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<Integer> efConstructions;

    @Option(names = "--ef-search", paramLabel = "N", split = ",", defaultValue = "10,20,50,100,200",
            description = "Search candidates, measured on every graph (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<Integer> efSearches;

    @Option(names = "--queries", paramLabel = "N", defaultValue = "1000",
            description = "Users drawn as queries. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads that build graphs and run the queries-per-second measurement (0 = every core)."
                    + " Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the query sample. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--index-file", paramLabel = "FILE",
            description = "Read the graph from this index file (saved by --index-file of recommend or serve) when it"
                    + " was built for this model with this --hnsw-m and --ef-construction (one of each); otherwise"
                    + " build it and save it there. A graph read from the file has no build figures.")
    Path indexFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as a JSON array, one object per setting.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw recall@10 against p99 latency.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        int cores = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (threads < 0 || queries < 1) {
            throw new UserInputException("--threads must be 0 or more and --queries 1 or more");
        }
        List<HnswSettings> graphs = new ArrayList<>();
        try {
            for (int m : ms) {
                for (int efc : efConstructions) {
                    for (int ef : efSearches) {
                        new HnswSettings(m, efc, ef, cores); // checks every value before hours of building
                    }
                    graphs.add(new HnswSettings(m, efc, efSearches.get(0), cores));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        if (indexFile != null && graphs.size() != 1) {
            throw new UserInputException("--index-file holds one graph: give one --hnsw-m and one --ef-construction");
        }
        EmbeddingModel m = model.load();
        if (m.numUsers() == 0) {
            throw new UserInputException("the model " + model.file + " has no users to query with");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "model %s: %,d users, %,d items, dim %d; %,d queries, top %d, %d threads%n",
                model.file, m.numUsers(), m.numItems(), m.dim(), Math.min(queries, m.numUsers()), K, cores);
        out.println(header());
        out.flush();

        IndexBenchmark bench = new IndexBenchmark(m, queries, K, cores, seed);
        ExactIndex exact = new ExactIndex(m);
        int[][] truth = bench.truth(exact);
        List<IndexBenchmark.Result> results = new ArrayList<>();
        results.add(print(out, bench.exact(exact, truth)));
        IndexProgress progress = new IndexProgress(line -> {
            err.println("tripletrec: " + line);
            err.flush();
        }, System.console() != null);
        for (HnswSettings s : graphs) {
            double cpu = IndexBenchmark.processCpuSeconds();
            HnswIndex index = indexFile == null ? HnswIndex.buildForRecommendations(m, s, progress)
                    : (HnswIndex) new IndexSpec(IndexSpec.Kind.HNSW, s, indexFile).openForRecommendations(m, progress);
            boolean built = !index.describe().loadedFromFile();
            double buildSeconds = built ? index.graphSeconds() : Double.NaN;
            double buildCpu = built ? IndexBenchmark.processCpuSeconds() - cpu : Double.NaN;
            if (!built) {
                err.printf(Locale.ROOT, "tripletrec: read the graph from %s in %.1f s%n", indexFile, index.graphSeconds());
                err.flush();
            }
            for (int ef : efSearches) {
                results.add(print(out, bench.hnsw(index.withEfSearch(ef), truth).withBuild(buildSeconds, buildCpu)));
            }
        }
        if (json != null) {
            Json.write(json, results.stream().map(BenchIndexCommand::asMap).toList());
        }
        if (plot != null) {
            plot(plot, results);
        }
        return ErrorHandler.OK;
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-6s %4s %5s %6s  %9s %8s %8s %8s %8s %9s %8s %8s %13s", "index", "M", "efC",
                "ef", "recall@10", "p50_ms", "p99_ms", "p50_cpu", "p99_cpu", "qps", "build_s", "build_cpu", "index_bytes");
    }

    private static IndexBenchmark.Result print(PrintWriter out, IndexBenchmark.Result r) {
        boolean exact = r.kind().equals("exact");
        out.printf(Locale.ROOT, "%-6s %4s %5s %6s  %9.4f %8.3f %8.3f %8.3f %8.3f %9.0f %8.1f %8.1f %,13d%n", r.kind(),
                exact ? "-" : r.m(), exact ? "-" : r.efConstruction(), exact ? "-" : r.efSearch(), r.recall(),
                r.p50Millis(), r.p99Millis(), r.p50CpuMillis(), r.p99CpuMillis(), r.qps(), r.buildSeconds(),
                r.buildCpuSeconds(), r.indexBytes());
        out.flush();
        return r;
    }

    static Map<String, Object> asMap(IndexBenchmark.Result r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("index", r.kind());
        boolean exact = r.kind().equals("exact");
        map.put("m", exact ? null : r.m());
        map.put("ef_construction", exact ? null : r.efConstruction());
        map.put("ef_search", exact ? null : r.efSearch());
        map.put("recall_at_10", r.recall());
        map.put("p50_ms", r.p50Millis());
        map.put("p99_ms", r.p99Millis());
        map.put("p50_cpu_ms", finiteOrNull(r.p50CpuMillis()));
        map.put("p99_cpu_ms", finiteOrNull(r.p99CpuMillis()));
        map.put("qps", r.qps());
        map.put("build_seconds", finiteOrNull(r.buildSeconds()));
        map.put("build_cpu_seconds", finiteOrNull(r.buildCpuSeconds()));
        map.put("index_bytes", r.indexBytes());
        return map;
    }

    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** One line per graph through its efSearch points, exact search as one point. */
    private static void plot(Path file, List<IndexBenchmark.Result> results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Recall@10 against p99 latency")
                .xAxisTitle("p99 single-request latency (ms)").yAxisTitle("recall@10").build();
        Map<String, List<IndexBenchmark.Result>> series = new LinkedHashMap<>();
        for (IndexBenchmark.Result r : results) {
            String name = r.kind().equals("exact") ? "exact" : "HNSW M=" + r.m() + " efC=" + r.efConstruction();
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
        }
        Color[] colors = {Color.BLACK, new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
                new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
        int c = 0;
        for (Map.Entry<String, List<IndexBenchmark.Result>> e : series.entrySet()) {
            List<IndexBenchmark.Result> points = e.getValue();
            XYSeries s = chart.addSeries(e.getKey(), points.stream().map(IndexBenchmark.Result::p99Millis).toList(),
                    points.stream().map(IndexBenchmark.Result::recall).toList());
            Color color = colors[c++ % colors.length];
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
        }
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        AtomicFiles.write(file, o -> BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG));
    }
}
