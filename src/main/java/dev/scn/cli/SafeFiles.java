package dev.scn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes output files whole or not at all: a temporary file beside the target, then a rename. */
final class SafeFiles {
    private SafeFiles() {
    }

    /** Why {@code target} could not be written, checked before a long run; null when it looks fine. */
    static String problemWriting(Path target) {
        if (target == null) {
            return null;
        }
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return "it is a directory";
        }
        Path dir = absolute.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return "its folder cannot be created";
        }
        if (!Files.isWritable(dir)) {
            return "the folder " + dir + " is not writable";
        }
        return null;
    }

    static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            // createTempFile makes the file owner-only; the result is meant to be shared (reports, JSON)
            try {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
