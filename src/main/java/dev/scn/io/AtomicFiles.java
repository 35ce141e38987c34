package dev.scn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files whole or not at all: the bytes go to a hidden temporary file beside the target,
 * are forced to disk, made readable by all as the tools scn imitates leave their output, and
 * renamed over the target. A process killed midway leaves the old file or the new one, never a
 * mixture; its temporary file is swept by the next {@code report} into that folder.
 *
 * <p>A temporary file is named {@code .scn-PID-TOKEN.tmp} (PID the writing process, TOKEN 16
 * random hex digits): short and of fixed length whatever the target's name, so a target whose
 * name is near the 255-byte limit can still be written, and shaped so that the sweep can tell
 * scn's leftovers from anyone else's files and a live process's files from a dead one's.
 */
public final class AtomicFiles {
    /** Every temporary file's name starts with this. */
    public static final String TEMP_PREFIX = ".scn-";
    private static final Pattern TEMP_NAME = Pattern.compile("\\.scn-([0-9]{1,19})-[0-9a-f]{16}\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code target} atomically. A failure is an IOException whose message
     * names {@code target} (never the temporary file) and says what went wrong in words.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            temp = createTemp(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            readableByAll(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException(target + ": cannot be written: " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the next report into this folder sweeps it
                }
            }
        }
    }

    /** What went wrong, in words, without the temporary file's name. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message;
    }

    /** True when {@code name} is the name of one of scn's temporary files. */
    public static boolean isTempName(String name) {
        return TEMP_NAME.matcher(name).matches();
    }

    /**
     * Removes temporary files that a killed scn left in {@code dir}: only files named exactly as
     * {@link #write} names them whose writing process is gone; a live process's files (another
     * {@code report}, a {@code run --json}) are left alone. Returns how many were removed.
     */
    public static int sweepLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
                if (m.matches() && !alive(m.group(1)) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return removed;
        }
        return removed;
    }

    private static boolean alive(String pid) {
        try {
            long id = Long.parseLong(pid);
            Optional<ProcessHandle> process = ProcessHandle.of(id);
            return process.isPresent() && process.get().isAlive();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static Path createTemp(Path dir) throws IOException {
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            byte[] token = new byte[8];
            RANDOM.nextBytes(token);
            Path temp = dir.resolve(TEMP_PREFIX + pid + "-" + HexFormat.of().formatHex(token) + ".tmp");
            try {
                return Files.createFile(temp, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** The temporary file is created owner-only; results are meant to be shared (0644). */
    static void readableByAll(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
