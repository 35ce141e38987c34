package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 4: every run is bounded in memory. {@code show} output is streamed, samples are
 * thinned, and a run that would outgrow the heap stops with exit 2 and a message, never an
 * OutOfMemoryError. Each case runs in a second JVM with a 256 MiB heap.
 */
class SmallHeapTest {

    /** What a second JVM printed and returned, and how long it took. */
    record Run(int code, String out, String err, long seconds) {
    }

    static Run scnIn256m(Path dir, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "the run was not bounded: still going after 240 s");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String stdout = Files.size(out) > 200_000 ? head(out) + "\n…\n" + tail(out) : Files.readString(out);
        return new Run(process.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8), seconds);
    }

    private static String head(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(100_000), StandardCharsets.UTF_8);
        }
    }

    private static String tail(Path file) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(100_000);
            ch.read(buffer, ch.size() - 100_000);
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    static void assertNoStackTrace(Run r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception") || all.contains("Error:") || all.contains("at dev.scn")
                || all.contains("internal error"), r.err());
    }

    @Test
    @DisplayName("every 1ms sample and every 1ms show over 10 min under -Xmx256m: exit 0, output streamed, samples thinned with a note")
    void everyMillisecondSampleAndShow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ms.scn");
        Files.writeString(file, """
                scenario every-millisecond {
                    seed 1
                    run 10m
                    host client {
                        os freebsd 5.4
                        ip 198.51.100.7
                    }
                    host server {
                        os freebsd 5.4
                        ip 192.0.2.10
                        listen 80
                    }
                    link client server delay 10ms
                    at 0s client connect server:80 as c1
                    every 1ms sample server
                    every 1ms from 8m show server netstat
                    at 10m expect c1 on server is ESTABLISHED
                }
                """);
        Run r = scnIn256m(dir, "run", file.toString());
        assertNoStackTrace(r);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("== every-millisecond [base] seed 1 ==\n[8m] server# netstat -an -p tcp\n"), r.out());
        assertTrue(r.out().contains("  note: samples of server thinned: 1 in "), r.out());
        assertTrue(r.out().contains("held"), r.out());
    }

    @Test
    @DisplayName("the seed scenario with run 100000d under -Xmx256m: stops with exit 2 and a message, no OutOfMemoryError")
    void hundredThousandDays(@TempDir Path dir) throws Exception {
        String seed = Files.readString(Path.of(CliTest.SEED));
        assertTrue(seed.contains("\n    run 2d"), "the seed scenario runs 2d");
        Path file = dir.resolve("long.scn");
        Files.writeString(file, seed.replace("\n    run 2d", "\n    run 100000d"));
        Run r = scnIn256m(dir, "run", file.toString(), "--variant", "base");
        assertNoStackTrace(r);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("[base]: stopped at "), r.err());
        assertTrue(r.seconds() < 200, "took " + r.seconds() + " s");
    }
}
