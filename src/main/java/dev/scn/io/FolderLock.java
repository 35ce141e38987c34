package dev.scn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An output folder held by one process at a time: an OS lock ({@link FileChannel#tryLock}) on the
 * hidden file {@code DIR/.scn.lock}. The OS releases it when the process ends, however it ends,
 * so a killed run never leaves the folder locked; the file itself stays (removing it would let two
 * processes lock two different files of the same name).
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name in the folder. */
    public static final String FILE_NAME = ".scn.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (creating it when missing); null when another process (or another run in
     * this one) holds it.
     */
    public static FolderLock tryLock(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new FolderLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by another report in this JVM (tests run scn in-process)
            channel.close();
            return null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
