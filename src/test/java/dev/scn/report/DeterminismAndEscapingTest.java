package dev.scn.report;

import dev.scn.cli.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same input, same bytes; user text is text everywhere (HTML, SVG text and attributes, the index). */
class DeterminismAndEscapingTest {
    static final Path EVIL = Path.of("src/test/resources/report/evil.scn");

    record Outcome(int code, String out, String err) {
    }

    static Outcome scn(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("rendering the seed scenario twice, runs included, yields identical bytes")
    void sameInputSameBytes() {
        ReportRenderer renderer = new ReportRenderer();
        List<Lang> both = Lang.parseSelection("both");
        byte[] first = renderer.report(SeedReport.built().report(), both).getBytes(StandardCharsets.UTF_8);
        byte[] second = renderer.report(SeedReport.build(SeedReport.FILE).report(), both).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(first, second);
        assertFalse(new String(first, StandardCharsets.UTF_8).matches("(?s).*20\\d\\d-\\d\\d-\\d\\dT.*"), "no timestamp");
    }

    @Test
    @DisplayName("<script>, quotes and & in titles, summaries and variant names render as text, in the page and the index")
    void userTextIsEscaped(@TempDir Path dir) throws Exception {
        Outcome o = scn("report", EVIL.toString(), "-o", dir.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        String page = Files.readString(dir.resolve("evil.html"), StandardCharsets.UTF_8);
        String index = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        for (String html : List.of(page, index)) {
            assertFalse(html.contains("<script>alert"), "raw script tag");
            assertFalse(html.contains("<img"), "raw img tag");
            assertEquals(1, html.split("<script>", -1).length - 1, "only the page's own script");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &amp; &#39;single&#39;"),
                    "title as text");
        }
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"), "summary as text");
        // the variant's name: in tables (HTML) and in the overlay legends and aria-labels (SVG)
        String variant = "&lt;script&gt;alert(2)&lt;/script&gt; &quot;v&quot; &amp; &#39;w&#39;";
        assertTrue(page.contains("<code>" + variant + "</code>"), "variant name in HTML");
        assertTrue(page.matches("(?s).*<svg[^>]*class=\"chart chart-states-variants\".*" + java.util.regex.Pattern.quote(variant)
                + ".*</svg>.*"), "variant name in SVG text");
        assertTrue(page.contains("web-1") && page.contains("user_2"), "host names");
    }

    @Test
    @DisplayName("a folder with a broken file: reports for the rest, the broken one in the index and on stderr, exit 2")
    void batchGoesOnPastBrokenFiles(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        Files.copy(Path.of("src/test/resources/report/broken.scn"), in.resolve("a-broken.scn"));
        Files.copy(Path.of("src/test/resources/cli/false-expectation.scn"), in.resolve("sub/false-expectation.scn"));
        Path outDir = dir.resolve("out");
        Outcome o = scn("report", in.toString(), "-o", outDir.toString(), "--lang", "en");
        assertEquals(2, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("a-broken.scn:4:") && o.err().contains("error[E"), o.err());
        String index = Files.readString(outDir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("Files that could not be used") && index.contains("a-broken.scn"), index);
        assertTrue(index.contains("href=\"false-expectation.html\""), index);
        assertTrue(index.contains("<html lang=\"en\">"), "lang attribute of an en-only page");
        assertTrue(Files.exists(outDir.resolve("false-expectation.html")));
        Outcome failed = scn("report", "src/test/resources/cli/false-expectation.scn", "-o", outDir.toString(),
                "--lang", "zh");
        assertEquals(1, failed.code(), failed.out() + failed.err());
        String zh = Files.readString(outDir.resolve("false-expectation.html"), StandardCharsets.UTF_8);
        assertTrue(zh.contains("<html lang=\"zh-CN\">") && zh.contains("结论：有预期未成立。"), "zh verdict");
        assertFalse(zh.contains("lang-block\" lang=\"en\""), "a zh-only page has no English block");
    }
}
