package dev.scn.lang;

import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;
import dev.scn.model.Variant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The complete example of language.md, the incident that started the project, as a model. */
class ExampleScenarioTest {
    private static final long S = 1_000_000L;
    private static Scenario scenario;
    private static String file;

    @BeforeAll
    static void parse() throws URISyntaxException {
        Path path = Path.of(Objects.requireNonNull(
                ExampleScenarioTest.class.getResource("/scenarios/finwait2-ipfw-keepalive.scn")).toURI());
        ParseResult result = ScenarioParser.parse(path);
        assertEquals(List.of(), result.diagnostics().sorted());
        assertEquals(1, result.scenarios().size());
        scenario = result.scenario();
        file = path.toString();
    }

    @Test
    void header() {
        assertEquals("finwait2-ipfw-keepalive", scenario.name());
        assertEquals(new Span(file, 2, 10, 23), scenario.span());
        assertEquals("Dead FIN_WAIT_2 connections kept alive by ipfw dynamic rules", scenario.title().en());
        assertEquals("ipfw 动态规则让死掉的 FIN_WAIT_2 连接一直不消失", scenario.title().zh());
        assertEquals("Apache closes actively; the client vanishes without a FIN. ipfw's keepalives\n"
                + "refresh the keep-state rule and the server's idle timer, forever.", scenario.summary().en());
        assertTrue(scenario.summary().zh().startsWith("Apache 主动关闭连接"));
        assertTrue(scenario.summary().zh().contains("不断刷新动态规则和服务器的空闲计时器"), "the line break between CJK characters vanished");
        assertTrue(scenario.note().isEmpty());
        assertEquals(2005, scenario.seed());
        assertEquals(2 * 86_400 * S, scenario.runMicros());
    }

    @Test
    void server() {
        HostDecl server = scenario.hosts().get(0);
        assertEquals("server", server.name());
        assertEquals(new Span(file, 12, 10, 6), server.span());
        assertEquals("5.4", server.osVersion());
        assertEquals(List.of(new HostDecl.Address("192.0.2.10", new Span(file, 14, 12, 10))), server.addresses());
        assertEquals("em0", server.interfaceName());
        assertEquals(List.of(new HostDecl.SysctlLine("net.inet.ip.fw.dyn_keepalive", 1,
                new Span(file, 15, 16, 28), new Span(file, 15, 45, 1))), server.sysctls());
        assertEquals(3, server.ipfw().size());
        assertEquals(List.of("add", "100", "check-state"), server.ipfw().get(0).words());
        HostDecl.IpfwLine rule200 = server.ipfw().get(1);
        assertEquals(List.of("add", "200", "allow", "tcp", "from", "any", "to", "me", "80", "setup", "keep-state"),
                rule200.words());
        assertEquals(new Span(file, 17, 14, 3), rule200.wordSpans().get(0));
        assertEquals(new Span(file, 17, 56, 10), rule200.wordSpans().get(10));
        assertEquals(new Span(file, 17, 9, 57), rule200.span());
        assertEquals("add 65000 deny ip from any to any", server.ipfw().get(2).text());
        assertEquals(HostDecl.Stray.RST, server.stray());
        HostDecl.Listen listen = server.listens().get(0);
        assertEquals(80, listen.port());
        assertEquals(new HostDecl.HttpApp(300, 20 * 1024, HostDecl.HttpApp.Ending.CLOSE, 0), listen.app());
        assertEquals(new Span(file, 19, 9, 54), listen.span());
    }

    @Test
    void clientAndLink() {
        HostDecl client = scenario.hosts().get(1);
        assertEquals("client", client.name());
        assertEquals("198.51.100.7", client.addresses().get(0).dotted());
        assertEquals(HostDecl.Stray.DROP, client.stray());
        assertEquals(List.of(), client.ipfw());
        LinkDecl link = scenario.links().get(0);
        assertEquals("client", link.a());
        assertEquals("server", link.b());
        assertEquals(40_000, link.delayMicros());
        assertEquals(0, link.jitterMicros());
        assertEquals(1500, link.mtu());
        assertEquals(new Span(file, 28, 5, 29), link.span());
        assertEquals(new Span(file, 28, 17, 6), link.bSpan());
    }

    @Test
    void timeline() {
        List<TimelineEntry> t = scenario.timeline();
        assertEquals(6, t.size());
        assertEquals(new Timing.At(0), t.get(0).timing());
        assertEquals(new Action.Connect("client", "server", 80, "c1", new Span(file, 30, 16, 6),
                new Span(file, 30, 31, 6), new Span(file, 30, 44, 2)), t.get(0).action());
        assertEquals(new Span(file, 30, 5, 41), t.get(0).span());

        assertEquals(new Timing.At(2 * S), t.get(1).timing());
        assertEquals(new Action.Forget("client", "c1", new Span(file, 31, 16, 6), new Span(file, 31, 30, 2)),
                t.get(1).action());

        assertEquals(new Timing.Every(600 * S, 0, -1), t.get(2).timing());
        assertEquals(new Action.Sample("server", new Span(file, 32, 23, 6)), t.get(2).action());

        Expectation finWait2 = expectation(t.get(3));
        assertEquals(new Timing.At(3_600 * S), t.get(3).timing());
        assertEquals(Expectation.Mode.AT, finWait2.mode());
        assertEquals(new Expectation.Subject.NetstatCount("server", "FIN_WAIT_2", new Span(file, 33, 23, 25),
                new Span(file, 33, 23, 6), new Span(file, 33, 38, 10)), finWait2.subject());
        assertEquals(Expectation.Op.EQ, finWait2.op());
        assertEquals("1", finWait2.value());
        assertEquals(new Span(file, 33, 52, 1), finWait2.valueSpan());

        Expectation dynamic = expectation(t.get(4));
        assertInstanceOf(Expectation.Subject.IpfwDynamic.class, dynamic.subject());
        assertEquals("server", ((Expectation.Subject.IpfwDynamic) dynamic.subject()).host());

        Expectation state = expectation(t.get(5));
        assertEquals(new Timing.At(86_400 * S), t.get(5).timing());
        assertEquals(Expectation.Op.IS, state.op());
        assertEquals("FIN_WAIT_2", state.value());
        Expectation.Subject.ConnectionState subject = (Expectation.Subject.ConnectionState) state.subject();
        assertEquals("c1", subject.connection());
        assertEquals("server", subject.host());
    }

    @Test
    void variant() {
        Variant v = scenario.variants().get(0);
        assertEquals("fix: sysctl net.inet.ip.fw.dyn_keepalive=0", v.name());
        assertEquals(new Span(file, 37, 13, 44), v.span());
        HostDecl change = v.hostChanges().get(0);
        assertEquals("server", change.name());
        assertNull(change.osVersion());
        assertNull(change.interfaceName());
        assertNull(change.stray());
        assertEquals(List.of(), change.addresses());
        assertEquals(List.of(new HostDecl.SysctlLine("net.inet.ip.fw.dyn_keepalive", 0,
                new Span(file, 38, 26, 28), new Span(file, 38, 55, 1))), change.sysctls());
        assertEquals(1, v.timeline().size());
        TimelineEntry line = v.timeline().get(0);
        assertEquals(new Timing.At(3_600 * S), line.timing());
        Expectation e = expectation(line);
        assertEquals("0", e.value());
        assertEquals("FIN_WAIT_2", ((Expectation.Subject.NetstatCount) e.subject()).state());
    }

    private static Expectation expectation(TimelineEntry entry) {
        return assertInstanceOf(Action.Expect.class, entry.action()).expectation();
    }
}
