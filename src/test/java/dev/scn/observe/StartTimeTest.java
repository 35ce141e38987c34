package dev.scn.observe;

import dev.scn.cli.Main;
import dev.scn.engine.kernel.SimTime;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario's start instant (the {@code start} line, default 2005-06-01 00:00:00 UTC): tcpdump's
 * default time column is the time of day (util.c ts_print case 0: {@code (tv_sec + thiszone) %
 * 86400}, thiszone 0 on a UTC machine), and pcap's ts_sec counts seconds since 1970.
 *
 * <p>2005-06-01 00:00:00 UTC in seconds since 1970, by hand: 1970..2004 are 35 years with 9 leap
 * years (72 76 80 84 88 92 96 2000 2004): 35 * 365 + 9 = 12784 days; January to May 2005 add
 * 31 + 28 + 31 + 30 + 31 = 151: 12935 days * 86400 = 1,117,584,000 s.
 */
class StartTimeTest {
    private static final long JUNE_1_2005 = 1_117_584_000L;

    private static final String SMALL = """
            scenario small {
                seed 1
                run 10s
            %s
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    listen 80 http { request 300 response 2k then close }
                }
                host client {
                    os freebsd 5.4
                    ip 198.51.100.7
                }
                link client server delay 40ms
                at 0s client connect server:80 as c1
                variant "later" {
                    host client { stray rst }
                }
            }
            """;

    @Test
    @DisplayName("tcpdump at 47h58m26s of a run started at 00:00 prints 23:58:26.000000 (it wrapped at 24 h)")
    void tcpdumpWrapsAtMidnight() {
        Scenario seed = ScenarioParser.parse(Path.of("scenarios/finwait2-ipfw-keepalive.scn")).scenarios().get(0);
        assertEquals(JUNE_1_2005, seed.startEpochSeconds(), "no start line: the default, 2005-06-01 00:00:00 UTC");
        RunResult base = new ScenarioRunner(seed, new ScenarioRunner.RunOptions(1_000_000, true, null)).run("base");
        // 47 h 58 min 26 s = 172706 s; 172706 - 86400 = 86306 s into the second day = 23:58:26.
        long at = SimTime.seconds(47 * 3600 + 58 * 60 + 26);
        List<RunResult.TimedPacket> then = base.packets().stream().filter(p -> p.timeMicros() == at).toList();
        assertEquals(3, then.size(), "the keepalive pair and the server's answer, as --trace shows them");
        then.forEach(p -> assertTrue(p.tcpdump().startsWith("23:58:26.000000 IP "), p.tcpdump()));
        assertTrue(base.packets().stream().noneMatch(p -> p.tcpdump().matches("^(2[4-9]|[3-9]\\d).*")),
                "no hour past 23");
    }

    @Test
    @DisplayName("start 2005-06-01 23:59:59: the SYN is at 23:59:59, a packet 1.04 s later at 00:00:00.040000")
    void startLineSetsTheTimeOfDay() {
        assertEquals("23:59:59.000000", TcpdumpFormatter.timeOfDay(JUNE_1_2005 + 86_399, 0));
        assertEquals("00:00:00.040000", TcpdumpFormatter.timeOfDay(JUNE_1_2005 + 86_399, 1_040_000));
        Scenario s = ScenarioParser.parse(SMALL.formatted("    start 2005-06-01 23:59:59"), "small.scn").scenarios()
                .get(0);
        assertEquals(JUNE_1_2005 + 86_399, s.startEpochSeconds());
        RunResult r = new ScenarioRunner(s, new ScenarioRunner.RunOptions(1_000_000, true, null)).run("base");
        assertTrue(r.packets().get(0).tcpdump().startsWith("23:59:59.000000 IP 198.51.100.7."), r.packets().get(0).tcpdump());
    }

    @Test
    @DisplayName("pcap ts_sec is the epoch of the start plus t: 1117584000 by default, +36000 for start 10:00:00; variants too")
    void pcapTimestampsAreRealDates(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.scn");
        Files.writeString(plain, SMALL.formatted(""));
        Path ten = dir.resolve("ten.scn");
        Files.writeString(ten, SMALL.formatted("    start 2005-06-01 10:00:00"));
        assertEquals(0, run("run", plain.toString(), "--pcap", dir.resolve("plain.pcap").toString()));
        assertEquals(0, run("run", ten.toString(), "--pcap", dir.resolve("ten.pcap").toString()));

        PcapReader.Record syn = new PcapReader(Files.readAllBytes(dir.resolve("plain.pcap"))).records.get(0);
        assertEquals(JUNE_1_2005, syn.seconds(), "the SYN at t = 0 of a run without a start line");
        // 10:00:00 is 36000 s after midnight; the SYN-ACK leaves the server 40 ms (one link delay) later.
        List<PcapReader.Record> records = new PcapReader(Files.readAllBytes(dir.resolve("ten.pcap"))).records;
        assertEquals(JUNE_1_2005 + 36_000, records.get(0).seconds());
        assertEquals(JUNE_1_2005 + 36_000, records.get(1).seconds());
        assertEquals(40_000, records.get(1).micros());
        PcapReader.Record variantSyn = new PcapReader(Files.readAllBytes(dir.resolve("ten-variant-1.pcap"))).records
                .get(0);
        assertEquals(JUNE_1_2005 + 36_000, variantSyn.seconds(), "a variant runs from the scenario's start too");
    }

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, out + "\n" + err);
        return code;
    }
}
