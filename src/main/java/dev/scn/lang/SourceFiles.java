package dev.scn.lang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a scenario file's bytes, at most {@link #MAX_BYTES}. A scenario is a few kilobytes; a
 * larger file is refused before it is read (a regular file, by its size) or as soon as it gives
 * one byte more (a device such as /dev/zero, a pipe), so no input can exhaust the memory.
 */
public final class SourceFiles {
    /** 16 MiB: some 5,000 times the largest scenario of the repository, 3.4 KB (README, Diagnostics). */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private SourceFiles() {
    }

    /** The file is larger than {@link #MAX_BYTES}; the message says so in a sentence. */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    public static byte[] read(Path path) throws IOException {
        boolean regular = Files.isRegularFile(path);
        if (regular && Files.size(path) > MAX_BYTES) {
            throw new TooLargeException("the file is larger than " + limit() + " (" + mebibytes(Files.size(path)) + ")");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new TooLargeException(regular ? "the file is larger than " + limit()
                        : "the file gives more than " + limit() + " (it is a device or a pipe, not a regular file)");
            }
            return bytes;
        }
    }

    /** The limit, as the messages and the README write it. */
    public static String limit() {
        return MAX_BYTES / (1024 * 1024) + " MiB";
    }

    private static String mebibytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
