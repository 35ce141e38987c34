package dev.scn.cli;

import dev.scn.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The CLI's output files: checked before a long run, then written through {@link AtomicFiles}. */
final class SafeFiles {
    private SafeFiles() {
    }

    static int sweepLeftovers(Path dir) {
        return AtomicFiles.sweepLeftovers(dir);
    }

    /** What went wrong with a file, in words (not an exception's class name or a bare path). */
    static String reason(IOException e) {
        return AtomicFiles.reason(e);
    }

    /** The path a command-line argument names; null when this locale cannot express it (see {@link #unrepresentable}). */
    static Path path(String argument) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Why a file whose name the JVM could not decode cannot be used. Under a locale whose character
     * set is not UTF-8 (LANG=C: ASCII) Java turns the bytes of a non-ASCII name into U+FFFD and can
     * neither open the file nor name an output after it; the {@code scn} launcher runs Java under
     * C.UTF-8 for that reason.
     */
    static String unrepresentable(String name) {
        return name + ": cannot be used: its name is not in this locale's character set ("
                + System.getProperty("sun.jnu.encoding", "unknown")
                + "); run scn under a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (the scn launcher does)";
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
