package dev.scn.lang;

import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;
import dev.scn.model.TrafficDecl;
import dev.scn.model.Variant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every construct of language.md, one at a time, down to the model fields. */
class ConstructsTest {
    private static final long MS = 1_000L;
    private static final long S = 1_000_000L;
    private static final long MIN = 60 * S;
    private static final long H = 3_600 * S;

    /** Parses a scenario whose body is the given lines (after a line "scenario t {" and "run 1d"). */
    static Scenario scenario(String body) {
        ParseResult result = ScenarioParser.parse("scenario t {\n    run 1d\n" + body + "\n}\n", "t.scn");
        assertEquals(List.of(), result.diagnostics().sorted());
        return result.scenario();
    }

    private static Action action(String line) {
        return scenario("at 0s " + line).timeline().get(0).action();
    }

    private static Expectation expectation(String line) {
        return assertInstanceOf(Action.Expect.class, scenario(line).timeline().get(0).action()).expectation();
    }

    private static Span span(int line, int column, int length) {
        return new Span("t.scn", line, column, length);
    }

    // ---- header ------------------------------------------------------------------------------

    @Test
    void textsInEnglishAndChineseOneMayBeMissing() {
        Scenario s = scenario("""
                title en "T" zh "标题"
                summary zh "只有中文"
                note en "escaped \\"quote\\" and\\ttab"
                seed 42""");
        assertEquals("T", s.title().en());
        assertEquals("标题", s.title().zh());
        assertNull(s.summary().en());
        assertEquals("只有中文", s.summary().zh());
        assertEquals("escaped \"quote\" and\ttab", s.note().en());
        assertEquals(42, s.seed());
        assertEquals(86_400 * S, s.runMicros());
    }

    @Test
    void tripleQuotedTextLosesItsCommonIndentation() {
        Scenario s = scenario("""
                note en \"\"\"
                        first line
                          indented
                        last line
                        \"\"\"""");
        assertEquals("first line\n  indented\nlast line", s.note().en());
    }

    @Test
    void durationsCombine() {
        assertEquals(H + 30 * MIN, scenarioRun("1h30m"));
        assertEquals(250 * MS, scenarioRun("250ms"));
        assertEquals(3 * 86_400 * S, scenarioRun("3d"));
        assertEquals(604_800 * S, scenarioRun("1w"));
        assertEquals(0, scenarioRun("0"));
        assertEquals(5 * MIN, scenarioRun("5m"));
    }

    private static long scenarioRun(String duration) {
        ParseResult r = ScenarioParser.parse("scenario t { run " + duration + " }", "t.scn");
        assertEquals(List.of(), r.diagnostics().sorted());
        return r.scenario().runMicros();
    }

    @Test
    void bomAndCrlfAreAccepted() {
        ParseResult r = ScenarioParser.parse("\uFEFFscenario t {\r\n  run 1h\r\n  note en \"\"\"a\r\n    b\"\"\"\r\n}\r\n",
                "t.scn");
        assertEquals(List.of(), r.diagnostics().sorted());
        assertEquals(new Span("t.scn", 1, 10, 1), r.scenario().span());
        assertEquals("a\nb", r.scenario().note().en());
    }

    // ---- hosts -------------------------------------------------------------------------------

