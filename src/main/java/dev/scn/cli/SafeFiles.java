package dev.scn.cli;

import dev.scn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI's output files: checked before a long run, then written through {@link AtomicFiles}. */
final class SafeFiles {
    private SafeFiles() {
    }

    static int sweepLeftovers(Path dir) {
        return AtomicFiles.sweepLeftovers(dir);
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
        AtomicFiles.write(target, bytes);
    }
}
