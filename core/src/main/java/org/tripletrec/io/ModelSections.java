package org.tripletrec.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.tripletrec.data.IdIndex;
import org.tripletrec.data.RatedItems;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.FeatureMatrix;
import org.tripletrec.model.FeatureTables;
import org.tripletrec.train.OptimizerKind;
import org.tripletrec.train.OptimizerState;

/**
 * The optional parts of a version-2 model file that follow the tables: side features, optimiser state and
 * rated items (the layout is in {@link ModelFormat}). Reading checks every count against what it must be, so a
 * corrupt file is refused before anything is built from it.
 */
final class ModelSections {
    private static final int USER_FEATURES = tag("FEAU"), ITEM_FEATURES = tag("FEAI"), OPTIMIZER = tag("OPTS"),
            RATED = tag("RATD");

    private final FeatureMatrix userFeatures, itemFeatures;
    private final float[] userParams, itemParams, itemParamBias;
    private final OptimizerState optimizer;
    private final RatedItems rated;

    private ModelSections(FeatureMatrix userFeatures, float[] userParams, FeatureMatrix itemFeatures,
                          float[] itemParams, float[] itemParamBias, OptimizerState optimizer, RatedItems rated) {
        this.userFeatures = userFeatures;
        this.userParams = userParams;
        this.itemFeatures = itemFeatures;
        this.itemParams = itemParams;
        this.itemParamBias = itemParamBias;
        this.optimizer = optimizer;
        this.rated = rated;
    }

    static ModelSections none() {
        return new ModelSections(null, null, null, null, null, null, null);
    }

    private static int tag(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    }

    static void write(DataOutputStream out, EmbeddingModel m) throws IOException {
        FeatureTables f = m.features();
        int count = (f != null && f.users() != null ? 1 : 0) + (f != null && f.items() != null ? 1 : 0)
                + (m.optimizerState() != null ? 1 : 0) + (m.rated() != null ? 1 : 0);
        out.writeInt(count);
        if (f != null && f.users() != null) {
            out.writeInt(USER_FEATURES);
            writeFeatures(out, f.users(), f.userParams());
        }
        if (f != null && f.items() != null) {
            out.writeInt(ITEM_FEATURES);
            writeFeatures(out, f.items(), f.itemParams());
            out.writeByte(f.itemParamBias() != null ? 1 : 0);
            if (f.itemParamBias() != null) {
                ModelFormat.writeFloats(out, f.itemParamBias());
            }
        }
        if (m.optimizerState() != null) {
            OptimizerState s = m.optimizerState();
            out.writeInt(OPTIMIZER);
            byte[] kind = s.kind().label().getBytes(StandardCharsets.UTF_8);
            out.writeInt(kind.length);
            out.write(kind);
            out.writeLong(s.steps());
            for (float[][] arrays : new float[][][] {s.users(), s.items(), s.bias()}) {
                out.writeInt(arrays.length);
                for (float[] a : arrays) {
                    out.writeInt(a.length);
                    ModelFormat.writeFloats(out, a);
                }
            }
        }
        if (m.rated() != null) {
            RatedItems r = m.rated();
            out.writeInt(RATED);
            out.writeInt(r.total());
            writeInts(out, r.starts());
            writeInts(out, r.itemIndices());
            ModelFormat.writeFloats(out, r.ratingValues());
        }
    }

    private static void writeFeatures(DataOutputStream out, FeatureMatrix fm, float[] params) throws IOException {
        out.writeByte(fm.hasIds() ? 1 : 0);
        out.writeByte(fm.normalized() ? 1 : 0);
        out.writeInt(fm.numFeatures());
        ModelFormat.writeIds(out, fm.features());
        out.writeInt(fm.featureIndices().length);
        writeInts(out, fm.featureStarts());
        writeInts(out, fm.featureIndices());
        ModelFormat.writeFloats(out, fm.featureWeights());
        ModelFormat.writeFloats(out, params);
    }

