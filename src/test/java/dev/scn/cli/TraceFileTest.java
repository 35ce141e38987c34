package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scn run --trace-file OUT}: --trace's lines in a file, streamed, whole or not at all. */
class TraceFileTest {
    /** A tcpdump line as --trace prints it: the time of day, then IP. */
    private static boolean isPacketLine(String line) {
        return line.matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{6} IP .*");
    }

    /** The --trace lines of each run (base, then each variant) in what scn run --trace printed. */
    private static List<String> tracePerRun(String stdout) {
        List<String> runs = new ArrayList<>();
        StringBuilder current = null;
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("== ")) {
                if (current != null) {
                    runs.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current != null && isPacketLine(line)) {
                current.append(line).append('\n');
            }
        }
        runs.add(current.toString());
        return runs;
    }

    @Test
    @DisplayName("the file holds exactly the lines --trace prints, one file per run; stdout is the plain run's")
    void sameBytesAsTrace(@TempDir Path dir) throws Exception {
        CliTest.Outcome traced = CliTest.scn("run", CliTest.SEED, "--trace");
        assertEquals(0, traced.code(), traced.err());
        List<String> expected = tracePerRun(traced.out());
        assertEquals(2, expected.size(), "the seed scenario: base and one variant");
        assertTrue(expected.get(0).lines().count() > 100, "the base run sends many packets");

        Path out = dir.resolve("trace.txt");
        CliTest.Outcome filed = CliTest.scn("run", CliTest.SEED, "--trace-file", out.toString());
        assertEquals(0, filed.code(), filed.err());
        assertEquals("", filed.err());
        assertEquals(expected.get(0), Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(expected.get(1), Files.readString(dir.resolve("trace-variant-1.txt"), StandardCharsets.UTF_8));
        assertEquals(CliTest.scn("run", CliTest.SEED).out(), filed.out(), "no packet line on stdout");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("trace-variant-1.txt", "trace.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    @DisplayName("--trace and --trace-file together: the same lines on stdout and in the file")
    void bothAtOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("t");
        CliTest.Outcome both = CliTest.scn("run", CliTest.SEED, "--variant", "base", "--trace", "--trace-file",
                out.toString());
        assertEquals(0, both.code(), both.err());
        assertEquals(tracePerRun(both.out()).get(0), Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(CliTest.scn("run", CliTest.SEED, "--variant", "base", "--trace").out(), both.out());
    }

    /*
     * --capture naming no host fails once the runs start (exit 2): the trace file had been opened
     * and written to; nothing of it may appear, and an old file of that name stays as it was.
     */
    @Test
    @DisplayName("a run that fails leaves no trace file, half or whole, and an old one untouched")
    void nothingHalfWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trace.txt");
        Files.writeString(out, "old\n");
        CliTest.Outcome o = CliTest.scn("run", CliTest.SEED, "--trace-file", out.toString(),
                "--pcap", dir.resolve("x.pcap").toString(), "--capture", "nosuchhost");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertEquals("old\n", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("trace.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    @DisplayName("a trace file in a folder that cannot hold it is refused before the run (exit 2)")
    void refusedBeforeTheRun(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.scn("run", CliTest.SEED, "--trace-file", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code());
        assertEquals("scn: cannot write " + dir + ": it is a directory\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    @DisplayName("variant N's file: -variant-N before the extension, or at the end without one")
    void numbered() {
        assertEquals(Path.of("d/trace.txt"), TraceFiles.numbered(Path.of("d/trace.txt"), 0));
        assertEquals(Path.of("d/trace-variant-1.txt"), TraceFiles.numbered(Path.of("d/trace.txt"), 1));
        assertEquals(Path.of("trace-variant-2"), TraceFiles.numbered(Path.of("trace"), 2));
        assertEquals(Path.of(".t-variant-1"), TraceFiles.numbered(Path.of(".t"), 1));
        assertFalse(TraceFiles.numbered(Path.of("a.b.txt"), 1).toString().contains("a-variant"));
    }
}
