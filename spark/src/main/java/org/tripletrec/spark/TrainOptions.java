package org.tripletrec.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tripletrec.train.Loss;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.Presets;
import org.tripletrec.train.TrainerConfig;

/**
 * The flags of {@code train}: the input (a Spark-read ratings path, or one of core's data sets by name), the
 * core's training flags, the Spark-specific ones and the outputs. Parsed by hand to keep the job jar small.
 */
final class TrainOptions {
    String master;
    String ratings;
    String format;
    String dataset;
    String dataDir;
    String split;
    String preset = "default";
    boolean skipBadLines;
    int blocks;              // 0: the cluster's default parallelism
    String modelOut;
    String embeddingsOut;
    boolean evaluate = true;
    boolean quiet;
    TrainerConfig config;

    static final String USAGE = String.join("\n",
            "usage: train (--ratings PATH [--format csv|parquet] | --dataset NAME [--data-dir DIR]) [options]",
            "  input      --ratings PATH      ratings read by Spark: text (user,item,rating[,time]) or Parquet",
            "             --format csv|parquet  (default: from the file name, else csv)",
            "             --dataset NAME      ml-100k, ml-latest-small, ml-20m, ml-25m (read by the driver)",
            "             --data-dir DIR      folder holding the data sets (default: $TRIPLETREC_DATA)",
            "             --split SPEC        ua, ub, holdout:F, last:N, none (default: ua for ml-100k,",
            "                                 holdout:0.1 for other data sets, none for --ratings)",
            "             --skip-bad-lines    drop malformed rows instead of failing",
            "  training   --preset NAME       default, seed, notebook",
            "             --seed N --dim N --epochs N --lr X --batch-size N --optimizer sgd|adagrad|adam|lazy-adam",
            "             --loss sigmoid|bpr|margin --margin X --user-reg X --item-reg X --item-bias true|false",
            "             --sampler SPEC --like X --dislike X --init-scale X",
            "  spark      --master URL        e.g. local[2] (default: set by spark-submit, else local[*])",
            "             --blocks B          user and item blocks (default: the default parallelism)",
            "  output     --model-out FILE    core's model file (for recommend and serve), on the driver",
            "             --embeddings-out DIR  users/ and items/ as Parquet (id, idx, vector[, bias])",
            "             --no-eval           skip the evaluation on the test split",
            "             --quiet             print only errors");

    static TrainOptions parse(String[] args) {
        TrainOptions o = new TrainOptions();
        List<String[]> overrides = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--skip-bad-lines" -> o.skipBadLines = true;
                case "--no-eval" -> o.evaluate = false;
                case "--quiet", "-q" -> o.quiet = true;
                default -> {
                    if (!name.startsWith("--")) {
                        throw new UsageException("unexpected argument '" + a + "'");
                    }
                    if (value == null) {
                        if (k + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++k];
                    }
                    switch (name) {
                        case "--master" -> o.master = value;
                        case "--ratings" -> o.ratings = value;
                        case "--format" -> o.format = value;
                        case "--dataset" -> o.dataset = value;
                        case "--data-dir" -> o.dataDir = value;
                        case "--split" -> o.split = value;
                        case "--preset" -> o.preset = value;
                        case "--blocks" -> o.blocks = positive(name, value);
                        case "--model-out" -> o.modelOut = value;
                        case "--embeddings-out" -> o.embeddingsOut = value;
                        default -> overrides.add(new String[] {name, value});
                    }
                }
            }
        }
        if ((o.ratings == null) == (o.dataset == null)) {
            throw new UsageException(o.ratings == null ? "give --ratings PATH or --dataset NAME"
                    : "give --ratings or --dataset, not both");
        }
        if (o.format != null && o.ratings == null) {
            throw new UsageException("--format goes with --ratings");
        }
        if (o.modelOut == null && o.embeddingsOut == null) {
            throw new UsageException("give --model-out FILE and/or --embeddings-out DIR: the trained model goes nowhere");
        }
        TrainerConfig.Builder b;
        try {
            b = Presets.byName(o.preset).toBuilder();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (String[] kv : overrides) {
            apply(b, kv[0], kv[1]);
        }
        try {
            o.config = b.build();
            new DsgdTrainer(o.config, 1); // checks the sampler spec
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return o;
    }

    private static void apply(TrainerConfig.Builder b, String name, String v) {
        try {
            switch (name) {
                case "--seed" -> b.seed(Long.parseLong(v));
                case "--dim" -> b.dim(Integer.parseInt(v));
                case "--epochs" -> b.epochs(Integer.parseInt(v));
                case "--lr", "--learning-rate" -> b.learningRate(Float.parseFloat(v));
                case "--batch-size" -> b.batchSize(Integer.parseInt(v));
                case "--optimizer" -> b.optimizer(OptimizerKind.parse(v));
                case "--loss" -> b.loss(Loss.parse(v));
                case "--margin" -> b.margin(Float.parseFloat(v));
                case "--user-reg" -> b.userReg(Float.parseFloat(v));
                case "--item-reg" -> b.itemReg(Float.parseFloat(v));
                case "--item-bias" -> b.itemBias(bool(v));
                case "--sampler" -> b.sampler(v);
                case "--like", "--positive-threshold" -> b.positiveThreshold(Float.parseFloat(v));
                case "--dislike", "--negative-threshold" -> b.negativeThreshold(Float.parseFloat(v));
                case "--init-scale" -> b.initScale(Float.parseFloat(v));
                case "--threads" -> b.threads(Integer.parseInt(v));
                default -> throw new UsageException("unknown option " + name);
            }
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, got '" + v + "'");
        } catch (IllegalArgumentException e) {
            if (e instanceof UsageException u) {
                throw u;
            }
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new UsageException("expected true or false, got '" + v + "'");
        };
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new UsageException(name + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + v + "'");
        }
    }

    /** A command-line mistake: printed with the usage, exit code 2. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
