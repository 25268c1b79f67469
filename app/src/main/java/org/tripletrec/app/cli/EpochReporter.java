package org.tripletrec.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tripletrec.cli.EpochLine;
import org.tripletrec.eval.Metrics;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.EpochStats;
import org.tripletrec.train.TrainingListener;

/**
 * Follows training: a progress bar (on stderr) during each epoch when a person is watching, one summary line per
 * epoch on stdout always, and the test metrics every {@code evalEvery} epochs and after the last.
 */
final class EpochReporter implements TrainingListener {
    private static final List<String> SHOWN = List.of(Metrics.FULL_AUC, Metrics.POS_NEG_AUC, Metrics.ndcgAt(10));

    private final PrintWriter out;
    private final int totalEpochs;
    private final int evalEvery;
    private final boolean progressBar;
    private final Function<EmbeddingModel, Metrics> evaluate; // null when there is nothing to evaluate on
    private final List<EpochRecord> records = new ArrayList<>();
    private volatile ProgressBar bar;

    EpochReporter(PrintWriter out, int totalEpochs, int evalEvery, boolean progressBar,
                  Function<EmbeddingModel, Metrics> evaluate) {
        this.out = out;
        this.totalEpochs = totalEpochs;
        this.evalEvery = evalEvery;
        this.progressBar = progressBar;
        this.evaluate = evaluate;
    }

    List<EpochRecord> records() {
        return records;
    }

    @Override
    public void onEpochStart(int epoch, long anchors) {
        if (progressBar) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, totalEpochs))
                    .setInitialMax(anchors)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .clearDisplayOnFinish()
                    .build();
        }
    }

    @Override
    public void onProgress(int epoch, long done) {
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(done);
        }
    }

    @Override
    public void onEpoch(EpochStats stats, EmbeddingModel model) {
        ProgressBar b = bar;
        if (b != null) {
            b.close();
            bar = null;
        }
        boolean due = evaluate != null && evalEvery > 0
                && (stats.epoch() % evalEvery == 0 || stats.epoch() == totalEpochs);
        Metrics metrics = due ? evaluate.apply(model) : null;
        records.add(new EpochRecord(stats, metrics));
        out.println(line(stats, metrics));
        out.flush();
    }

    private String line(EpochStats s, Metrics m) {
        StringBuilder sb = EpochLine.of(s, totalEpochs);
        if (m != null) {
            for (String name : SHOWN) {
                if (m.has(name)) {
                    sb.append(String.format(Locale.ROOT, "  %s %.4f", name, m.get(name)));
                }
            }
        }
        return sb.toString();
    }
}
