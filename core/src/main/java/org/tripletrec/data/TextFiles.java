package org.tripletrec.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens text data files with the checks every reader needs, so each failure has one clear message. */
final class TextFiles {
    static final int SNIFF_BYTES = 1024;

    private TextFiles() {}

    /** What undecodable bytes become; readers look for it per line, which gives exact line numbers. */
    static final char REPLACEMENT = '\uFFFD';

    /**
     * A reader on {@code file} positioned after any byte-order mark. Bytes that do not decode become
     * {@link #REPLACEMENT}: a reporting decoder would fail while filling the buffer, lines ahead of the bad one,
     * so callers check each line instead.
     *
     * @throws DataFormatException if the file is missing, a directory, unreadable or looks binary
     */
    static BufferedReader open(Path file, Charset charset) {
        String name = file.toString();
        check(file, charset);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    replacingDecoder(charset)), 1 << 16);
            skipByteOrderMark(reader);
            return reader;
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code file} is a readable text file.
     *
     * @throws DataFormatException if the file is missing, a directory, unreadable or looks binary
     */
    static void check(Path file, Charset charset) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DataFormatException(name, 0, "is a directory, not a ratings file");
        }
        if (!Files.exists(file)) {
            throw new DataFormatException(name, 0, "no such file");
        }
        try {
            if (looksBinary(file, charset)) {
                throw new DataFormatException(name, 0, "looks binary, not a text ratings file");
            }
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A decoder that turns bytes which do not decode into {@link #REPLACEMENT}. */
    static CharsetDecoder replacingDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(REPLACEMENT));
    }

    /** NUL bytes, or bytes that do not decode in the charset, within the first KB: an archive, an image, ... */
    static boolean looksBinary(Path file, Charset charset) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        for (int k = 0; k < n; k++) {
            if (head[k] == 0) {
                return true;
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(n + 16);
        // endOfInput only when the whole file fit: a multi-byte char cut at byte 1024 is not an error
        boolean whole = n < head.length;
        CoderResult result = decoder.decode(ByteBuffer.wrap(head, 0, n), out, whole);
        return result.isError();
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF') {
            reader.reset();
        }
    }
}
