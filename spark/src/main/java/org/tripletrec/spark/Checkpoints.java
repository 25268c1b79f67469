package org.tripletrec.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.tripletrec.cli.UserInputException;

/**
 * Reliable checkpoints of a DSGD run in a directory of any Hadoop file system (HDFS, S3, a shared disk): the
 * user and item table blocks with their optimiser state after a given number of sub-epochs. They serve two
 * purposes. A lost executor costs only the sub-epochs since the last checkpoint, because the tables are read
 * back from the files instead of recomputed from the start. And a stopped run (the driver killed, the cluster
 * taken away) continues from the last one with {@code --resume}; since every sub-epoch's randomness is seeded by
 * the seed, epoch and cell, it ends at the model an undisturbed run gives, bit for bit.
 *
 * <p>Layout: {@code DIR/run.properties} says which run the checkpoints belong to (the training configuration
 * except the number of epochs, the blocks, the data); {@code DIR/step-NNNNNNNN/} holds {@code users-RRRRR} and
 * {@code items-RRRRR} (Java serialization of {@link TableBlock}) and, written last, {@code COMPLETE}. Only the
 * latest complete step is kept; a successful run deletes them all. A config with channels trains them one after
 * the other: the main channel's steps are in {@code DIR}, the others' in {@code DIR/exposure} and
 * {@code DIR/preference} ({@link #channel}), and a finished channel's last step stays until the whole run ends,
 * so that a resumed run trains only the channels, and the sub-epochs, that are not done.
 */
final class Checkpoints {
    private static final String RUN_FILE = "run.properties";
    private static final String COMPLETE = "COMPLETE";
    static final String FORMAT_KEY = "checkpoint_format";

    private final Path root;
    private final FileSystem fs;
    private final Broadcast<SerializableConfiguration> conf;
    private final int every;
    private final int blocks;
    /** The channels' checkpoints in sub-directories, for {@link #finish}. */
    private final List<Checkpoints> channels = new ArrayList<>();
    private int lastStep;
    /** Whether this run resumes one that stopped (else any step found is ignored and overwritten). */
    private boolean resumed;

