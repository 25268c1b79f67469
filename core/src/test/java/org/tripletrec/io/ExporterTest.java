package org.tripletrec.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.model.EmbeddingModel;

class ExporterTest {
    @TempDir
    Path dir;

    @Test
    void npyFilesHoldLittleEndianFloat32WithTheRightShape() throws IOException {
        EmbeddingModel m = ModelFormatTest.small(true);
        Exporter.export(m, Exporter.Format.NPY, dir);
        byte[] b = Files.readAllBytes(dir.resolve("item_factors.npy"));
        assertThat(b[0]).isEqualTo((byte) 0x93);
        assertThat(new String(b, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLen = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
        assertThat((10 + headerLen) % 64).as("data starts 64-byte aligned").isZero();
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'").contains("'shape': (3, 2)").endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        float[] got = new float[6];
        for (int k = 0; k < 6; k++) {
            got[k] = data.getFloat();
        }
        assertThat(got).containsExactly(m.itemFactors());
        assertThat(new String(Files.readAllBytes(dir.resolve("item_bias.npy")), StandardCharsets.ISO_8859_1))
                .contains("'shape': (3,)");
        assertThat(Files.readAllLines(dir.resolve("item_ids.txt"))).containsExactly("i1", "i2", "é3");
        assertThat(Files.readAllLines(dir.resolve("user_ids.txt"))).containsExactly("u1", "u2");
    }

    @Test
    void csvHasOneRowPerUser() throws IOException {
        Exporter.export(ModelFormatTest.small(false), Exporter.Format.CSV, dir);
        assertThat(Files.readAllLines(dir.resolve("user_factors.csv"))).containsExactly("0.1,-0.2", "0.3,0.4");
        assertThat(dir.resolve("item_bias.csv")).doesNotExist();
    }
}
