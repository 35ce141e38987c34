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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a published page tells about where it came from, and how pages link: the human title in
 * {@code <title>}, paths relative to the report folder (never the machine's absolute paths), index
 * links percent-encoded and carrying the language of the table they are in.
 */
class PublishedPagesTest {

    @Test
    @DisplayName("a file name is percent-encoded as an RFC 3986 path segment, ':' included")
    void hrefEncodesFileNames() {
        assertEquals("finwait2-ipfw-keepalive.html", Index.href("finwait2-ipfw-keepalive.html"));
        assertEquals("a%20b%231%3Fc%25.html", Index.href("a b#1?c%.html"));
        assertEquals("%E6%8A%A5%E5%91%8A.html", Index.href("报告.html"));
        assertEquals("a%3Ab.html", Index.href("a:b.html"), "not a URL with scheme 'a'");
        assertEquals("x_y.~!$&'()*+,;=@z.html", Index.href("x_y.~!$&'()*+,;=@z.html"));
        assertEquals("%5Cq%22%3C%3E.html", Index.href("\\q\"<>.html"));
    }

    @Test
    @DisplayName("<title> is the human title, zh — en; the id only when the scenario has no title")
    void titleIsTheHumanTitle() {
        assertEquals("标题 — Title", ReportRenderer.pageTitle(List.of("标题", "Title"), "id"));
        assertEquals("Same", ReportRenderer.pageTitle(List.of("Same", "Same"), "id"), "an untranslated title once");
        assertEquals("two lines", ReportRenderer.pageTitle(List.of("two\n   lines"), "id"));
        assertEquals("id", ReportRenderer.pageTitle(List.of("", ""), "id"));
    }

    @Test
    @DisplayName("scn report with absolute paths: pages show paths relative to the report folder, links are encoded and keep the language")
    void pagesForPublishing(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of("scenarios/client-rst-ends-it.scn"), in.resolve("报告 #1.scn"));
        Files.copy(Path.of("src/test/resources/report/broken.scn"), in.resolve("broken.scn"));
        Path out = dir.resolve("out");
        StringWriter log = new StringWriter();
        int code = Main.run(new String[] {"report", in.toAbsolutePath().toString(), "-o", out.toAbsolutePath().toString()},
                new PrintWriter(log), new PrintWriter(log));
        assertEquals(2, code, "the broken file: " + log);
        String page = Files.readString(out.resolve("报告 #1.html"), StandardCharsets.UTF_8);
        String index = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);

        for (String html : List.of(page, index)) {
            assertFalse(html.contains(dir.toAbsolutePath().toString()), "no absolute path in a published page");
            assertFalse(html.contains(dir.toRealPath().toString()), "no absolute path in a published page");
        }
        assertTrue(page.contains("<code>../in/报告 #1.scn</code>"), "the file fact, relative to the report folder");
        assertTrue(index.contains("<code>../in/报告 #1.scn</code>") && index.contains("<code>../in/broken.scn</code>"),
                "index files, relative");
        assertTrue(index.contains("../in/broken.scn:4:"), "the broken file's error, relative");

        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(page);
        assertTrue(title.find());
        assertEquals("客户端回 RST 就结束了 keepalive 循环 — A client that answers with RST ends the keepalive loop",
                title.group(1));
        assertTrue(index.contains("<title>场景报告 — Scenario reports</title>"), "index title");

        String href = Index.href("报告 #1.html");
        assertEquals("%E6%8A%A5%E5%91%8A%20%231.html", href);
        assertTrue(index.contains("href=\"" + href + "#lang=zh\"") && index.contains("href=\"" + href + "#lang=en\""),
                "each language's table links to the report in that language");
    }
}