    static ModelSections read(DataInputStream in, int users, int items, int dim, String source) throws IOException {
        int count = in.readInt();
        ModelFormat.checkSize(source, count, 16, "section count");
        FeatureMatrix uf = null, itf = null;
        float[] up = null, ip = null, ib = null;
        OptimizerState opt = null;
        RatedItems rated = null;
        for (int k = 0; k < count; k++) {
            int tag = in.readInt();
            if (tag == USER_FEATURES) {
                uf = readFeatures(in, users, source);
                up = ModelFormat.readFloats(in, Math.multiplyExact(uf.numParams(), dim));
            } else if (tag == ITEM_FEATURES) {
                itf = readFeatures(in, items, source);
                ip = ModelFormat.readFloats(in, Math.multiplyExact(itf.numParams(), dim));
                ib = in.readByte() == 1 ? ModelFormat.readFloats(in, itf.numParams()) : null;
            } else if (tag == OPTIMIZER) {
                long userFloats = (long) (uf == null ? users : uf.numParams()) * dim;
                long itemRows = itf == null ? items : itf.numParams();
                opt = readOptimizer(in, source, new long[] {userFloats, itemRows * dim, itemRows});
            } else if (tag == RATED) {
                int total = in.readInt();
                ModelFormat.checkSize(source, total, Integer.MAX_VALUE, "rated count");
                int[] start = readStarts(in, users, total, source);
                int[] idx = readInts(in, total);
                float[] ratings = ModelFormat.readFloats(in, total);
                for (int i : idx) {
                    if (i < 0 || i >= items) {
                        throw new ModelFormatException(source + ": the model file is corrupt (rated item " + i + ")");
                    }
                }
                rated = new RatedItems(start, idx, ratings);
            } else {
                throw new ModelFormatException(source + ": the model file is corrupt (unknown section " + tag + ")");
            }
        }
        return new ModelSections(uf, up, itf, ip, ib, opt, rated);
    }

    private static FeatureMatrix readFeatures(DataInputStream in, int rows, String source) throws IOException {
        boolean ids = in.readByte() == 1;
        boolean normalized = in.readByte() == 1;
        int vocabulary = in.readInt();
        ModelFormat.checkSize(source, vocabulary, Integer.MAX_VALUE, "feature count");
        IdIndex names = ModelFormat.readIds(in, vocabulary, source);
        int entries = in.readInt();
        ModelFormat.checkSize(source, entries, Integer.MAX_VALUE, "feature entries");
        int[] start = readStarts(in, rows, entries, source);
        int[] feat = readInts(in, entries);
        float[] weights = ModelFormat.readFloats(in, entries);
        return new FeatureMatrix(rows, ids, normalized, names, start, feat, weights);
    }

    /**
     * Row starts of {@code rows} rows over {@code total} entries, checked before anything of size {@code total}
     * is allocated: a corrupt count must not make the reader allocate gigabytes.
     */
    private static int[] readStarts(DataInputStream in, int rows, int total, String source) throws IOException {
        int[] start = readInts(in, rows + 1);
        for (int r = 0; r < rows; r++) {
            if (start[r] < 0 || start[r + 1] < start[r]) {
                throw new ModelFormatException(source + ": the model file is corrupt (row starts out of order)");
            }
        }
        if (start[0] != 0 || start[rows] != total) {
            throw new ModelFormatException(source + ": the model file is corrupt (row starts do not match " + total
                    + " entries)");
        }
        return start;
    }

    /** {@code sizes}: how many values each part's arrays must hold (user table, item table, item biases). */
    private static OptimizerState readOptimizer(DataInputStream in, String source, long[] sizes) throws IOException {
        int len = in.readInt();
        ModelFormat.checkSize(source, len, 64, "optimiser name");
        OptimizerKind kind = OptimizerKind.parse(new String(in.readNBytes(len), StandardCharsets.UTF_8));
        long steps = in.readLong();
        float[][][] parts = new float[3][][];
        for (int p = 0; p < 3; p++) {
            int arrays = in.readInt();
            ModelFormat.checkSize(source, arrays, 4, "optimiser arrays");
            parts[p] = new float[arrays][];
            for (int a = 0; a < arrays; a++) {
                int n = in.readInt();
                if (n != sizes[p]) {
                    throw new ModelFormatException(source + ": the model file is corrupt (optimiser state of " + n
                            + " values for " + sizes[p] + " parameters)");
                }
                parts[p][a] = ModelFormat.readFloats(in, n);
            }
        }
        return new OptimizerState(kind, steps, parts[0], parts[1], parts[2]);
    }

    /** The model with these parts; IllegalArgumentException when they do not fit it. */
    EmbeddingModel attach(EmbeddingModel model) {
        EmbeddingModel m = model;
        if (userFeatures != null || itemFeatures != null) {
            m = m.withFeatures(new FeatureTables(userFeatures, itemFeatures, userParams, itemParams, itemParamBias));
        }
        if (optimizer != null) {
            m = m.withOptimizerState(optimizer);
        }
        if (rated != null) {
            m = m.withRated(rated);
        }
        return m;
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
        for (int v : a) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putInt(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static int[] readInts(DataInputStream in, int n) throws IOException {
        int[] a = new int[n];
        byte[] chunk = new byte[1 << 16];
        int k = 0;
        while (k < n) {
            int want = (int) Math.min(chunk.length, (n - k) * 4L);
            in.readFully(chunk, 0, want);
            ByteBuffer bb = ByteBuffer.wrap(chunk, 0, want).order(ByteOrder.BIG_ENDIAN);
            for (int j = 0; j < want / 4; j++) {
                a[k++] = bb.getInt();
            }
        }
        return a;
    }
}
