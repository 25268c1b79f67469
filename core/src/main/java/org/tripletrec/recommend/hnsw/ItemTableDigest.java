package org.tripletrec.recommend.hnsw;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.tripletrec.model.EmbeddingModel;

/**
 * The SHA-256 of what an index depends on: the item table and biases the model scores with, and their shape.
 * An index file carries it, so that an index of another model (or of the same file retrained) is never used.
 */
final class ItemTableDigest {
    private ItemTableDigest() {}

    static byte[] of(EmbeddingModel model) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        buf.putInt(model.numItems()).putInt(model.dim()).put((byte) (model.hasItemBias() ? 1 : 0));
        update(sha, buf, model.itemFactors());
        if (model.hasItemBias()) {
            update(sha, buf, model.itemBias());
        }
        buf.flip();
        sha.update(buf);
        return sha.digest();
    }

    private static void update(MessageDigest sha, ByteBuffer buf, float[] values) {
        for (float v : values) {
            if (buf.remaining() < Float.BYTES) {
                buf.flip();
                sha.update(buf);
                buf.clear();
            }
            buf.putInt(Float.floatToRawIntBits(v));
        }
    }
}
