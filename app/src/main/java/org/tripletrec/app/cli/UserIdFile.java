package org.tripletrec.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.tripletrec.data.DataFormatException;
import org.tripletrec.data.IdIndex;

/** A file of user ids, one a line (blank lines skipped), as the model rows of those users in file order. */
final class UserIdFile {
    private UserIdFile() {}

    /** The rows of the users named in {@code file}; an id the model does not know is an error at its line. */
    static int[] rows(Path file, IdIndex users) {
        String name = file.toString();
        int[] rows = new int[1024];
        int n = 0;
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String id = line.strip();
                if (id.isEmpty()) {
                    continue;
                }
                int row = users.indexOf(id);
                if (row < 0) {
                    throw new DataFormatException(name, lineNo, "user '" + id + "' is not in the model");
                }
                if (n == rows.length) {
                    rows = Arrays.copyOf(rows, 2 * n);
                }
                rows[n++] = row;
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, lineNo + 1, "bytes that are not valid UTF-8: not a text file of ids?");
        } catch (IOException e) {
            throw new DataFormatException(name, 0, "cannot read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new DataFormatException(name, 0, "file is empty, no user ids");
        }
        return Arrays.copyOf(rows, n);
    }
}
