package org.tripletrec.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.TrainerConfig;

/**
 * The model file, format version 2. All integers big-endian (Java's DataOutput):
 * <pre>
 *   8 bytes  magic "TRIPREC\n"
 *   int      format version (2)
 *   int      header length, then that many bytes of UTF-8 "key=value" lines: provenance and the full
 *            training config ("config.*"), "metric.*" final metrics
 *   int      users, int items, int dim, byte has-bias (0/1)
 *   users x  (int length + UTF-8 bytes) raw user ids, in row order; the same for items
 *   float32  user table (users x dim, row-major), item table (items x dim), item bias (items) if present:
 *            the vectors scoring uses (composed from features when the model has them)
 *   int      number of sections (version 2 on), then each section: int tag, its content
 *     "FEAU" / "FEAI" user / item features: byte has-id-rows, byte normalised, int vocabulary size, the
 *            feature names (as ids above), int entries, int[rows + 1] row starts, int[entries] feature indices,
 *            float32[entries] weights as given, float32 parameter table (id rows then feature rows, x dim);
 *            items then byte has-bias and float32 parameter biases
 *     "OPTS" optimiser state: UTF-8 kind (int length + bytes), long steps, then for the user table, the item
 *            table and the item biases: int arrays, each int length + float32 values
 *     "RATD" rated items: int total, int[users + 1] row starts, int[total] item indices (sorted per user),
 *            float32[total] ratings
 *   long     CRC-32 of every byte above
 * </pre>
 * Version 1 is the same without the sections. Readers accept every version up to {@link #VERSION}; a test keeps
 * a version-1 file loading.
 */
public final class ModelFormat {
    public static final int VERSION = 2;
    private static final byte[] MAGIC = "TRIPREC\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ID_BYTES = 1 << 16;

    private ModelFormat() {}

    public static void save(EmbeddingModel model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    public static EmbeddingModel load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static void write(EmbeddingModel m, OutputStream rawOut) throws IOException {
        CRC32 crc = new CRC32();
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(rawOut, 1 << 16), crc);
        DataOutputStream out = new DataOutputStream(checked);
        out.write(MAGIC);
        out.writeInt(VERSION);
        byte[] header = header(m.info()).getBytes(StandardCharsets.UTF_8);
        out.writeInt(header.length);
        out.write(header);
        out.writeInt(m.numUsers());
        out.writeInt(m.numItems());
        out.writeInt(m.dim());
        out.writeByte(m.hasItemBias() ? 1 : 0);
        writeIds(out, m.users());
        writeIds(out, m.items());
        writeFloats(out, m.userFactors());
        writeFloats(out, m.itemFactors());
        if (m.hasItemBias()) {
            writeFloats(out, m.itemBias());
        }
        ModelSections.write(out, m);
        out.flush();
        new DataOutputStream(rawOut).writeLong(crc.getValue());
        rawOut.flush();
    }