    private Checkpoints(JavaSparkContext sc, Path root, FileSystem fs, int every, int blocks) {
        this(root, fs, sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration())), every, blocks);
    }

    private Checkpoints(Path root, FileSystem fs, Broadcast<SerializableConfiguration> conf, int every, int blocks) {
        this.root = root;
        this.fs = fs;
        this.conf = conf;
        this.every = every;
        this.blocks = blocks;
    }

    /**
     * The checkpoints of channel {@code name} of this run, in the sub-directory of that name (the run's identity
     * is this directory's), continuing from its latest complete step if there is one.
     */
    Checkpoints channel(String name) {
        Checkpoints c = new Checkpoints(new Path(root, name), fs, conf, every, blocks);
        try {
            c.lastStep = resumed && fs.exists(c.root) ? c.latestComplete() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint directory " + c.root + ": " + e.getMessage(), e);
        }
        channels.add(c);
        return c;
    }

    /**
     * Opens {@code dir} for a run described by {@code identity}. Without {@code resume} the directory must not
     * hold another run's checkpoints; with it, they must be this run's (else one error naming what differs),
     * and training goes on from the latest complete one.
     */
    static Checkpoints open(JavaSparkContext sc, String dir, int every, int blocks, Map<String, String> identity,
                            boolean resume) {
        try {
            Path root = new Path(dir);
            FileSystem fs = root.getFileSystem(sc.hadoopConfiguration());
            Checkpoints c = new Checkpoints(sc, root, fs, every, blocks);
            c.start(identity, resume);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private void start(Map<String, String> identity, boolean resume) throws IOException {
        Path runFile = new Path(root, RUN_FILE);
        if (fs.exists(runFile)) {
            if (!resume) {
                throw new UserInputException("checkpoint directory " + root + " holds the checkpoints of an unfinished"
                        + " run: add --resume to continue it, or give an empty directory");
            }
            Map<String, String> stored = readProperties(runFile);
            String difference = difference(stored, identity);
            if (difference != null) {
                throw new UserInputException("checkpoint directory " + root + " belongs to another run (" + difference
                        + "); give the same data and options to resume it, or another directory");
            }
            lastStep = latestComplete();
            resumed = true;
            return;
        }
        fs.mkdirs(root);
        writeProperties(runFile, identity);
    }

    /** The first difference between what the checkpoints were written for and this run, or null. */
    static String difference(Map<String, String> stored, Map<String, String> now) {
        TreeMap<String, String> keys = new TreeMap<>(stored);
        now.forEach(keys::putIfAbsent);
        for (String k : keys.keySet()) {
            String a = stored.get(k), b = now.get(k);
            if (a == null ? b != null : !a.equals(b)) {
                return k + " " + b + " here, " + a + " in the checkpoints";
            }
        }
        return null;
    }

    /** Sub-epochs completed by the latest complete checkpoint; 0 when there is none. */
    int lastStep() {
        return lastStep;
    }

    /** Whether the state after {@code step} sub-epochs is due to be written. */
    boolean due(int step) {
        return step % every == 0;
    }

    /** Writes the tables after {@code step} sub-epochs, each block by the task that holds it, then marks it complete. */
    void save(JavaSparkContext sc, int step, JavaRDD<DsgdTrainer.Trained> trained) {
        Path dir = stepDir(step);
        Broadcast<SerializableConfiguration> c = conf;
        String stepPath = dir.toString();
        trained.foreach(t -> {
            write(c.value().value(), new Path(stepPath, name("users", t.users().block)), t.users());
            write(c.value().value(), new Path(stepPath, name("items", t.items().block)), t.items());
        });
        try {
            try (FSDataOutputStream out = fs.create(new Path(dir, COMPLETE), true)) {
                out.write(Integer.toString(step).getBytes(StandardCharsets.UTF_8));
            }
            for (FileStatus s : steps()) {
                if (!s.getPath().getName().equals(dir.getName())) {
                    fs.delete(s.getPath(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": " + e.getMessage(), e);
        }
        lastStep = step;
    }

    /** The user blocks after {@code step} sub-epochs, read by the tasks: partition r reads block r. */
    JavaRDD<TableBlock> users(JavaSparkContext sc, int step) {
        return read(sc, step, "users");
    }

    /** The item blocks after {@code step} sub-epochs, partition r reading block r. */
    JavaRDD<TableBlock> items(JavaSparkContext sc, int step) {
        return read(sc, step, "items");
    }

    private JavaRDD<TableBlock> read(JavaSparkContext sc, int step, String table) {
        Broadcast<SerializableConfiguration> c = conf;
        String stepPath = stepDir(step).toString();
        List<Integer> ids = new ArrayList<>();
        for (int r = 0; r < blocks; r++) {
            ids.add(r);
        }
        JavaRDD<TableBlock> blocksRdd = sc.parallelize(ids, blocks).map(r -> {
            Path p = new Path(stepPath, name(table, r));
            try (InputStream in = p.getFileSystem(c.value().value()).open(p);
                 ObjectInputStream o = new ObjectInputStream(in)) {
                return (TableBlock) o.readObject();
            }
        });
        blocksRdd.setName("tripletrec " + table + " from " + stepPath);
        return blocksRdd;
    }

    /** Deletes the checkpoints of a run that finished, its channels' too. */
    void finish() {
        try {
            for (Checkpoints c : channels) {
                fs.delete(c.root, true);
            }
            for (FileStatus s : steps()) {
                fs.delete(s.getPath(), true);
            }
            fs.delete(new Path(root, RUN_FILE), false);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint directory " + root + ": " + e.getMessage(), e);
        }
    }

    private static void write(Configuration conf, Path p, TableBlock block) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        // a temporary name first: a task killed while writing leaves no half block under the real name
        Path tmp = new Path(p.getParent(), "." + p.getName() + "." + TaskContext.get().taskAttemptId());
        try (OutputStream out = fs.create(tmp, true); ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(block);
        }
        fs.delete(p, false);
        if (!fs.rename(tmp, p)) {
            throw new IOException("cannot rename " + tmp + " to " + p);
        }
    }

    private static String name(String table, int block) {
        return String.format("%s-%05d", table, block);
    }

    private Path stepDir(int step) {
        return new Path(root, String.format("step-%08d", step));
    }

    private FileStatus[] steps() throws IOException {
        FileStatus[] found = fs.globStatus(new Path(root, "step-*"));
        return found == null ? new FileStatus[0] : found;
    }

    private int latestComplete() throws IOException {
        int best = 0;
        for (FileStatus s : steps()) {
            if (fs.exists(new Path(s.getPath(), COMPLETE))) {
                best = Math.max(best, Integer.parseInt(s.getPath().getName().substring("step-".length())));
            }
        }
        return best;
    }

    private Map<String, String> readProperties(Path p) throws IOException {
        Properties props = new Properties();
        try (InputStream in = fs.open(p)) {
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> m = new TreeMap<>();
        props.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    private void writeProperties(Path p, Map<String, String> values) throws IOException {
        Properties props = new Properties();
        props.putAll(values);
        try (OutputStream out = fs.create(p, true);
             java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            props.store(w, "tripletrec spark checkpoints: the run they belong to");
        }
    }
}
