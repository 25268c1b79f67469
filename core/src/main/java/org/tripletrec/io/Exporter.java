package org.tripletrec.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.EmbeddingModel;

/**
 * Writes a model's tables for other tools: {@code user_factors}, {@code item_factors}, {@code item_bias} (if
 * any) as NumPy .npy float32 arrays or CSV, and {@code user_ids.txt} / {@code item_ids.txt}, one raw id per line
 * in row order. Every file is written atomically.
 */
public final class Exporter {
    public enum Format { NPY, CSV }

    private Exporter() {}

    public static void export(EmbeddingModel m, Format format, Path dir) throws IOException {
        Files.createDirectories(dir);
        String ext = format == Format.NPY ? ".npy" : ".csv";
        writeTable(dir.resolve("user_factors" + ext), format, m.userFactors(), m.numUsers(), m.dim());
        writeTable(dir.resolve("item_factors" + ext), format, m.itemFactors(), m.numItems(), m.dim());
        if (m.hasItemBias()) {
            writeTable(dir.resolve("item_bias" + ext), format, m.itemBias(), m.numItems(), 0);
        }
        writeIds(dir.resolve("user_ids.txt"), m.users());
        writeIds(dir.resolve("item_ids.txt"), m.items());
    }

    /** cols == 0 means a 1-d array. */
    private static void writeTable(Path file, Format format, float[] data, int rows, int cols) throws IOException {
        AtomicFiles.write(file, out -> {
            if (format == Format.NPY) {
                writeNpy(out, data, rows, cols);
            } else {
                writeCsv(out, data, rows, Math.max(cols, 1));
            }
        });
    }

    static void writeNpy(OutputStream out, float[] data, int rows, int cols) throws IOException {
        String shape = cols == 0 ? "(" + rows + ",)" : "(" + rows + ", " + cols + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        // The header (magic 6 + version 2 + length 2 + dict + newline) is padded to a multiple of 64 bytes.
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder header = new StringBuilder(dict);
        header.append(" ".repeat(pad)).append('\n');
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int len = header.length();
        out.write(len & 0xff);
        out.write((len >>> 8) & 0xff);
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(f);
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static void writeCsv(OutputStream out, float[] data, int rows, int cols) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    w.write(',');
                }
                w.write(Float.toString(data[r * cols + c]).toLowerCase(Locale.ROOT));
            }
            w.write('\n');
        }
        w.flush();
    }

    private static void writeIds(Path file, IdIndex ids) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (int k = 0; k < ids.size(); k++) {
                w.write(ids.id(k));
                w.write('\n');
            }
            w.flush();
        });
    }
}