    /** Reads a model; {@code source} names the file in error messages. */
    public static EmbeddingModel read(InputStream rawIn, String source) throws IOException {
        CRC32 crc = new CRC32();
        DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(rawIn, 1 << 16), crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            int got = in.readNBytes(magic, 0, magic.length);
            if (got < magic.length || !java.util.Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(source + ": not a tripletrec model file");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new ModelFormatException(source + ": model format version " + version
                        + " is not supported by this tripletrec (reads 1.." + VERSION + "); upgrade tripletrec");
            }
            int headerLength = in.readInt();
            checkSize(source, headerLength, 1 << 24, "header");
            String header = new String(in.readNBytes(headerLength), StandardCharsets.UTF_8);
            int users = in.readInt();
            int items = in.readInt();
            int dim = in.readInt();
            checkSize(source, users, Integer.MAX_VALUE, "user count");
            checkSize(source, items, Integer.MAX_VALUE, "item count");
            checkSize(source, dim, 1 << 16, "dimension");
            int hasBias = in.readByte();
            IdIndex userIds = readIds(in, users, source);
            IdIndex itemIds = readIds(in, items, source);
            float[] u = readFloats(in, Math.multiplyExact(users, dim));
            float[] v = readFloats(in, Math.multiplyExact(items, dim));
            float[] b = hasBias == 1 ? readFloats(in, items) : null;
            ModelSections sections;
            try {
                sections = version >= 2 ? ModelSections.read(in, users, items, dim, source) : ModelSections.none();
            } catch (IllegalArgumentException | NegativeArraySizeException e) {
                throw new ModelFormatException(source + ": the model file is corrupt (" + e.getMessage() + ")");
            }
            long expected = crc.getValue();
            long stored = in.readLong(); // after taking the CRC: the checksum does not cover itself
            if (stored != expected) {
                throw new ModelFormatException(source + ": checksum mismatch, the model file is corrupt");
            }
            EmbeddingModel model = new EmbeddingModel(dim, u, v, b, userIds, itemIds, parseHeader(header, version, source));
            try {
                return sections.attach(model);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + ": the model file is corrupt (" + e.getMessage() + ")");
            }
        } catch (EOFException e) {
            throw new ModelFormatException(source + ": the model file is truncated");
        } catch (ArithmeticException | OutOfMemoryError e) {
            throw new ModelFormatException(source + ": the model file is corrupt (impossible table size)");
        }
    }

    static void checkSize(String source, int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new ModelFormatException(source + ": the model file is corrupt (" + what + " " + value + ")");
        }
    }

    private static String header(ModelInfo info) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("library_version", info.libraryVersion());
        p.put("trained_at", info.trainedAt().toString());
        p.put("data_fingerprint", info.dataFingerprint());
        info.config().toProperties().forEach((k, v) -> p.put("config." + k, v));
        info.metrics().forEach((k, v) -> p.put("metric." + k, Double.toString(v)));
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        return sb.toString();
    }

    private static ModelInfo parseHeader(String header, int version, String source) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : header.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                p.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (var e : p.entrySet()) {
            if (e.getKey().startsWith("config.")) {
                config.put(e.getKey().substring(7), e.getValue());
            } else if (e.getKey().startsWith("metric.")) {
                metrics.put(e.getKey().substring(7), Double.parseDouble(e.getValue()));
            }
        }
        try {
            return new ModelInfo(version, TrainerConfig.fromProperties(config), p.getOrDefault("data_fingerprint", ""),
                    p.getOrDefault("library_version", "unknown"),
                    Instant.parse(p.getOrDefault("trained_at", "1970-01-01T00:00:00Z")), metrics);
        } catch (RuntimeException e) {
            throw new ModelFormatException(source + ": the model header is corrupt (" + e.getMessage() + ")");
        }
    }

    static void writeIds(DataOutputStream out, IdIndex ids) throws IOException {
        for (int k = 0; k < ids.size(); k++) {
            byte[] b = ids.id(k).getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    static IdIndex readIds(DataInputStream in, int count, String source) throws IOException {
        List<String> ids = new ArrayList<>(Math.min(count, 1 << 20));
        for (int k = 0; k < count; k++) {
            int len = in.readInt();
            checkSize(source, len, MAX_ID_BYTES, "id length");
            byte[] b = in.readNBytes(len);
            if (b.length < len) {
                throw new EOFException();
            }
            ids.add(new String(b, StandardCharsets.UTF_8));
        }
        try {
            return IdIndex.of(ids);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": the model file is corrupt (" + e.getMessage() + ")");
        }
    }

    static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.BIG_ENDIAN);
        for (float f : a) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(f);
        }
        out.write(buf.array(), 0, buf.position());
    }

    static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] a = new float[n];
        byte[] chunk = new byte[1 << 16];
        int k = 0;
        while (k < n) {
            int want = (int) Math.min(chunk.length, (n - k) * 4L);
            in.readFully(chunk, 0, want);
            ByteBuffer bb = ByteBuffer.wrap(chunk, 0, want).order(ByteOrder.BIG_ENDIAN);
            for (int j = 0; j < want / 4; j++) {
                a[k++] = bb.getFloat();
            }
        }
        return a;
    }
}
