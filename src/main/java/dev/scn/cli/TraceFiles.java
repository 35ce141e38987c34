package dev.scn.cli;

import dev.scn.io.AtomicStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scn run --trace-file OUT}: every packet's tcpdump line, as {@code --trace} prints it,
 * written to a file while the run goes instead of to stdout, so a long trace costs a buffer, not
 * memory that grows with it. One file per run, named as --pcap names its files (OUT for the first
 * run, OUT-variant-N for the N-th after it, before OUT's extension). Each file is written beside
 * its target and renamed over it when the command ends well: an error or Ctrl-C leaves no
 * half-written trace, and the targets as they were.
 */
final class TraceFiles implements AutoCloseable {
    private final Path target;
    private final List<AtomicStream> files = new ArrayList<>();
    private AtomicStream current;
    private IOException openFailed;

    TraceFiles(Path target) {
        this.target = target;
    }

    /** The next run starts: its lines go to a new file. */
    void nextRun() {
        current = null;
        if (openFailed != null) {
            return;
        }
        try {
            current = AtomicStream.open(numbered(target, files.size()));
            files.add(current);
        } catch (IOException e) {
            openFailed = e;
        }
    }

    /** One packet's line; a line ends with \n as --trace's do on this platform's terminal. */
    void line(String tcpdump) {
        if (current != null) {
            current.append(tcpdump + "\n");
        }
    }

    /** Makes every file its target; throws the first failure (a file that could not be opened or written). */
    void commit() throws IOException {
        if (openFailed != null) {
            throw openFailed;
        }
        for (AtomicStream file : files) {
            file.commit();
        }
    }

    /** Removes what was not committed. */
    @Override
    public void close() {
        files.forEach(AtomicStream::close);
    }

    /** OUT for the first run; OUT-variant-N, before OUT's extension if it has one, for the N-th after it. */
    static Path numbered(Path file, int n) {
        if (n == 0) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return file.resolveSibling(stem + "-variant-" + n + extension);
    }
}
