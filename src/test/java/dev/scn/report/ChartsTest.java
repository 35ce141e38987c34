package dev.scn.report;

import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The charts of the seed report: steps at the exact instants, small multiples, nothing drawn
 * without data, legible on a phone, the same bytes every time.
 *
 * <p>The instants, derived by hand (as in dev.scn.run.StepCountsTest and SeedIncidentTest): the
 * link delays 40 ms each way, so the client's SYN (sent at 0) reaches the server at 0.04 s and
 * ipfw installs the dynamic rule then. SYN-ACK back at 0.08 s, the ACK and request at the server
 * at 0.12 s; the 20 kB answer leaves in flights at 0.12, 0.20 and 0.28 s, the last with FIN; the
 * client acks the FIN at 0.32 s and the ack reaches the server at A = 0.36 s: FIN_WAIT_2. Base
 * run: keepalives every 285 s keep both the rule and FIN_WAIT_2 to the end. Fix
 * (dyn_keepalive=0): the rule's last refresh was in second 0 with dyn_ack_lifetime 300, so it is
 * dead at 300 s; FIN_WAIT_2's timer (maxidle 8 x 75 = 600 s) re-arms 75 s at A + 600 (idle exactly
 * 600) and closes at A + 675 = 675.36 s.
 */
class ChartsTest {
    private static final long A = 360_000;
    private static final long SYN_AT_SERVER = 40_000;
    private final Messages en = Messages.load(Lang.EN);
    private final Messages zh = Messages.load(Lang.ZH);

