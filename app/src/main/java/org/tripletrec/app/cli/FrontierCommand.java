package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.tripletrec.cli.ConfigLine;
import org.tripletrec.cli.DataOptions;
import org.tripletrec.cli.DataSummary;
import org.tripletrec.cli.ErrorHandler;
import org.tripletrec.cli.TrainingOptions;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.data.Fingerprint;
import org.tripletrec.data.Interactions;
import org.tripletrec.eval.Evaluator;
import org.tripletrec.eval.Metrics;
import org.tripletrec.eval.PopularityScorer;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains one config at several values of the dislike weight and seeds, and shows where each lands between top-k
 * accuracy and dislikes in the top k: a table of means over the seeds, and optionally a plot.
 */
@Command(name = "frontier", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Move the --dislike-weight knob over a range and show the trade-off between ndcg@10 and"
                + " dislike@10 on the test split: one row per weight with the mean over --seeds, the popularity"
                + " baseline beside them, and optionally a CSV file and a plot.",
                "Every other setting comes from --preset, --config and the training flags, as for train."},
        footer = {"", "Examples:",
                "  tripletrec frontier --dislike-weights 0,0.5,1,2,4,8 --seeds 1,2,3 --plot frontier.png",
                "  tripletrec frontier --dataset ml-latest-small --csv frontier.csv"})
public final class FrontierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--dislike-weights", paramLabel = "W,...", split = ",", defaultValue = "0,0.5,1,2,4,8,16",
            description = "The knob values to train. Default: ${DEFAULT-VALUE}.")
    List<Float> weights;

    @Option(names = "--seeds", paramLabel = "S,...", split = ",", defaultValue = "1,2,3",
            description = "Seeds per value; the table shows their means. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Models trained at once, one thread each (default: the number of cores).")
    Integer parallel;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write every (weight, seed) run as a CSV row.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw dislike@10 against ndcg@10.")
    Path plot;

    /** One point of the frontier: the mean over seeds at one weight. */
    record Point(float weight, Metrics mean, List<Metrics> runs) {}

    @Override
    public Integer call() throws Exception {
        TrainerConfig base = training.config();
        for (float w : weights) {
            if (!(w >= 0) || !Float.isFinite(w)) {
                throw new UserInputException("--dislike-weights must be numbers >= 0, got " + w);
            }
        }
        TrainCommand.checkWritable(csv, "--csv");
        TrainCommand.checkWritable(plot, "--plot");
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UserInputException("--parallel must be at least 1, got " + threads);
        }
        DatasetLoader loader = data.loader();
        Dataset dataset = data.load();
        Interactions train = dataset.trainInteractions(base.policy());
        Interactions test = dataset.testInteractions(base.policy());
        if (test.anchorCount() == 0) {
            throw new UserInputException("the test split has no likes to evaluate on");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(DataSummary.of(dataset, loader.split().toString(), train, test).format(base.policy()));
        out.println(ConfigLine.of(training.preset(), base) + "; dislike weights " + weights + ", seeds "
                + seeds);
        out.flush();
        Evaluator evaluator = Evaluator.builder().threads(1).build();
        String fingerprint = Fingerprint.of(dataset);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Point> points = new ArrayList<>();
        try {
            List<Future<Metrics>> runs = new ArrayList<>();
            for (float w : weights) {
                for (long s : seeds) {
                    TrainerConfig c = base.toBuilder().dislikeWeight(w).seed(s).threads(1).build();
                    runs.add(pool.submit(() -> {
                        EmbeddingModel m = new Trainer(c).fit(train, dataset.users(), dataset.items(), fingerprint,
                                TrainingListener.NONE);
                        return evaluator.evaluate(m, train, test);
                    }));
                }
            }
            out.println();
            out.println("dislike_weight  full_auc  pos_neg_auc  ndcg@10  dislike@10  (mean of " + seeds.size()
                    + " seeds)");
            int r = 0;
            for (float w : weights) {
                List<Metrics> got = new ArrayList<>();
                for (int s = 0; s < seeds.size(); s++) {
                    got.add(runs.get(r++).get());
                }
                Point p = new Point(w, Metrics.mean(got), got);
                points.add(p);
                out.println(row(String.format(Locale.ROOT, "%14s", number(w)), p.mean()));
                out.flush();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            pool.shutdownNow();
        }
        Metrics popularity = evaluator.evaluate(new PopularityScorer(train), train, test);
        out.println(row(String.format(Locale.ROOT, "%14s", "popularity"), popularity));
        if (csv != null) {
            writeCsv(points);
            out.println("runs written to " + csv);
        }
        if (plot != null) {
            FrontierPlot.write(plot, points, popularity, dataset.name() + " (split " + loader.split() + ")");
            out.println("plot written to " + plot);
        }
        out.flush();
        return ErrorHandler.OK;
    }

    private static String row(String label, Metrics m) {
        return String.format(Locale.ROOT, "%s  %8.4f  %11.4f  %7.4f  %10.4f", label, m.get(Metrics.FULL_AUC),
                m.get(Metrics.POS_NEG_AUC), m.get("ndcg@10"), m.get("dislike@10"));
    }

    static String number(float f) {
        return f == Math.rint(f) ? Integer.toString((int) f) : Float.toString(f);
    }

    private void writeCsv(List<Point> points) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("dislike_weight,seed,full_auc,pos_neg_auc,ndcg@10,dislike@10\n");
        for (Point p : points) {
            for (int s = 0; s < seeds.size(); s++) {
                Metrics m = p.runs().get(s);
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s%n", number(p.weight()), seeds.get(s),
                        m.get(Metrics.FULL_AUC), m.get(Metrics.POS_NEG_AUC), m.get("ndcg@10"), m.get("dislike@10")));
            }
        }
        AtomicFiles.write(csv, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
