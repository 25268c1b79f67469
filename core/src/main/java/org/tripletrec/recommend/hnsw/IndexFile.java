package org.tripletrec.recommend.hnsw;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.tripletrec.io.AtomicFiles;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.recommend.ExactIndex;

/**
 * An HNSW index saved beside its model, format version 1 (integers big-endian):
 * <pre>
 *   8 bytes  magic "TRIPIDX\n"
 *   int      format version (1)
 *   32 bytes SHA-256 of the model's item table and biases ({@link ItemTableDigest})
 *   int      M, int efConstruction, int items
 *   graph    for scores: int items, int entry node, int levels, and per level (above level 0) its sorted
 *            nodes, then neighbour offsets and neighbours, each as int length + ints
 *   byte     1 when a graph for similar items follows (the same layout), 0 when they are searched exactly
 *   long     CRC-32 of every byte above
 * </pre>
 * A file whose digest, settings or size do not match the model it is opened for is stale: it is refused and never
 * searched. Written under a temporary name and renamed into place.
 */
public final class IndexFile {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "TRIPIDX\n".getBytes(StandardCharsets.US_ASCII);

    /** Why a saved index cannot serve a model: another model's, other settings, or a damaged file. */
    public static final class UnusableIndexException extends IOException {
        public UnusableIndexException(String message) {
            super(message);
        }
    }

    private IndexFile() {}

    public static void save(HnswIndex index, Path file) throws IOException {
        byte[] digest = ItemTableDigest.of(index.model());
        AtomicFiles.write(file, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.write(digest);
            out.writeInt(index.settings().m());
            out.writeInt(index.settings().efConstruction());
            out.writeInt(index.model().numItems());
            index.scoreGraph().write(out);
            out.writeByte(index.cosineGraph() == null ? 0 : 1);
            if (index.cosineGraph() != null) {
                index.cosineGraph().write(out);
            }
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
            raw.flush();
        });
    }

    /**
     * The index saved in {@code file} for {@code model}, searched with {@code settings.efSearch()}.
     *
     * @throws UnusableIndexException when the file belongs to another model or other settings, or is damaged
     */
    public static HnswIndex load(Path file, EmbeddingModel model, HnswSettings settings) throws IOException {
        long start = System.nanoTime();
        byte[] digest = ItemTableDigest.of(model);
        CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new UnusableIndexException(file + ": not a tripletrec index file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new UnusableIndexException(file + ": index format version " + version + ", this tripletrec reads "
                        + VERSION);
            }
            byte[] stored = in.readNBytes(digest.length);
            if (!Arrays.equals(stored, digest)) {
                throw new UnusableIndexException(file + ": stale: built for another model (item table checksum differs)");
            }
            HnswSettings saved = new HnswSettings(in.readInt(), in.readInt(), settings.efSearch(), settings.threads());
            if (!saved.sameGraph(settings)) {
                throw new UnusableIndexException(file + ": stale: built with M=" + saved.m() + " efConstruction="
                        + saved.efConstruction() + ", asked for M=" + settings.m() + " efConstruction="
                        + settings.efConstruction());
            }
            int items = in.readInt();
            if (items != model.numItems()) {
                throw new UnusableIndexException(file + ": stale: " + items + " items, the model has " + model.numItems());
            }
            LayeredGraph scores = LayeredGraph.read(in, items);
            int similar = in.readByte();
            if (similar != 0 && similar != 1) {
                throw new UnusableIndexException(file + ": the index file is corrupt (similar-items flag " + similar + ")");
            }
            LayeredGraph cosines = similar == 1 ? LayeredGraph.read(in, items) : null;
            long expected = crc.getValue();
            if (in.readLong() != expected) {
                throw new UnusableIndexException(file + ": checksum mismatch, the index file is corrupt");
            }
            HnswIndex index = new HnswIndex(model, settings, scores, cosines, new ExactIndex(model), 0, true);
            return index.loadedIn((System.nanoTime() - start) / 1e9);
        } catch (EOFException e) {
            throw new UnusableIndexException(file + ": the index file is truncated");
        } catch (IllegalArgumentException e) {
            throw new UnusableIndexException(file + ": the index file is corrupt (" + e.getMessage() + ")");
        } catch (UnusableIndexException | NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new UnusableIndexException(file + ": the index file is corrupt (" + e.getMessage() + ")");
        }
    }
}
