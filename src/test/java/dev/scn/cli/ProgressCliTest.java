package dev.scn.cli;

import dev.scn.engine.kernel.ProgressListener;
import dev.scn.load.ScenarioLoad;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line never changes what scn prints or writes, and is silent where nobody watches. */
class ProgressCliTest {

    /*
     * The tests run without a console (System.console() is null under Maven), as scn does when
     * its output goes to a file or a pipe: stderr is what it was before the progress line
     * existed, empty for a run whose expectations all hold.
     */
    @Test
    @DisplayName("no terminal: stderr as before (empty), and --no-progress changes nothing")
    void silentWithoutATerminal() {
        CliTest.Outcome plain = CliTest.scn("run", CliTest.SEED);
        assertEquals(0, plain.code(), plain.err());
        assertEquals("", plain.err());
        CliTest.Outcome off = CliTest.scn("run", CliTest.SEED, "--no-progress");
        assertEquals("", off.err());
        assertEquals(plain.out(), off.out());
    }

    @Test
    @DisplayName("--progress forced on: stdout byte for byte as without it")
    void stdoutUnchangedWhenForced() {
        CliTest.Outcome plain = CliTest.scn("run", CliTest.SEED, "--trace");
        CliTest.Outcome forced = CliTest.scn("run", CliTest.SEED, "--trace", "--progress");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(plain.out(), forced.out());
        assertEquals("", wiped(forced.err()), "stderr holds nothing but drawn and wiped progress lines");
    }

    @Test
    @DisplayName("report --progress: the same pages, the same stdout")
    void reportUnchanged(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliTest.Outcome plain = CliTest.scn("report", CliTest.SEED, "-o", a.toString(), "--lang", "en");
        CliTest.Outcome forced = CliTest.scn("report", CliTest.SEED, "-o", b.toString(), "--lang", "en", "--progress");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(plain.out().replace(a.toString(), "DIR"), forced.out().replace(b.toString(), "DIR"));
        assertEquals("", wiped(forced.err()));
        try (var files = Files.list(a)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(b.resolve(p.getFileName())),
                        p.getFileName().toString());
            }
        }
    }

    /*
     * A churn long enough to be watched: 3000 connections (30 s at 100/s), about 30 events per
     * connection. The fake wall clock moves 1 s at each reading, so every call of the hook draws.
     * The hook is called once per 65 536 events: floor(events / 65 536) draws, each beginning
     * with \r, then one wipe ("\r", spaces, "\r"). The run itself is the one without a watcher:
     * same events, same trace digest, same expectations.
     */
    @Test
    @DisplayName("a watched run draws once per 65 536 events and ends wiped; the run is the unwatched one")
    void drawsDuringARun() {
        String source = """
                scenario churn {
                    seed 3
                    run 60s
                    host server {
                        os freebsd 14.2
                        ip 192.0.2.10
                        listen 80 http { request 300 response 20k then close }
                    }
                    traffic web from 10.1.0.0/24 to server:80 rate 100/s during 0s..30s {
                        request 300 response 20k
                        100% normal
                    }
                    link web server delay 20ms
                    at 60s expect server netstat ESTABLISHED == 0
                }
                """;
        ScenarioLoad.Loaded parsed = ScenarioLoad.text(source, "churn.scn");
        RunResult unwatched = new ScenarioRunner(parsed.scenario(), ScenarioRunner.RunOptions.defaults())
                .run(ScenarioRunner.BASE);

        AtomicLong wall = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), new PrintWriter(new StringWriter()),
                () -> wall.addAndGet(1_000_000_000L));
        line.runs(null, List.of(ScenarioRunner.BASE));
        ScenarioRunner runner = new ScenarioRunner(parsed.scenario(), ScenarioRunner.RunOptions.defaults());
        runner.watchProgress(line);
        RunResult watched = runner.run(ScenarioRunner.BASE);

        assertEquals(unwatched.traceDigest(), watched.traceDigest());
        assertEquals(unwatched.eventsProcessed(), watched.eventsProcessed());
        assertEquals(unwatched.expectations(), watched.expectations());
        long draws = watched.eventsProcessed() / ProgressListener.EVERY_EVENTS;
        assertTrue(draws >= 1, "events: " + watched.eventsProcessed());
        String text = err.toString();
        assertEquals(draws + 2, text.chars().filter(c -> c == '\r').count(), text);
        assertEquals("", wiped(text));
        assertTrue(text.startsWith("\r") && text.contains(" / 1m  "), text);
    }

    /** What is left of stderr once every drawn line ("\rLINE") and its wipe ("\r   \r") are taken out. */
    private static String wiped(String err) {
        if (err.isEmpty()) {
            return err;
        }
        assertTrue(err.endsWith("\r"), "the last thing on stderr is the wipe");
        return err.replaceAll("\\r[^\\r\\n]*", "");
    }
}
