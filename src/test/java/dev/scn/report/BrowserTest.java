package dev.scn.report;

import dev.scn.cli.Main;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports of every quick scenario in scenarios/ (ScenarioFolder) in a real browser (Debian's headless chromium), as
 * readers meet them: on a 390 px phone in Chinese and in English, on a desktop, and printed on A4.
 * No console errors anywhere; a screenshot of the seed report is kept as target/seed-report.png.
 * Skipped, saying so, only where there is no browser (or no pdftotext, for the print test) and CI
 * is not set.
 *
 * <p>The pages measure themselves: with {@code #selftest} in the URL their inline script writes what
 * it found (SVG sizes, the languages shown, the page's scroll width against its viewport, elements
 * sticking out, whether the switch works) into {@code data-selftest} and, inside a frame, posts it to
 * the parent. A headless window is never narrower than 500 px, so the 390 px views are frames of a
 * page the test writes, and one browser run measures all of them.
 */
class BrowserTest {
    private static final Path DIR = Path.of("target/browser-reports");
    private static final String SEED = "finwait2-ipfw-keepalive.html";
    private static final int PHONE = 390;
    private static final int DESKTOP = 1000;

    private static HeadlessChromium browser;
    /** Every page written: the reports and index.html. */
    private static List<String> pages;
    /** One view of a page in a frame: page, language (null: both), frame width. */
    record View(String page, String lang, int width) {
    }
    private static final List<View> views = new ArrayList<>();
    /** What each view's self-test found, by view. */
    private static final Map<View, String> selftests = new LinkedHashMap<>();
    private static HeadlessChromium.Run framesRun;

    @BeforeAll
    static void setUp() throws Exception {
        browser = HeadlessChromium.require();
        deleteTree(DIR);
        StringWriter out = new StringWriter();
        // The quick scenarios: the five-day one is reported from its first minutes by LongScenariosTest.
        Path scenarios = Path.of("target/browser-scenarios");
        deleteTree(scenarios);
        dev.scn.cli.ScenarioFolder.quickCopy(scenarios);
        int code = Main.run(new String[] {"report", scenarios.toString(), "-o", DIR.toString()}, new PrintWriter(out),
                new PrintWriter(out));
        assertTrue(code == 0 || code == 1, "every scenario was reported (an expectation may fail): " + out);
        try (Stream<Path> files = Files.list(DIR)) {
            pages = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted().toList();
        }
        assertTrue(pages.contains(SEED) && pages.contains("index.html") && pages.size() >= 7, pages.toString());
        for (String page : pages) {
            views.add(new View(page, "zh", PHONE));
            views.add(new View(page, "en", PHONE));
        }
        views.add(new View(SEED, "zh", DESKTOP));
        views.add(new View(SEED, "en", DESKTOP));
        views.add(new View(SEED, null, DESKTOP));
        measureInFrames();
    }

    /** Writes a page with one frame per view, opens it once and collects what every frame posted. */
    private static void measureInFrames() throws Exception {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>frames</title>
                <script>addEventListener("message", function (e) {
                  var p = document.createElement("p"); p.className = "result"; p.textContent = String(e.data);
                  document.documentElement.appendChild(p);
                });</script></head><body>
                """);
        for (int i = 0; i < views.size(); i++) {
            View v = views.get(i);
            String hash = (v.lang() == null ? "#" : "#lang=" + v.lang() + "&") + "selftest&frame=" + i;
            html.append("<iframe src=\"").append(v.page()).append(hash.replace("&", "&amp;")).append("\" style=\"width:")
                    .append(v.width()).append("px;height:700px;border:0;display:block\"></iframe>\n");
        }
        html.append("</body></html>\n");
        Path frames = DIR.resolve("_frames.html");
        Files.writeString(frames, html, StandardCharsets.UTF_8);
        framesRun = browser.open(frames.toAbsolutePath().toUri().toString(), "--dump-dom", "--window-size=1100,800");
        Matcher m = Pattern.compile("<p class=\"result\">selftest \\S*?frame=(\\d+) ([^<]*)</p>").matcher(framesRun.dom());
        while (m.find()) {
            selftests.put(views.get(Integer.parseInt(m.group(1))), m.group(2).replace("&amp;", "&"));
        }
    }

    private static String selftest(View view) {
        String result = selftests.get(view);
        assertTrue(result != null, "the self-test of " + view + " reported: " + framesRun.log());
        return result;
    }

    private static String field(String selftest, String name) {
        Matcher m = Pattern.compile("(?:^|;)" + name + "=([^;]*)").matcher(selftest);
        assertTrue(m.find(), name + " in " + selftest);
        return m.group(1);
    }

    @Test
    @DisplayName("#lang=zh shows only Chinese, #lang=en only English, no hash both; the switch works; SVGs have a size")
    void languageSwitchAndSvgSizes() {
        HeadlessChromium.noConsoleErrors(framesRun, "the pages in frames");
        for (String lang : List.of("zh", "en")) {
            String result = selftest(new View(SEED, lang, DESKTOP));
            assertEquals(lang, field(result, "visible"), result);
            assertTrue(Integer.parseInt(field(result, "shown")) >= 4, "the charts and the diagram: " + result);
            assertFalse(result.matches(".*sizes=[^;]*\\b0x.*"), result);
            assertEquals("true", field(result, "switched"), "a click on the other language shows it and sets #lang=: " + result);
        }
        assertEquals("zh,en", field(selftest(new View(SEED, null, DESKTOP)), "visible"));
    }

    @Test
    @DisplayName("at 390 px, in zh and in en, no page scrolls sideways: only tables, pre and the diagram scroll in their boxes")
    void noPageScrollsSidewaysOnAPhone() {
        HeadlessChromium.noConsoleErrors(framesRun, "the pages in frames");
        List<String> failures = new ArrayList<>();
        for (View view : views) {
            if (view.width() != PHONE) {
                continue;
            }
            String result = selftest(view);
            assertEquals(String.valueOf(PHONE), field(result, "clientWidth"), "the frame is the viewport: " + result);
            assertEquals(view.lang(), field(result, "visible"), view + ": " + result);
            assertEquals("true", field(result, "switched"), view + ": " + result);
            int scrollWidth = Integer.parseInt(field(result, "scrollWidth"));
            if (scrollWidth > PHONE || !field(result, "wide").isEmpty()) {
                failures.add(view.page() + " #lang=" + view.lang() + ": the page is " + scrollWidth
                        + " px wide; sticking out: " + field(result, "wide"));
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * Each report printed to PDF on A4 (the page's own {@code @page}) with {@code #printmarks}: its
     * script opens every h2 and h3 with "[[h " and what follows each with "h]]", so the PDF's text
     * shows where headings fell without guessing them from font sizes. pdftotext gives each page's
     * lines with their positions; {@link PdfPages#headingProblems()} says what fails and why.
     */
    @Test
    @DisplayName("printed on A4: no heading ends a page without its text, none leaves a page half blank; no console errors")
    void printsOnA4KeepingHeadingsWithTheirText() throws Exception {
        Path pdftotext = HeadlessChromium.requireTool("poppler-utils", "pdftotext");
        Path pdfDir = Files.createDirectories(DIR.resolve("pdf"));
        List<String> reports = pages.stream().filter(p -> !p.equals("index.html")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<String, Future<HeadlessChromium.Run>> printed = new LinkedHashMap<>();
        try {
            for (String report : reports) {
                Path pdf = pdfDir.resolve(report.replace(".html", ".pdf")).toAbsolutePath();
                printed.put(report, pool.submit(() -> browser.open(
                        DIR.resolve(report).toAbsolutePath().toUri() + "#printmarks", "--no-pdf-header-footer",
                        "--print-to-pdf=" + pdf)));
            }
            List<String> failures = new ArrayList<>();
            for (String report : reports) {
                HeadlessChromium.noConsoleErrors(printed.get(report).get(), report + " in print");
                PdfPages pdf = PdfPages.read(pdftotext, pdfDir.resolve(report.replace(".html", ".pdf")));
                assertTrue(pdf.pages().size() >= 2, report + ": " + pdf.pages().size() + " page(s)");
                assertTrue(pdf.pages().stream().anyMatch(p -> p.text().contains(PdfPages.HEADING)),
                        report + ": the headings were marked");
                for (PdfPages.Page page : pdf.pages()) {
                    assertTrue(Math.abs(page.width() - 595.3) < 2 && Math.abs(page.height() - 841.9) < 2,
                            report + ": A4 pages, not " + page.width() + " x " + page.height() + " pt");
                }
                pdf.headingProblems().forEach(problem -> failures.add(report + ": " + problem));
            }
            assertEquals(List.of(), failures);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a screenshot of the seed report is saved under target/")
    void screenshot() throws Exception {
        Path png = Path.of("target/seed-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        HeadlessChromium.Run run = browser.open(DIR.resolve(SEED).toAbsolutePath().toUri() + "#lang=en",
                "--screenshot=" + png);
        HeadlessChromium.noConsoleErrors(run, SEED);
        assertTrue(Files.exists(png) && Files.size(png) > 20_000, "screenshot written: " + run.log());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
