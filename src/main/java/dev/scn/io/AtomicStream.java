package dev.scn.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A text file written as it is produced (a packet trace too long to hold in memory) and still
 * whole or not at all, as {@link AtomicFiles#write} writes a file it holds: the text goes
 * through a buffer to a hidden temporary file beside the target; {@link #commit} forces it to
 * disk and renames it over the target; {@link #close} without a commit (an error, Ctrl-C)
 * removes it, and leaves the target as it was.
 */
public final class AtomicStream implements Closeable {
    private static final int BUFFER_CHARS = 1 << 16;
    private final Path target;
    private final Path absolute;
    private final Path temp;
    private final FileChannel channel;
    private final Writer writer;
    private IOException failed;
    private boolean done;

    private AtomicStream(Path target, Path absolute, Path temp, FileChannel channel) {
        this.target = target;
        this.absolute = absolute;
        this.temp = temp;
        this.channel = channel;
        this.writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    /** Starts writing {@code target}: its temporary file is created now, the target is not touched. */
    public static AtomicStream open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path temp = AtomicFiles.createTemp(dir);
            try {
                return new AtomicStream(target, absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new IOException(target + ": cannot be written: " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * Appends text. It cannot throw (it is called from inside a run); the first failure is kept
     * and later writes are dropped, and {@link #commit} reports it.
     */
    public void append(String text) {
        if (failed != null || done) {
            return;
        }
        try {
            writer.write(text);
        } catch (IOException e) {
            failed = e;
        }
    }

    /** Flushes, forces to disk and renames over the target; after a failed append, throws it instead. */
    public void commit() throws IOException {
        if (done) {
            return;
        }
        try {
            if (failed != null) {
                throw failed;
            }
            writer.flush();
            channel.force(true);
            channel.close();
            AtomicFiles.readableByAll(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            close();
            throw new IOException(target + ": cannot be written: " + AtomicFiles.reason(e), e);
        }
    }

    /** Without a commit: removes the temporary file; the target stays as it was. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is removed next
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the next report into this folder sweeps it
        }
    }
}