    private static Chart chart(List<Chart> charts, String id) {
        return charts.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static Chart.Group group(Chart chart, String key, String... args) {
        return chart.groups().stream().filter(g -> g.label().key().equals(key) && g.label().args().equals(List.of(args)))
                .findFirst().orElseThrow(() -> new AssertionError(key + " " + List.of(args) + " in " + chart.id()));
    }

    private static List<Chart.Point> steps(long... timeValue) {
        List<Chart.Point> out = new ArrayList<>();
        for (int i = 0; i < timeValue.length; i += 2) {
            out.add(new Chart.Point(timeValue[i], timeValue[i + 1]));
        }
        return out;
    }

    @Test
    @DisplayName("seed: FIN_WAIT_2 steps 0 -> 1 at 0.36 s (and back at 675.36 s in the fix); the rule 0 -> 1 at 0.04 s (0 again at 300 s in the fix)")
    void stepsAtTheExactInstants() {
        Report report = SeedReport.built().report();
        Chart states = chart(report.charts(), "states");
        assertEquals(List.of(steps(0, 0, A, 1)),
                group(states, "series.state", "server", "FIN_WAIT_2").series().stream().map(Chart.Series::points).toList());
        Chart.Group finWait2 = group(chart(report.overlays(), "states-variants"), "series.state", "server", "FIN_WAIT_2");
        assertEquals(steps(0, 0, A, 1), finWait2.series().get(0).points(), "base run");
        assertEquals(steps(0, 0, A, 1, A + 675_000_000, 0), finWait2.series().get(1).points(), "fix");
        Chart.Group live = group(chart(report.overlays(), "dynamic-variants"), "series.dynamic", "server");
        assertEquals(steps(0, 0, SYN_AT_SERVER, 1), live.series().get(0).points(), "base run");
        assertEquals(steps(0, 0, SYN_AT_SERVER, 1, 300_000_000, 0), live.series().get(1).points(), "fix");
        // the instants are written beside the steps, as the narrative gives them
        String fixStates = ChartSvg.render(chart(report.overlays(), "states-variants"), en);
        assertTrue(fixStates.contains(">0.36 s</text>") && fixStates.contains(">675.36 s</text>"), fixStates);
        String fixRules = ChartSvg.render(chart(report.overlays(), "dynamic-variants"), zh);
        assertTrue(fixRules.contains(">0.04秒</text>") && fixRules.contains(">300秒</text>"), fixRules);
    }

    @Test
    @DisplayName("section 8 is small multiples: one strip and one line per run under each heading, none hidden")
    void oneStripPerRun() {
        Report report = SeedReport.built().report();
        for (Chart c : report.overlays()) {
            assertTrue(c.hasData(), c.id());
            int lines = 0;
            for (Chart.Group g : c.groups()) {
                assertEquals(2, g.series().size(), c.id() + " " + g.label());
                assertTrue(g.series().get(0).run().key().equals("series.run.base")
                        && g.series().get(1).run().args().equals(List.of("fix: sysctl net.inet.ip.fw.dyn_keepalive=0")));
                lines += g.series().size();
            }
            String svg = ChartSvg.render(c, en);
            assertEquals(lines, count(svg, "<polyline"), "one line per strip in " + c.id());
        }
    }

    @Test
    @DisplayName("nothing drawn for a quantity that stayed 0: the seed's RSTs are named in a sentence, not drawn")
    void zeroQuantitiesAreNotDrawn() {
        Report report = SeedReport.built().report();
        Chart packets = chart(report.charts(), "packets");
        assertEquals(List.of(new Chart.Label("series.kind.rst", List.of())), packets.zero());
        assertTrue(packets.groups().stream().noneMatch(g -> g.label().key().equals("series.kind.rst")));
        assertFalse(ChartSvg.render(packets, en).contains("RST segments"));
        String page = SeedReportTest.block(SeedReport.html(List.of(Lang.EN)), "en");
        assertTrue(page.contains("Stayed at 0 for the whole run, so not drawn: RST segments."), "the sentence");
    }

    /*
     * Two hosts without ipfw: the dynamic-rule chart has nothing to count and is one sentence;
     * with ipfw loaded but only a stateless rule, the live count stays 0: one sentence naming it.
     */
    @Test
    @DisplayName("a chart whose every line would stay 0 is not drawn: one sentence instead")
    void chartWithOnlyZerosIsNotDrawn() {
        String noIpfw = report("""
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80 http { request 300 response 2k then close }
                }
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                link client server delay 10ms
                at 0s client connect server:80 as c1
                """);
        assertFalse(noIpfw.contains("class=\"chart chart-dynamic\""), "no dynamic-rule chart");
        assertTrue(noIpfw.contains("No host loaded ipfw, so there were no dynamic rules to count."), "its sentence");
        assertTrue(noIpfw.contains("class=\"chart chart-states\""), "the states are drawn");
        String stateless = report("""
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    ipfw add 100 allow tcp from any to any
                    listen 80 http { request 300 response 2k then close }
                }
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                link client server delay 10ms
                at 0s client connect server:80 as c1
                """);
        assertFalse(stateless.contains("class=\"chart chart-dynamic\""), "no dynamic-rule chart");
        assertTrue(stateless.contains("Stayed at 0 for the whole run, so not drawn: server: live dynamic rules (ipfw -d show)."),
                "the sentence naming it");
    }

    private static String report(String body) {
        ParseResult parsed = ScenarioParser.parse("scenario z {\n seed 1\n run 1h\n" + body + "\n}\n", "z.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        Scenario scenario = parsed.scenarios().get(0);
        List<RunResult> runs = new ScenarioRunner(scenario, ScenarioRunner.RunOptions.forReport(scenario,
                ScenarioRunner.DEFAULT_MAX_EVENTS)).runAll(List.of(ScenarioRunner.BASE));
        Report report = ReportBuilder.build(scenario, "z.scn", "0".repeat(64), "z", runs).report();
        return SeedReportTest.block(new ReportRenderer().report(report, List.of(Lang.EN)), "en");
    }

    @Test
    @DisplayName("the time axis is labelled at both ends, 0 and the run's end with its unit, in both languages")
    void axisLabelledAtBothEnds() {
        Chart states = chart(SeedReport.built().report().charts(), "states");
        String svgEn = ChartSvg.render(states, en);
        String svgZh = ChartSvg.render(states, zh);
        assertTrue(svgEn.contains("class=\"c-t\">0</text>") && svgEn.contains("class=\"c-t\">2 d</text>"), svgEn);
        assertTrue(svgZh.contains("class=\"c-t\">0</text>") && svgZh.contains("class=\"c-t\">2天</text>"), svgZh);
        assertTrue(svgEn.contains("time since the start (logarithmic up to 2 h, linear after)"), svgEn);
        // the y scale of each strip: 0 and its top
        assertTrue(svgEn.contains("text-anchor=\"end\" class=\"c-t\">1</text>"), svgEn);
    }

    @Test
    @DisplayName("legible on a 390 px phone: the SVG scales to its container and no text is under 9 px there")
    void legibleOnAPhone() {
        // 390 px wide, 1.5rem (24 px) of padding each side: 342 px for the chart
        double scale = 342.0 / ChartSvg.WIDTH;
        for (Chart c : SeedReport.built().report().charts()) {
            String svg = ChartSvg.render(c, zh);
            Matcher root = Pattern.compile("<svg [^>]*>").matcher(svg);
            assertTrue(root.find());
            assertTrue(root.group().contains("viewBox=\"0 0 " + ChartSvg.WIDTH + " ") && root.group().contains("width=\"100%\""),
                    root.group());
            Matcher size = Pattern.compile("font-size:([0-9.]+)px").matcher(svg);
            int sizes = 0;
            while (size.find()) {
                double px = Double.parseDouble(size.group(1)) * scale;
                assertTrue(px >= 9, c.id() + ": " + size.group() + " is " + px + " px on a phone");
                sizes++;
            }
            assertTrue(sizes >= 5, "the chart sets its own sizes: " + sizes);
            assertFalse(svg.contains("font-size=\""), "no size attribute the page's rules would override");
        }
    }

    @Test
    @DisplayName("the same scenario gives the same chart bytes, run after run")
    void sameBytes() {
        Report first = SeedReport.build(SeedReport.FILE).report();
        Report second = SeedReport.build(SeedReport.FILE).report();
        for (Lang lang : Lang.values()) {
            Messages m = Messages.load(lang);
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            first.charts().forEach(c -> a.add(ChartSvg.render(c, m)));
            first.overlays().forEach(c -> a.add(ChartSvg.render(c, m)));
            second.charts().forEach(c -> b.add(ChartSvg.render(c, m)));
            second.overlays().forEach(c -> b.add(ChartSvg.render(c, m)));
            assertEquals(a, b, lang.code());
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
