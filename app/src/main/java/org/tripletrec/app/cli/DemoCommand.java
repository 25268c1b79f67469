package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DataLocator;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Downloader;
import org.tripletrec.data.RatingLog;
import org.tripletrec.data.SplitSpec;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.eval.MetricsTable;
import org.tripletrec.recommend.ItemFilter;
import org.tripletrec.recommend.Recommender;
import org.tripletrec.recommend.Scored;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The two-minute tour: train the default preset on MovieLens 100k and show what it recommends. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the default preset on MovieLens 100k (ua split), print its metrics beside the"
                + " baselines, and show a few users' likes and top recommendations.",
                "When ml-100k is not in the data folder, it is downloaded there first from GroupLens (about 5 MB,"
                        + " every file checked by SHA-256), as 'tripletrec download ml-100k' does."})
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> HEADLINE = List.of(Metrics.FULL_AUC, Metrics.POS_NEG_AUC,
            Metrics.precisionAt(10), Metrics.recallAt(10), Metrics.ndcgAt(10), Metrics.dislikeAt(10),
            Metrics.coverageAt(10), Metrics.MRR);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder holding ml-100k/ (default: $" + DataLocator.ENV + ", else ~/.tripletrec/data).")
    String dataDir;

    @Option(names = "--users", paramLabel = "ID", split = ",", defaultValue = "1,2,3",
            description = "Users to show recommendations for. Default: ${DEFAULT-VALUE}.")
    List<String> users;

    @Option(names = {"-k", "--count"}, paramLabel = "K", defaultValue = "10",
            description = "Recommendations per user. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the preset's number of epochs.")
    Integer epochs;

    @Option(names = "--threads", paramLabel = "N", description = "Override the preset's number of threads.")
    Integer threads;

    @Override
    public Integer call() {
        TrainerConfig.Builder b = Presets.defaults().toBuilder();
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (threads != null) {
            b.threads(threads);
        }
        TrainerConfig config = b.build();
        Path folder = DataLocator.resolve(dataDir);
        downloadIfMissing(folder);
        Dataset data = DatasetLoader.builder().dataset(DatasetLoader.ML_100K).split(SplitSpec.ua())
                .dataDir(folder).build().load();
        PrintWriter out = spec.commandLine().getOut();
        TrainingRun.Result r = TrainingRun.run(data, "ua", "default", config, Evaluator.defaults(), 0, out,
                System.console() != null);
        if (r.evaluated()) {
            out.println();
            out.print(compact(r.table()).format());
        }
        Recommender recommender = new Recommender(r.model());
        ItemFilter unrated = ItemFilter.excludeRated(r.train()); // model and data share one id index here
        for (String id : users) {
            int u = data.users().indexOf(id);
            out.println();
            if (u < 0) {
                out.println("user " + id + ": not in ml-100k");
                continue;
            }
            out.println("user " + id + " liked: " + String.join("; ", favourites(data, u, 3)));
            int rank = 1;
            for (Scored s : recommender.recommend(u, k, unrated)) {
                out.printf(Locale.ROOT, "  %2d. %s%n", rank++, data.title(s.item()));
            }
        }
        out.flush();
        return ErrorHandler.OK;
    }

    /**
     * The first run on a new machine just works: a missing ml-100k is fetched, with one line saying so (and a
     * progress bar on a terminal). Offline, one line says how to get the files instead.
     */
    private void downloadIfMissing(Path folder) {
        if (Downloader.isPresent(DatasetLoader.ML_100K, folder)) {
            return;
        }
        Downloader.Archive archive = Downloader.archive(DatasetLoader.ML_100K);
        PrintWriter err = spec.commandLine().getErr();
        err.println("tripletrec: " + archive.name() + " is not in " + folder + ": downloading it from "
                + archive.url().getHost() + " (every file checked by SHA-256)");
        err.flush();
        DownloadBar.download(archive, folder);
    }

    /** The headline rows only; 'train' prints them all. */
    private static MetricsTable compact(MetricsTable full) {
        MetricsTable table = new MetricsTable();
        for (Map.Entry<String, Metrics> column : full.columns().entrySet()) {
            Map<String, Double> kept = new LinkedHashMap<>();
            for (String name : HEADLINE) {
                if (column.getValue().has(name)) {
                    kept.put(name, column.getValue().get(name));
                }
            }
            table = table.with(column.getKey(), new Metrics(kept));
        }
        return table;
    }

    /** The user's best-rated train items, the most recent first among equal ratings. */
    private static List<String> favourites(Dataset data, int u, int n) {
        RatingLog train = data.train();
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < train.size(); row++) {
            if (train.user(row) == u) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.<Integer>comparingDouble(train::rating).reversed()
                .thenComparing(Comparator.<Integer>comparingLong(train::time).reversed()));
        List<String> titles = new ArrayList<>();
        for (int j = 0; j < Math.min(n, rows.size()); j++) {
            titles.add(data.title(train.item(rows.get(j))));
        }
        return titles;
    }
}
