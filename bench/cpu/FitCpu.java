import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.tripletrec.data.Dataset;
import org.tripletrec.data.DatasetLoader;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.train.EpochStats;
import org.tripletrec.train.Trainer;
import org.tripletrec.train.TrainerConfig;
import org.tripletrec.train.TrainingListener;

/**
 * The training thread's CPU time for whole fits of the default preset on MovieLens 100k (ua), dim 100, one thread,
 * 20 epochs, with the sampler given: the sum over epochs from each epoch's start (after the anchors are shuffled)
 * to its end, from ThreadMXBean, which a busy machine disturbs far less than wall time. A single-file program for
 * the source launcher, so that it runs against any build's jar: see run.sh.
 *
 * <p>usage: java --add-modules jdk.incubator.vector -cp JAR FitCpu.java SAMPLER|default FITS WARM_FITS
 */
public class FitCpu {
    public static void main(String[] args) throws Exception {
        Dataset ml = DatasetLoader.builder().dataset("ml-100k").dataDir(Path.of(System.getenv("TRIPLETREC_DATA")))
                .build().load();
        TrainerConfig c = TrainerConfig.builder().dim(100).threads(1).build(); // the single model in every build
        if (!args[0].equals("default")) {
            c = c.toBuilder().sampler(args[0]).build();
        }
        int fits = Integer.parseInt(args[1]), warm = Integer.parseInt(args[2]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ms = new double[fits];
        long[] cpu = new long[1], triplets = new long[1], start = new long[1];
        TrainingListener l = new TrainingListener() {
            @Override
            public void onEpochStart(int epoch, long anchors) {
                start[0] = mx.getCurrentThreadCpuTime();
            }

            @Override
            public void onEpoch(EpochStats s, EmbeddingModel m) {
                cpu[0] += mx.getCurrentThreadCpuTime() - start[0];
                triplets[0] += s.triplets();
            }
        };
        for (int f = -warm; f < fits; f++) {
            cpu[0] = 0;
            triplets[0] = 0;
            new Trainer(c).fit(ml, l);
            if (f >= 0) {
                ms[f] = cpu[0] / 1e6;
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        StringBuilder all = new StringBuilder();
        for (double v : ms) {
            all.append(all.length() == 0 ? "" : " ").append(String.format("%.1f", v));
        }
        System.out.printf("%s: CPU ms per fit, median %.1f (min %.1f; %s); triplets per fit %d%n", args[0],
                sorted[fits / 2], sorted[0], all, triplets[0]);
    }
}
