package dev.scn.report;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless chromium (and poppler's pdftotext) for the browser tests. A tool that is
 * missing skips the tests, saying so, unless CI is set: there .ci/run installs it and its absence
 * is a failure.
 */
final class HeadlessChromium {
    private final Path chromium;

    /** What one headless run printed: the DOM or nothing (stdout) and the browser's log (stderr). */
    record Run(String dom, String log) {
    }

    private HeadlessChromium(Path chromium) {
        this.chromium = chromium;
    }

    /** The browser, or the test is skipped (failed under CI). */
    static HeadlessChromium require() {
        return new HeadlessChromium(requireTool("chromium", "chromium", "chromium-browser"));
    }

    /** A command-line tool on PATH, or the test is skipped (failed under CI). */
    static Path requireTool(String aptPackage, String... names) {
        Path found = onPath(names);
        if (found == null) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail("CI is set but " + names[0] + " is not installed: .ci/run installs Debian's " + aptPackage);
            }
            System.err.println("browser test SKIPPED: no " + names[0] + " on this machine (apt-get install -y " + aptPackage + ")");
            Assumptions.abort("no " + names[0] + " on this machine (apt-get install -y " + aptPackage + ")");
        }
        return found;
    }

    private static Path onPath(String... names) {
        for (String name : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Opens a URL with the given extra switches (--dump-dom, --screenshot=…, --print-to-pdf=…). */
    Run open(String url, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("scn-chromium-");
        try {
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                    "--virtual-time-budget=3000", "--window-size=1000,3000", "--hide-scrollbars"));
            command.addAll(List.of(extra));
            command.add(url);
            return run(command, profile.resolve("out.txt"), profile.resolve("err.txt"));
        } finally {
            delete(profile);
        }
    }

    /** Runs a command to its end (at most 90 s), its output and errors read as UTF-8. */
    static Run run(List<String> command, Path stdout, Path stderr) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(0) + " did not finish in 90 s");
        }
        return new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** The browser logs every console message and uncaught exception of every frame to stderr. */
    static void noConsoleErrors(Run run, String what) {
        for (String line : run.log().lines().toList()) {
            assertFalse(line.contains("Uncaught") || line.contains("CONSOLE"), what + ": console output: " + line);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
