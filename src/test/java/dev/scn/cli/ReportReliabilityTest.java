package dev.scn.cli;

import dev.scn.report.Index;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 (reliability) of {@code scn report}: it never touches files it did not write, leaves
 * nothing half-written, and ends with the documented exit codes and messages, never a stack trace.
 */
class ReportReliabilityTest {
    private static final String SMALL = "scenarios/client-rst-ends-it.scn";

    @Test
    @DisplayName("6: the start-up sweep removes only a dead scn's temporary files, never a user's look-alikes")
    void sweepSparesUserFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        List<Path> users = List.of(out.resolve(".x.scn-y.tmp"), out.resolve(".notes.scn-1.tmp"),
                out.resolve(".scn-12-draft.tmp"));
        for (Path user : users) {
            Files.writeString(user, "mine\n");
        }
        // What a killed scn leaves: pid 999999999 is above every Linux pid_max, so surely dead.
        Path leftover = out.resolve(".scn-999999999-0123456789abcdef.tmp");
        Files.writeString(leftover, "<!DOCTYPE html><html");
        CliTest.Outcome o = CliTest.scn("report", SMALL, "-o", out.toString());
        assertEquals(0, o.code(), o.err());
        for (Path user : users) {
            assertEquals("mine\n", Files.readString(user), "a user's file was swept: " + user);
        }
        assertFalse(Files.exists(leftover), "a dead scn's temporary file is swept");
    }

    @Test
    @DisplayName("7: a second report into a folder another report is writing refuses (exit 2); the first loses nothing")
    void concurrentRunsOnOneFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        // The quick scenarios (ScenarioFolder): the five-day one alone would outlast every wait here.
        Path scenarios = ScenarioFolder.quickCopy(dir.resolve("scenarios"));
        Process first = scnProcess(dir, List.of(), "report", scenarios.toString(), "-o", out.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.isAlive() && System.nanoTime() < deadline && !hasHtml(out)) {
            Thread.sleep(5);
        }
        assertTrue(first.isAlive(), "the first run should still be writing");
        CliTest.Outcome second = CliTest.scn("report", scenarios.toString(), "-o", out.toString());
        assertTrue(first.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, second.code(), second.out() + second.err());
        assertTrue(second.err().contains("is in use by another 'scn report'"), second.err());
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("log.txt")));
        try (Stream<Path> s = Files.list(scenarios)) {
            for (Path scn : s.filter(f -> f.toString().endsWith(".scn")).toList()) {
                String stem = scn.getFileName().toString().replace(".scn", "");
                String html = Files.readString(out.resolve(stem + ".html"));
                assertTrue(html.stripTrailing().endsWith("</html>"), stem);
                Matcher trace = Pattern.compile("href=\"([^\"#]+\\.trace\\.txt)\"").matcher(html);
                if (trace.find()) {
                    assertTrue(Files.isRegularFile(out.resolve(trace.group(1))), "the trace a page links to exists");
                }
            }
        }
    }

    @Test
    @DisplayName("8: a scenario named index.scn is reported as index-2.html and the index stays the index")
    void indexScenarioDoesNotOverwriteTheIndex(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.copy(Path.of(SMALL), in.resolve("index.scn"));
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.scn("report", in.toString(), "-o", out.toString());
        assertEquals(0, o.code(), o.err());
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("href=\"index-2.html"), index);
        assertTrue(Files.readString(out.resolve("index-2.html")).contains("client-rst-ends-it"));
        assertFalse(index.contains("client-rst-ends-it</h1>"), "index.html is the index, not the report");
    }

    @Test
    @DisplayName("9: every href in the index and the pages is percent-encoded and leads to the file (#, ?, %20, :, tab, newline)")
    void hrefsAreEncoded(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        List<String> names = List.of("javascript:alert(1).scn", "a#b?c.scn", "x%20y z.scn", "tab\there.scn",
                "new\nline.scn", "中文 100%.scn");
        for (String name : names) {
            Files.copy(Path.of(CliTest.SEED), in.resolve(name)); // the seed's trace is long: it has a sidecar
        }
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.scn("report", in.toString(), "-o", out.toString(), "--lang", "en");
        assertEquals(0, o.code(), o.err());
        List<String> hrefs = new ArrayList<>();
        try (Stream<Path> pages = Files.list(out)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(Files.readString(page));
                while (m.find()) {
                    hrefs.add(m.group(1));
                }
            }
        }
        int links = 0;
        for (String href : hrefs) {
            String path = href.replaceFirst("#lang=(zh|en)$", "");
            if (path.isEmpty() || path.startsWith("#")) {
                continue; // a link within the page
            }
            links++;
            assertTrue(path.matches("[A-Za-z0-9._~!$&'()*+,;=@%-]+"), "unencoded href: " + href);
            assertFalse(path.contains(":"), "a scheme-like href: " + href);
            String file = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            assertTrue(Files.isRegularFile(out.resolve(file)), "href leads nowhere: " + href);
            assertEquals(Index.href(file), path, "href made by Index.href: " + href);
        }
        assertEquals(2 * names.size(), links, "an index link and a trace link per scenario: " + hrefs);
    }

    @Test
    @DisplayName("10: under LANG=C a non-ASCII file name is reported unusable (exit 2), never an internal error; the rest are reported")
    void nonAsciiNamesUnderCLocale(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.copy(Path.of(SMALL), in.resolve("中文.scn"));
        Files.copy(Path.of(SMALL), in.resolve("plain.scn"));
        Path out = dir.resolve("out");
        Process p = scnProcess(dir, List.of("LANG=C", "LC_ALL=C"), "report", in.toString(),
                in.resolve("中文.scn").toString(), "-o", out.toString());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(2, p.exitValue(), log);
        assertFalse(log.contains("internal error") || log.contains("Exception"), log);
        assertTrue(log.contains("not in this locale's character set"), log);
        assertTrue(Files.isRegularFile(out.resolve("plain.html")), log);
        assertTrue(Files.readString(out.resolve("index.html")).contains("plain.html"), log);

        Process check = scnProcess(dir, List.of("LANG=C", "LC_ALL=C"), "check", in.resolve("中文.scn").toString());
        assertTrue(check.waitFor(120, TimeUnit.SECONDS));
        String checkLog = Files.readString(dir.resolve("log.txt"));
        assertEquals(2, check.exitValue(), checkLog);
        assertFalse(checkLog.contains("Exception"), checkLog);
    }

    @Test
    @DisplayName("12: SIGINT and SIGTERM stop a long report or run within 2.5 s: exit 2, 'interrupted' every time, nothing written")
    void signalsStopPromptly(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("long.scn"), Files.readString(Path.of(CliTest.SEED))
                .replaceFirst("(?m)^(\\s*)run 2d", "$1run 3000w"));
        Path out = dir.resolve("out");
        String[] signals = {"INT", "TERM", "INT", "INT", "INT"};
        for (int attempt = 0; attempt < signals.length; attempt++) {
            String[] command = attempt == signals.length - 1
                    ? new String[] {"run", in.resolve("long.scn").toString(), "--json", out.resolve("long.json").toString()}
                    : new String[] {"report", in.resolve("long.scn").toString(), "-o", out.toString()};
            Process p = scnProcess(dir, List.of(), command);
            Thread.sleep(1200 + attempt * 400L);
            assertTrue(p.isAlive(), "the run should take long");
            long sent = System.nanoTime();
            assertEquals(0, new ProcessBuilder("kill", "-" + signals[attempt], String.valueOf(p.pid())).start().waitFor());
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "did not stop");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            String log = Files.readString(dir.resolve("log.txt"));
            assertEquals(2, p.exitValue(), signals[attempt] + ": " + log);
            assertTrue(log.contains("interrupted"), signals[attempt] + ": " + log);
            assertTrue(millis < 2500, "took " + millis + " ms");
            assertFalse(Files.exists(out.resolve("long.html")) || Files.exists(out.resolve("long.json")), "nothing written");
            assertFalse(log.contains("Exception"), log);
        }
    }

    @Test
    @DisplayName("13b: a file that cannot be written is named with what went wrong, not a temporary path or an exception")
    void writeFailuresSayWhatFailed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("client-rst-ends-it.html").resolve("inside"));
        CliTest.Outcome o = CliTest.scn("report", SMALL, "-o", out.toString(), "--force");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("client-rst-ends-it.html: cannot be written: "), o.err());
        assertFalse(o.err().contains(".tmp") || o.err().contains("Exception"), o.err());

        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliTest.Outcome under = CliTest.scn("report", SMALL, "-o", file.resolve("sub").toString());
        assertEquals(2, under.code(), under.err());
        assertTrue(under.err().contains("cannot be used as the output folder"), under.err());
        assertFalse(under.err().contains("Exception"), under.err());
    }

    @Test
    @DisplayName("13c: a stranger's NAME.trace.txt is refused before NAME.html is written")
    void foreignSidecarRefusedBeforeAnyWrite(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path trace = out.resolve("finwait2-ipfw-keepalive.trace.txt");
        Files.writeString(trace, "my capture notes\n");
        CliTest.Outcome o = CliTest.scn("report", CliTest.SEED, "-o", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("was not written by scn"), o.err());
        assertEquals("my capture notes\n", Files.readString(trace));
        assertFalse(Files.exists(out.resolve("finwait2-ipfw-keepalive.html")), "no page before its sidecar was cleared");
    }

    @Test
    @DisplayName("13d: names up to the 255-byte limit are reported, shortened deterministically when NAME.trace.txt would not fit")
    void longNames(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        String fits = "f".repeat(220) + ".scn";          // 220-byte stem: NAME.trace.txt is 230 bytes
        String tooLong = "中".repeat(83) + ".scn";        // 249 bytes: the limit allows no .html beside it
        Files.copy(Path.of(CliTest.SEED), in.resolve(fits));
        Files.copy(Path.of(CliTest.SEED), in.resolve(tooLong));
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.scn("report", in.toString(), "-o", out.toString(), "--lang", "en");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(out.resolve("f".repeat(220) + ".html")));
        assertTrue(Files.isRegularFile(out.resolve("f".repeat(220) + ".trace.txt")));
        List<String> names;
        try (Stream<Path> s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("中")).sorted().toList();
        }
        assertEquals(2, names.size(), names.toString());
        for (String name : names) {
            assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= 255, name);
        }
        Path again = dir.resolve("again");
        assertEquals(0, CliTest.scn("report", in.toString(), "-o", again.toString(), "--lang", "en").code());
        for (String name : names) {
            assertEquals(Files.readString(out.resolve(name)), Files.readString(again.resolve(name)), "same bytes");
        }
    }

    private static Process scnProcess(Path dir, List<String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String e : env) {
            pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        return pb.redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    }

    private static boolean hasHtml(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".html"));
        }
    }
}
