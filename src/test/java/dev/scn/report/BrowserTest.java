package dev.scn.report;

import dev.scn.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seed report in a real browser (Debian's headless chromium): no console errors, the language
 * switch shows only the chosen language, every visible SVG has a size, and a screenshot is kept as
 * target/seed-report.png. Skipped, saying so, only where there is no browser and CI is not set.
 */
class BrowserTest {
    private static Path chromium;
    private static Path page;

    @BeforeAll
    static void setUp() throws IOException {
        chromium = findChromium();
        if (chromium == null) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty()) {
                fail("CI is set but chromium is not installed: .ci/run installs Debian's chromium");
            }
            System.err.println("BrowserTest SKIPPED: no chromium on this machine (apt-get install -y chromium)");
            Assumptions.abort("no chromium on this machine (apt-get install -y chromium)");
        }
        Path dir = Path.of("target/browser-report");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"report", SeedReport.FILE.toString(), "-o", dir.toString()},
                new PrintWriter(out), new PrintWriter(out));
        assertEquals(0, code, out.toString());
        page = dir.resolve("finwait2-ipfw-keepalive.html").toAbsolutePath();
    }

    private static Path findChromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** What one headless run printed: the DOM (stdout) and the browser's log (stderr). */
    record Run(String dom, String log) {
    }

    private static Run chromium(String hash, String... extra) throws Exception {
        Path profile = Files.createTempDirectory("scn-chromium-");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
                "--window-size=1000,3000", "--hide-scrollbars"));
        command.addAll(List.of(extra));
        command.add(page.toUri() + hash);
        Path stdout = Files.createTempFile("scn-chromium-", ".out");
        Path stderr = Files.createTempFile("scn-chromium-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s");
        }
        return new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static String selftest(Run run) {
        Matcher m = Pattern.compile("data-selftest=\"([^\"]*)\"").matcher(run.dom());
        assertTrue(m.find(), "the page's self-test ran: " + run.log());
        return m.group(1);
    }

    private static void noConsoleErrors(Run run) {
        for (String line : run.log().lines().toList()) {
            assertFalse(line.contains("Uncaught") || line.contains("CONSOLE"), "console output: " + line);
        }
    }

    @Test
    @DisplayName("#lang=zh shows only Chinese, #lang=en only English, no hash both; SVGs have a size; no console error")
    void languageSwitchAndSvgSizes() throws Exception {
        for (String lang : List.of("zh", "en")) {
            Run run = chromium("#lang=" + lang + "&selftest", "--dump-dom");
            noConsoleErrors(run);
            String result = selftest(run);
            assertTrue(result.contains("visible=" + lang + ";") || result.endsWith("visible=" + lang), result);
            Matcher shown = Pattern.compile("shown=(\\d+)").matcher(result);
            assertTrue(shown.find());
            assertTrue(Integer.parseInt(shown.group(1)) >= 7, "3 charts, the diagram, 3 variant charts: " + result);
            assertFalse(result.matches(".*sizes=[^;]*\\b0x.*"), result);
        }
        Run both = chromium("#selftest", "--dump-dom");
        noConsoleErrors(both);
        assertTrue(selftest(both).endsWith("visible=zh,en"), selftest(both));
    }

    @Test
    @DisplayName("a screenshot of the seed report is saved under target/")
    void screenshot() throws Exception {
        Path png = Path.of("target/seed-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Run run = chromium("#lang=en", "--screenshot=" + png);
        noConsoleErrors(run);
        assertTrue(Files.exists(png) && Files.size(png) > 20_000, "screenshot written: " + run.log());
    }
}
