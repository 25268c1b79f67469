package org.tripletrec.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletrec.data.IdIndex;
import org.tripletrec.model.EmbeddingModel;
import org.tripletrec.model.ModelInfo;
import org.tripletrec.train.Presets;

class ModelFormatTest {
    @TempDir
    Path dir;

    static EmbeddingModel small(boolean bias) {
        IdIndex users = IdIndex.of(List.of("u1", "u2"));
        IdIndex items = IdIndex.of(List.of("i1", "i2", "é3"));
        float[] u = {0.1f, -0.2f, 0.3f, 0.4f};
        float[] v = {1f, 2f, 3f, 4f, -5f, 6.5f};
        float[] b = bias ? new float[] {0.5f, -0.5f, 0f} : null;
        ModelInfo info = new ModelInfo(1, Presets.seed(), "fnv1a64:0123:3", "test",
                Instant.parse("2026-11-27T00:00:00Z"), Map.of("full_auc", 0.75));
        return new EmbeddingModel(2, u, v, b, users, items, info);
    }

    static byte[] bytes(EmbeddingModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFormat.write(m, out);
        return out.toByteArray();
    }

    @Test
    void roundTripKeepsTablesIdsAndProvenance() throws IOException {
        for (boolean bias : new boolean[] {false, true}) {
            EmbeddingModel m = small(bias);
            Path file = dir.resolve("m" + bias + ".trm");
            ModelFormat.save(m, file);
            EmbeddingModel r = ModelFormat.load(file);
            assertThat(r.userFactors()).containsExactly(m.userFactors());
            assertThat(r.itemFactors()).containsExactly(m.itemFactors());
            assertThat(r.hasItemBias()).isEqualTo(bias);
            if (bias) {
                assertThat(r.itemBias()).containsExactly(m.itemBias());
            }
            assertThat(r.users().ids()).isEqualTo(m.users().ids());
            assertThat(r.items().ids()).containsExactly("i1", "i2", "é3");
            assertThat(r.info().config()).isEqualTo(Presets.seed());
            assertThat(r.info().dataFingerprint()).isEqualTo("fnv1a64:0123:3");
            assertThat(r.info().metrics()).containsEntry("full_auc", 0.75);
            assertThat(r.info().trainedAt()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
            assertThat(r.score(1, 2)).isEqualTo(m.score(1, 2));
        }
    }

    @Test
    void everyTruncationIsReportedAsTruncatedOrCorrupt() throws IOException {
        byte[] full = bytes(small(true));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            assertThatThrownBy(() -> ModelFormat.read(new ByteArrayInputStream(cut), "m.trm"))
                    .as("cut at %d", len)
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageStartingWith("m.trm: ");
        }
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws IOException {
        byte[] b = bytes(small(false));
        b[b.length - 20] ^= 0x10; // inside the item table
        assertThatThrownBy(() -> ModelFormat.read(new ByteArrayInputStream(b), "m.trm"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("checksum");
    }

    @Test
    void aForeignFileIsNotAModel() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0};
        assertThatThrownBy(() -> ModelFormat.read(new ByteArrayInputStream(png), "x.png"))
                .isInstanceOf(ModelFormatException.class).hasMessage("x.png: not a tripletrec model file");
    }

    @Test
    void aNewerFormatVersionAsksForAnUpgrade() throws IOException {
        byte[] b = bytes(small(false));
        b[11] = 9; // the version int follows the 8-byte magic
        assertThatThrownBy(() -> ModelFormat.read(new ByteArrayInputStream(b), "m.trm"))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("version 9");
    }

    @Test
    void aFailedSaveLeavesThePreviousFileIntact() throws IOException {
        Path file = dir.resolve("keep.trm");
        ModelFormat.save(small(false), file);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.trm");
        }
    }

    /** A version-1 file committed with the tests: every later version of the reader must keep loading it. */
    @Test
    void theCommittedVersion1FileStillLoads() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/models/format-v1.trm")) {
            assertThat(in).as("test resource models/format-v1.trm").isNotNull();
            EmbeddingModel m = ModelFormat.read(in, "format-v1.trm");
            EmbeddingModel expected = small(true);
            assertThat(m.info().formatVersion()).isEqualTo(1);
            assertThat(m.userFactors()).containsExactly(expected.userFactors());
            assertThat(m.itemFactors()).containsExactly(expected.itemFactors());
            assertThat(m.itemBias()).containsExactly(expected.itemBias());
            assertThat(m.items().ids()).containsExactly("i1", "i2", "é3");
            assertThat(m.info().config().sampler()).isEqualTo("explicit");
        }
    }
}
