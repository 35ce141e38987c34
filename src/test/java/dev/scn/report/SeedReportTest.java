package dev.scn.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed scenario's report holds what issue 4's acceptance list asks for, in both languages. */
class SeedReportTest {
    private static final List<String> SECTIONS = List.of("summary", "story", "expectations", "charts", "sequence",
            "snapshots", "configuration", "variants", "trace", "glossary");

    static String block(String html, String lang) {
        int start = html.indexOf("<div class=\"lang-block\" lang=\"" + lang + "\"");
        assertTrue(start >= 0, "no " + lang + " block");
        int end = html.indexOf("<div class=\"lang-block\"", start + 10);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    @DisplayName("verdict, narrative with dyn_keepalive, dyn_ack_lifetime and the real cycle count, in both languages")
    void verdictAndNarrative() {
        String html = SeedReport.html(Lang.parseSelection("both"));
        Report report = SeedReport.built().report();
        long rounds = report.runs().get(0).keepalives() / 2;
        assertEquals(606, rounds, "ipfw keepalive rounds over 2 days, one every 285 s from 281 s");
        String en = block(html, "en");
        String zh = block(html, "zh-CN");
        assertTrue(en.contains("Verdict: every expectation held, in every run."), en);
        assertTrue(zh.contains("结论：所有运行中的全部预期均成立。"), zh);
        String enStory = section(en, "story");
        assertTrue(enStory.contains("net.inet.ip.fw.dyn_keepalive = 1"), enStory);
        assertTrue(enStory.contains(rounds + " rounds (" + 2 * rounds + " probes in all)"), enStory);
        assertTrue(enStory.contains("back to 300 s (net.inet.ip.fw.dyn_ack_lifetime)"), enStory);
        // the fix variant's own run, not a re-derivation: closed at A + 600 + 75 = 675.36 s
        assertTrue(enStory.contains("Variant &quot;fix: sysctl net.inet.ip.fw.dyn_keepalive=0&quot;:"), enStory);
        assertTrue(enStory.contains("closed it at 675.36 s"), enStory);
        String zhStory = section(zh, "story");
        assertTrue(zhStory.contains("共 " + rounds + " 轮"), zhStory);
        assertTrue(zhStory.contains("dyn_ack_lifetime") && zhStory.contains("net.inet.ip.fw.dyn_keepalive"), zhStory);
        assertTrue(zhStory.contains("675.36 秒"), zhStory);
    }

    @Test
    @DisplayName("ten sections in report.md's order, in each language")
    void sectionsInOrder() {
        String html = SeedReport.html(Lang.parseSelection("both"));
        for (String lang : List.of("zh", "en")) {
            int at = -1;
            for (String s : SECTIONS) {
                int next = html.indexOf("<section id=\"" + lang + "-" + s + "\"");
                assertTrue(next > at, lang + "-" + s + " out of order or missing");
                at = next;
            }
        }
    }

    @Test
    @DisplayName("charts with data, sequence diagram with a folded keepalive cycle, snapshots, the fix in the comparison")
    void contentOfTheSections() {
        Report report = SeedReport.built().report();
        assertTrue(report.charts().stream().filter(Chart::hasData).count() >= 2, "charts with data");
        assertEquals(2, report.sequences().size(), "one diagram per run: the base and the fix");
        assertTrue(report.sequences().get(0).base() && report.sequences().get(0).diagram().hasFold());
        String en = block(SeedReport.html(List.of(Lang.EN)), "en");
        Matcher charts = Pattern.compile("<svg[^>]*class=\"chart chart-[^\"]*\".*?</svg>", Pattern.DOTALL).matcher(en);
        int withLines = 0;
        while (charts.find()) {
            if (charts.group().contains("<polyline")) {
                withLines++;
            }
        }
        assertTrue(withLines >= 2, "SVG charts with lines: " + withLines);
        assertTrue(en.contains("× 606, every ≈ 285 s"), "folded keepalive cycle");
        // Both 5.4 ends negotiate timestamps: 1448-byte segments, 14 x 1448 = 20272, so the last
        // one (with the FIN) carries 20480 - 20272 = 208 bytes from relative seq 20273 to 20481.
        assertTrue(en.contains("[FP.] seq 20273:20481 ack 301"), "tcpdump-style label of Apache's FIN");
        assertTrue(en.contains("FIN_WAIT_1 → FIN_WAIT_2"), "state change on the TCP lane");
        assertTrue(Pattern.compile("netstat -an -p tcp</code></h3>\\s*<pre>[^<]*FIN_WAIT_2").matcher(en).find(),
                "netstat snapshot with FIN_WAIT_2");
        assertTrue(Pattern.compile("ipfw -d show</code></h3>\\s*<pre>[^<]*## Dynamic rules \\(1\\):").matcher(en).find(),
                "ipfw -d show snapshot");
        int variants = en.indexOf("<table class=\"variants\">");
        String table = en.substring(variants, en.indexOf("</table>", variants));
        // the key figures: c1 on server ends in FIN_WAIT_2 (since A = 0.36 s) in the base run and
        // CLOSED at A + 600 + 75 = 675.36 s with the fix; 1212 keepalives (606 rounds) against 0
        int key = en.indexOf("<table class=\"key-figures\">");
        String figures = en.substring(key, en.indexOf("</table>", key));
        assertTrue(figures.contains("<code>FIN_WAIT_2 @ 0.36 s</code></td><td><code>CLOSED @ 675.36 s</code>"), figures);
        assertTrue(figures.contains("<code>1212</code></td><td><code>0</code>"), figures);
        assertTrue(table.contains("<code>fix: sysctl net.inet.ip.fw.dyn_keepalive=0</code>"), table);
        assertTrue(table.contains("server: sysctl net.inet.ip.fw.dyn_keepalive=0 (1)"), table);
        assertTrue(en.contains("class=\"chart chart-states-variants\""), "overlaid variant chart");
        assertTrue(en.contains("<pre>00100 check-state\n00200 allow tcp from any to me dst-port 80 setup keep-state"),
                "ipfw list of the server");
    }

    @Test
    @DisplayName("the long packet trace is folded in the page and written whole to the sidecar")
    void traceFoldedWithSidecar() {
        ReportBuilder.Built built = SeedReport.built();
        Report.Trace trace = built.report().trace();
        assertEquals("finwait2-ipfw-keepalive.trace.txt", trace.sidecar());
        assertEquals(ReportBuilder.TRACE_HEAD, trace.head().size());
        assertTrue(trace.omitted() > 1000, "omitted " + trace.omitted());
        assertTrue(built.sidecarText().lines().count() > trace.total(), "sidecar has every run");
        assertTrue(SeedReport.html(List.of(Lang.ZH)).contains("<a href=\"finwait2-ipfw-keepalive.trace.txt\">"));
    }

    @Test
    @DisplayName("the zh page has no English sentence: no three English words in a row outside code, pre and SVG")
    void chineseBlockHasNoEnglishSentence() {
        String zh = block(SeedReport.html(Lang.parseSelection("both")), "zh-CN");
        List<String> runs = englishRuns(zh);
        assertTrue(runs.isEmpty(), "English in the zh block: " + runs);
        String en = block(SeedReport.html(Lang.parseSelection("both")), "en");
        assertTrue(!englishRuns(en).isEmpty(), "the check finds English where there is some");
    }

    /** Technical words a Chinese text keeps in Latin letters. */
    private static final Set<String> TOKENS = Set.of("ipfw", "netstat", "sysctl", "tcpdump", "maxidle", "keepcnt",
            "keepintvl", "keep", "state", "check", "tcp", "freebsd", "dyn", "count", "list", "show", "d", "an", "p",
            "s", "x", "base");

    static List<String> englishRuns(String block) {
        String text = block.replaceAll("(?s)<(pre|code|svg|script|style)\\b.*?</\\1>", " ")
                .replaceAll("(?s)<span lang=\"en\">.*?</span>", " ")
                .replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        List<String> found = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String token : text.split("[\\s\\p{IsHan}，。：；、（）]+")) {
            String word = token.replaceAll("^[(\\[\"']+|[)\\],.;:!?\"']+$", "");
            boolean english = word.matches("[A-Za-z]+") && !TOKENS.contains(word.toLowerCase(java.util.Locale.ROOT))
                    && !word.equals(word.toUpperCase(java.util.Locale.ROOT));
            if (english) {
                run.add(word);
            } else {
                if (run.size() >= 3) {
                    found.add(String.join(" ", run));
                }
                run.clear();
            }
        }
        if (run.size() >= 3) {
            found.add(String.join(" ", run));
        }
        return found;
    }

    private static String section(String html, String id) {
        int start = html.indexOf("-" + id + "\">");
        assertTrue(start >= 0, "no section " + id);
        return html.substring(start, html.indexOf("</section>", start));
    }

}