    @Test
    void hostWithSeveralAddressesInterfaceAndPlainListen() {
        Scenario s = scenario("""
                host gw {
                    os freebsd 14.x
                    ip 10.0.0.1 10.0.0.2
                    ip 10.0.0.3
                    interface vtnet0
                    sysctl net.inet.tcp.msl = 30000
                    sysctl net.inet.tcp.keepidle=-1
                    stray rst
                    listen 22
                }""");
        HostDecl gw = s.hosts().get(0);
        assertEquals("14.x", gw.osVersion());
        assertEquals(span(4, 16, 4), gw.osSpan());
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"),
                gw.addresses().stream().map(HostDecl.Address::dotted).toList());
        assertEquals(span(5, 17, 8), gw.addresses().get(1).span());
        assertEquals("vtnet0", gw.interfaceName());
        assertEquals(30000, gw.sysctls().get(0).value());
        assertEquals(span(8, 12, 16), gw.sysctls().get(0).nameSpan());
        assertEquals(span(8, 31, 5), gw.sysctls().get(0).valueSpan());
        assertEquals(-1, gw.sysctls().get(1).value());
        assertEquals(HostDecl.Stray.RST, gw.stray());
        assertEquals(new HostDecl.Listen(22, new HostDecl.PlainApp(), span(11, 5, 9)), gw.listens().get(0));
    }

    @Test
    void ipfwLinesAreKeptWordForWordWithTheirSpans() {
        Scenario s = scenario("""
                host fw {
                    ipfw -q add 100 check-state
                    ipfw add deny tcp from any to any tcpflags syn,!ack
                    ipfw add 300 allow tcp from { 10.0.0.1, 10.0.0.2 } 1024-65535 to not me 80 via em0 # why
                    ipfw add 400 allow tcp from any to any in established}
                }""");
        List<HostDecl.IpfwLine> ipfw = s.hosts().get(0).ipfw();
        assertEquals(List.of("-q", "add", "100", "check-state"), ipfw.get(0).words());
        assertEquals(List.of("add", "deny", "tcp", "from", "any", "to", "any", "tcpflags", "syn,!ack"),
                ipfw.get(1).words());
        assertEquals(span(5, 48, 8), ipfw.get(1).wordSpans().get(8));
        assertEquals("add 300 allow tcp from { 10.0.0.1, 10.0.0.2 } 1024-65535 to not me 80 via em0",
                ipfw.get(2).text());
        assertEquals(span(6, 35, 9), ipfw.get(2).wordSpans().get(6));
        // the rest of the line is ipfw's, braces included: a '}' must go on its own line
        assertEquals("established}", ipfw.get(3).words().get(ipfw.get(3).words().size() - 1));
    }

    @Test
    void httpAppEndings() {
        Scenario s = scenario("""
                host a {
                    listen 80 http { request 1m response 2k then linger 30s }
                    listen 81 http { then shutdown }
                    listen 82 http { response 1 then wait-for-client }
                }""");
        List<HostDecl.Listen> l = s.hosts().get(0).listens();
        assertEquals(new HostDecl.HttpApp(1_048_576, 2_048, HostDecl.HttpApp.Ending.LINGER, 30 * S), l.get(0).app());
        assertEquals(new HostDecl.HttpApp(0, 0, HostDecl.HttpApp.Ending.SHUTDOWN, 0), l.get(1).app());
        assertEquals(new HostDecl.HttpApp(0, 1, HostDecl.HttpApp.Ending.WAIT_FOR_CLIENT, 0), l.get(2).app());
    }

    // ---- topology ----------------------------------------------------------------------------

    @Test
    void linkWithEveryOption() {
        LinkDecl link = scenario("link a b delay 1ms jitter 250ms loss 0.5% mtu 1400").links().get(0);
        assertEquals(new LinkDecl("a", "b", MS, 250 * MS, 0.5, 1400, span(3, 1, 50), span(3, 6, 1), span(3, 8, 1)),
                link);
    }

    @Test
    void pathRules() {
        Scenario s = scenario("""
                drop on client->server tcp flags F. count 2
                drop on server -> client tcp flags R
                blackhole a->b""");
        assertEquals(new PathRule.Drop("client", "server", 0x11, 2, span(3, 1, 43)), s.pathRules().get(0));
        assertEquals(new PathRule.Drop("server", "client", 0x04, -1, span(4, 1, 36)), s.pathRules().get(1));
        assertEquals(new PathRule.Blackhole("a", "b", span(5, 1, 14)), s.pathRules().get(2));
    }

    // ---- timeline ----------------------------------------------------------------------------

    @Test
    void timingsAbsoluteRelativeAndPeriodic() {
        List<TimelineEntry> t = scenario("""
                at 1m c recv
                at +30s c recv
                at +1h c recv
                every 5s from 1m until 2h sample a
                at +1s c recv
                every 1h sample a""").timeline();
        assertEquals(new Timing.At(MIN), t.get(0).timing());
        assertEquals(new Timing.At(MIN + 30 * S), t.get(1).timing());
        assertEquals(new Timing.At(H + MIN + 30 * S), t.get(2).timing());
        assertEquals(new Timing.Every(5 * S, MIN, 2 * H), t.get(3).timing());
        assertEquals(new Timing.At(MIN + S), t.get(4).timing());
        assertEquals(new Timing.Every(H, 0, -1), t.get(5).timing());
    }

    @Test
    void socketActions() {
        assertEquals(new Action.Send("c1", 1_048_576, span(3, 7, 2)), action("c1 send 1m"));
        assertEquals(new Action.Send("c1", 300, span(3, 7, 2)), action("c1 send 300"));
        assertEquals(new Action.Recv("c1", span(3, 7, 2)), action("c1 recv"));
        assertEquals(new Action.Shutdown("c1", span(3, 7, 2)), action("c1 shutdown"));
        assertEquals(new Action.Close("c1", span(3, 7, 2)), action("c1 close"));
        assertEquals(new Action.Abort("c1", span(3, 7, 2)), action("c1 abort"));
        assertEquals(new Action.Forget("h", "c1", span(3, 7, 1), span(3, 16, 2)), action("h forget c1"));
    }

    @Test
    void hostEvents() {
        assertEquals(Action.HostEvent.Kind.CRASH, ((Action.HostEvent) action("h crash")).kind());
        assertEquals(Action.HostEvent.Kind.REBOOT, ((Action.HostEvent) action("h reboot")).kind());
        assertEquals(Action.HostEvent.Kind.DOWN, ((Action.HostEvent) action("h down")).kind());
        assertEquals(new Action.HostEvent("h", Action.HostEvent.Kind.UP, span(3, 7, 1)), action("h up"));
    }

    @Test
    void adminCommandsOnAHost() {
        assertEquals(new Action.Sysctl("s", "net.inet.tcp.msl", 5000, span(3, 10, 1), span(3, 19, 16),
                span(3, 36, 4)), action("on s sysctl net.inet.tcp.msl=5000"));
        Action.Ipfw ipfw = (Action.Ipfw) action("on s ipfw flush");
        assertEquals(List.of("flush"), ipfw.line().words());
        assertEquals(span(3, 12, 10), ipfw.line().span());
        assertEquals(new Action.Ifconfig("s", "em0", false, span(3, 10, 1), span(3, 21, 3)),
                action("on s ifconfig em0 down"));
        assertTrue(((Action.Ifconfig) action("on s ifconfig em0 up")).up());
        assertEquals(new Action.LinkState("a", "b", false, span(3, 12, 1), span(3, 14, 1)), action("link a b down"));
        assertTrue(((Action.LinkState) action("link a b up")).up());
    }

    @Test
    void injectWithTcpdumpFlags() {
        Action.Inject i = (Action.Inject) action("inject client:5000->server:80 tcp S. seq 1 ack 4294967295 win 65535 len 0");
        assertEquals(new Action.Inject(null, "client", 5000, "server", 80, 0x12,
                new Action.SeqValue(Action.SeqValue.Base.ABSOLUTE, 1, span(3, 48, 1)),
                new Action.SeqValue(Action.SeqValue.Base.ABSOLUTE, 4_294_967_295L, span(3, 54, 10)), 65535, 0,
                null, span(3, 14, 11), span(3, 27, 9)), i);
        Action.Inject bare = (Action.Inject) action("inject 10.0.0.1:7->server:80 tcp seq 5 ack 0 len 10");
        assertEquals("10.0.0.1", bare.from());
        assertEquals(7, bare.fromPort());
        assertEquals(0, bare.tcpFlags());
        assertEquals(10, bare.length());
        assertEquals(65535, bare.window(), "win left out: the largest unscaled window");
        assertEquals(0x10, ((Action.Inject) action("inject a:1->b:2 tcp . seq 5 ack 0 win 0 len 0")).tcpFlags());
        assertEquals(0x19, ((Action.Inject) action("inject a:1->b:2 tcp FP. seq 5 ack 0 win 0 len 0")).tcpFlags());
    }

    /** Issue 10: a port left out used to become port 0 silently. */
    @Test
    void injectWithoutAPortIsAnError() {
        ParseResult r = ScenarioParser.parse("scenario t {\n    run 1d\n    at 1s inject 10.0.0.1->server:80 tcp S"
                + " seq 5 ack 0\n}\n", "t.scn");
        assertEquals(List.of("3:18 E0217"), r.diagnostics().sorted().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code()).toList());
    }

    /** Bound to a connection: numbers relative to the receiving end's variables. */
    @Test
    void injectBoundToAConnection() {
        Action.Inject i = (Action.Inject) action("inject c1 to server tcp R seq rcv_nxt+10 ack snd_una-1");
        assertEquals("c1", i.connection());
        assertNull(i.from());
        assertEquals("server", i.to());
        assertEquals(0x04, i.tcpFlags());
        assertEquals(Action.SeqValue.Base.RCV_NXT, i.seq().base());
        assertEquals(10, i.seq().offset());
        assertEquals(Action.SeqValue.Base.SND_UNA, i.ack().base());
        assertEquals(-1, i.ack().offset());
        Action.Inject spaced = (Action.Inject) action("inject c1 to server tcp R seq rcv_nxt - 3 ack snd_nxt");
        assertEquals(-3, spaced.seq().offset());
        assertEquals(Action.SeqValue.Base.SND_NXT, spaced.ack().base());
        // Wrap-around modulo 2^32: rcv_nxt 4294967290 + 10 is 4.
        assertEquals(4, i.seq().resolve(4_294_967_290L, 0, 0));
        assertEquals(4_294_967_295L, i.ack().resolve(0, 0, 0));
    }

    @Test
    void sequenceVariablesNeedAConnection() {
        ParseResult r = ScenarioParser.parse("scenario t {\n    run 1d\n    at 1s inject a:1->b:2 tcp R seq rcv_nxt"
                + " ack 0\n    at 2s inject c1 to b tcp R seq rcv_next ack 0\n}\n", "t.scn");
        assertEquals(List.of("3:37 E0218", "4:36 E0218"), r.diagnostics().sorted().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code()).toList());
    }

    @Test
    void sampleAndShow() {
        assertEquals(new Action.Sample("s", span(3, 14, 1)), action("sample s"));
        assertEquals(new Action.Show("s", Action.Show.Tool.NETSTAT, null, span(3, 12, 1)), action("show s netstat"));
        assertEquals("FIN_WAIT_2", ((Action.Show) action("show s netstat FIN_WAIT_2")).pattern());
        assertEquals(new Action.Show("s", Action.Show.Tool.IPFW, "-d show", span(3, 12, 1)),
                action("show s ipfw -d show"));
        assertEquals(new Action.Show("s", Action.Show.Tool.SYSCTL, "net.inet.ip.fw", span(3, 12, 1)),
                action("show s sysctl net.inet.ip.fw"));
        assertNull(((Action.Show) action("show s sysctl")).pattern());
    }

    // ---- expectations ------------------------------------------------------------------------

    @Test
    void expectationSubjectsAndOperators() {
        Expectation packets = expectation("at 1h expect s packets keepalive >= 10");
        assertEquals(new Expectation.Subject.PacketCount("s", Expectation.PacketKind.KEEPALIVE, span(3, 14, 19),
                span(3, 14, 1)), packets.subject());
        assertEquals(Expectation.Op.GE, packets.op());
        assertEquals("10", packets.value());
        assertEquals(Expectation.Op.NE, expectation("at 1h expect s packets rst != 0").op());
        assertEquals(Expectation.Op.LT, expectation("at 1h expect s packets fin < 2").op());
        assertEquals(Expectation.Op.LE, expectation("at 1h expect s packets syn <= 2").op());
        assertEquals(Expectation.Op.GT, expectation("at 1h expect s packets sent > 2").op());
        assertEquals(Expectation.Op.EQ, expectation("at 1h expect s netstat TIME_WAIT == 0").op());

        Expectation exists = expectation("at 1h expect c1 on s exists");
        assertEquals(new Expectation.Subject.ConnectionExists("c1", "s", span(3, 14, 14), span(3, 14, 2),
                span(3, 20, 1)), exists.subject());
        assertEquals(Expectation.Op.EQ, exists.op());
        assertEquals("1", exists.value());
        Expectation gone = expectation("at 1h expect c1 on s exists == 0");
        assertEquals("0", gone.value());
        assertEquals(span(3, 32, 1), gone.valueSpan());
    }

    @Test
    void expectationModes() {
        List<TimelineEntry> t = scenario("""
                at 10s c recv
                within 5s expect c on s is CLOSED
                at 1h within 2m expect s netstat ESTABLISHED == 0
                at 1h always expect s ipfw dynamic <= 1
                always expect s netstat LISTEN == 1""").timeline();
        Expectation within = ((Action.Expect) t.get(1).action()).expectation();
        assertEquals(new Timing.At(10 * S), t.get(1).timing());
        assertEquals(Expectation.Mode.WITHIN, within.mode());
        assertEquals(5 * S, within.withinMicros());
        assertEquals(Expectation.Op.IS, within.op());
        assertEquals("CLOSED", within.value());

        assertEquals(new Timing.At(H), t.get(2).timing());
        assertEquals(2 * MIN, ((Action.Expect) t.get(2).action()).expectation().withinMicros());
        assertEquals(Expectation.Mode.ALWAYS, ((Action.Expect) t.get(3).action()).expectation().mode());
        assertEquals(new Timing.At(H), t.get(3).timing());
        assertEquals(Expectation.Mode.ALWAYS, ((Action.Expect) t.get(4).action()).expectation().mode());
        assertEquals(new Timing.At(0), t.get(4).timing());
    }

    // ---- traffic -----------------------------------------------------------------------------

    @Test
    void trafficMix() {
        TrafficDecl web = scenario("""
                traffic web from 203.0.113.0/24 to server:80 rate 50/s during 0s..5d {
                    request 300 response 20k
                    99.5% normal
                    0.1%  vanish
                    0.1% reset
                    0.1% lose-fin
                    0.1% slow-close 30s
                    0.1% idle 5m
                }""").traffic().get(0);
        assertEquals("web", web.name());
        assertEquals("203.0.113.0", web.network());
        assertEquals(24, web.prefixLength());
        assertEquals("server", web.target());
        assertEquals(80, web.port());
        assertEquals(50.0, web.ratePerSecond());
        assertEquals(0, web.fromMicros());
        assertEquals(5 * 86_400 * S, web.untilMicros());
        assertEquals(300, web.requestBytes());
        assertEquals(20_480, web.responseBytes());
        assertEquals(span(3, 9, 3), web.span());
        assertEquals(span(3, 36, 6), web.targetSpan());
        assertEquals(List.of(TrafficDecl.Behaviour.NORMAL, TrafficDecl.Behaviour.VANISH, TrafficDecl.Behaviour.RESET,
                        TrafficDecl.Behaviour.LOSE_FIN, TrafficDecl.Behaviour.SLOW_CLOSE, TrafficDecl.Behaviour.IDLE),
                web.shares().stream().map(TrafficDecl.Share::behaviour).toList());
        assertEquals(new TrafficDecl.Share(99.5, TrafficDecl.Behaviour.NORMAL, 0, span(5, 5, 12)), web.shares().get(0));
        assertEquals(30 * S, web.shares().get(4).parameterMicros());
        assertEquals(5 * MIN, web.shares().get(5).parameterMicros());
    }

    // ---- variants ----------------------------------------------------------------------------

    @Test
    void variantWithHostBlockBareSettingsAndTimedLines() {
        Variant v = scenario("""
                variant "7.4" {
                    host server { os freebsd 7.4
                                  sysctl net.inet.tcp.fast_finwait2_recycle=1
                    }
                    on client sysctl net.inet.tcp.keepidle=1000
                    on client ipfw add 100 allow ip from any to any
                    at 1h c recv
                    at +1m within 1s expect c on server exists == 0
                }""").variants().get(0);
        assertEquals("7.4", v.name());
        HostDecl server = v.hostChanges().get(0);
        assertEquals("7.4", server.osVersion());
        assertNull(server.stray());
        assertNull(server.interfaceName());
        assertEquals("net.inet.tcp.fast_finwait2_recycle", server.sysctls().get(0).name());
        HostDecl client = v.hostChanges().get(1);
        assertEquals("client", client.name());
        assertEquals(span(7, 8, 6), client.span());
        assertEquals(1000, client.sysctls().get(0).value());
        assertEquals("add 100 allow ip from any to any", client.ipfw().get(0).text());
        assertEquals(new Timing.At(H + MIN), v.timeline().get(1).timing());
        assertEquals(Expectation.Mode.WITHIN, ((Action.Expect) v.timeline().get(1).action()).expectation().mode());
    }
}
