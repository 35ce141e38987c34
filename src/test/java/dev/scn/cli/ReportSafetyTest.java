package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report output is never half-written and never replaces a stranger's file without --force. */
class ReportSafetyTest {

    @Test
    @DisplayName("a file scn did not write is not replaced without --force (exit 2); with --force it is")
    void foreignFilesNeedForce(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("index.html");
        Files.writeString(mine, "my own notes\n");
        CliTest.Outcome o = CliTest.scn("report", "scenarios/client-rst-ends-it.scn", "-o", dir.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("was not written by scn; move it away or use --force"), o.err());
        assertEquals("my own notes\n", Files.readString(mine));

        CliTest.Outcome forced = CliTest.scn("report", "scenarios/client-rst-ends-it.scn", "-o", dir.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(mine).contains("<meta name=\"generator\" content=\"scn\">"));

        CliTest.Outcome again = CliTest.scn("report", "scenarios/client-rst-ends-it.scn", "-o", dir.toString());
        assertEquals(0, again.code(), "scn replaces its own files: " + again.err());
    }

    @Test
    @DisplayName("output paths with spaces and non-ASCII characters work for report, --json and --pcap")
    void unusualPaths(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("报告 folder/with space");
        CliTest.Outcome report = CliTest.scn("report", "scenarios/client-rst-ends-it.scn", "-o", out.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.isRegularFile(out.resolve("client-rst-ends-it.html")));
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        Path json = dir.resolve("结果 one.json");
        Path pcap = dir.resolve("抓包 one.pcap");
        CliTest.Outcome run = CliTest.scn("run", "scenarios/client-rst-ends-it.scn", "--json", json.toString(),
                "--pcap", pcap.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.size(json) > 100 && Files.size(pcap) > 24);
    }

    @Test
    @DisplayName("a report run killed midway leaves no partial file; the next run sweeps its temporary files")
    void killedRunLeavesNoPartialFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("reports");
        Path scenarios = ScenarioFolder.quickCopy(dir.resolve("scenarios")); // not the five-day one
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "report", scenarios.toString(), "-o", out.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
            // Kill it as soon as the first report is on disk: the next one is being computed or written.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && System.nanoTime() < deadline && !hasAny(out)) {
                Thread.sleep(5);
            }
            Thread.sleep(attempt * 150L);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertNoPartialFile(out);
        }
        CliTest.Outcome finish = CliTest.scn("report", scenarios.toString(), "-o", out.toString());
        assertEquals(0, finish.code(), finish.err());
        assertNoPartialFile(out);
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temporary files swept");
        }
    }

    private static boolean hasAny(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".html"));
        }
    }

    /** Every visible file is whole: HTML ends with its closing tag, a trace sidecar with a newline. */
    private static void assertNoPartialFile(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    assertTrue(name.equals(".scn.lock") || name.startsWith(".scn-") && name.endsWith(".tmp"),
                            "only scn's lock and hidden temporary files: " + name);
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (name.endsWith(".html")) {
                    assertTrue(text.stripTrailing().endsWith("</html>"), "complete HTML: " + name);
                } else {
                    assertTrue(text.endsWith("\n"), "complete text: " + name);
                }
            }
        }
    }
}
