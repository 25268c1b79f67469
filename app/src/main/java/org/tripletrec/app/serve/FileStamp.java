package org.tripletrec.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/** What tells one version of a file from the next: size, modification time and file key (inode). */
record FileStamp(long size, long modified, Object key) {

    /** The file's stamp, or null while it is missing (being replaced). */
    static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.size(), a.lastModifiedTime().toMillis(), Objects.requireNonNullElse(a.fileKey(), ""));
        } catch (IOException e) {
            return null;
        }
    }
}
