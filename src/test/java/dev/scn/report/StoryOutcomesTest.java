package dev.scn.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outcomes the committed scenarios do not cover, and what the sequence diagrams say: a connection
 * that never got through, the client's RST drawn as the answer it is, and a diagram for a pool.
 */
class StoryOutcomesTest {

    private static List<String> story(Report report, Messages m) {
        List<String> out = new ArrayList<>();
        for (Report.Paragraph p : report.narrative()) {
            out.add(m.text(p.heading().key(), p.heading().args()));
            p.steps().forEach(s -> out.add(m.text(s.key(), s.args())));
        }
        return out;
    }

    /**
     * A blackhole eats everything client → server: the SYN at 0 s and its retransmissions never
     * arrive, the server never has the connection, and the client gives up when keepinit (75 s,
     * TCPTV_KEEP_INIT, model-freebsd.md §5) runs out: at 75 s.
     */
    @Test
    @DisplayName("a connection that never got through: SYNs sent, where they stopped, when the client gave up")
    void neverEstablished(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("never.scn");
        Files.writeString(file, """
                scenario never {
                    title en "Never through" zh "始终没有连上"
                    seed 1
                    run 2m
                    host server {
                        os freebsd 5.4
                        ip 192.0.2.10
                        listen 80
                    }
                    host client {
                        os freebsd 5.4
                        ip 198.51.100.7
                    }
                    link client server delay 40ms
                    blackhole client->server
                    at 0s client connect server:80 as c1
                }
                """, StandardCharsets.UTF_8);
        ReportBuilder.Built built = SeedReport.build(file);
        long syns = built.report().runs().get(0).packets(); // every packet the run sent is the client's SYN
        String en = String.join("\n", story(built.report(), Messages.load(Lang.EN)));
        assertTrue(en.contains("Connection c1 from client never reached server: client sent " + syns
                + " SYN segments, the first at 0 s"), en);
        assertTrue(en.contains("a blackhole on the path swallowed it"), en);
        assertTrue(en.contains("client gave up at 75 s when its connection-establishment timer (keepinit) ran out"), en);
        assertFalse(en.contains("normally"), en);
        String zh = String.join("\n", story(built.report(), Messages.load(Lang.ZH)));
        assertTrue(zh.contains("连接 c1 从未到达 server") && zh.contains("路径上的黑洞吞掉了它"), zh);
    }

    /**
     * client-rst-ends-it: the ipfw probe reaches the client at 281.04 s, which has forgotten the
     * connection and answers strays with RST: its lane says so before the RST arrow, never "no answer".
     */
    @Test
    @DisplayName("the sequence diagram shows the client answering the keepalive with RST, cause before effect")
    void clientRstDiagram() {
        Report report = SeedReport.build(Path.of("scenarios/client-rst-ends-it.scn")).report();
        SequenceDiagram d = report.sequences().get(0).diagram();
        List<SequenceDiagram.Row> rows = d.rows();
        int answered = -1;
        int rst = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key().equals("seq.dropped.STRAY_RST") && answered < 0) {
                answered = i;
            }
            if (rows.get(i).type() == SequenceDiagram.Type.ARROW && rows.get(i).args().get(0).startsWith("[R]") && rst < 0) {
                rst = i;
            }
        }
        assertTrue(answered >= 0 && rst == answered + 1, "the stray answer just before the RST: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.key().equals("seq.dropped.STRAY_SILENT")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.key().equals("seq.rst.EXACT")), rows.toString());
    }

    /**
     * dyn-max-overflow has no named connection: its diagram follows the pool's first traced
     * connection that does not end CLOSED — every client vanishes, so the first one, in FIN_WAIT_2
     * on the server at the end (kept alive like the seed) in the base run, and CLOSED with the fix.
     */
    @Test
    @DisplayName("a traffic scenario gets a diagram per run: the pool's first connection that ends abnormally")
    void poolDiagram() {
        Report report = SeedReport.build(Path.of("scenarios/dyn-max-overflow.scn")).report();
        assertEquals(2, report.sequences().size());
        SequenceDiagram base = report.sequences().get(0).diagram();
        assertEquals("web", base.client());
        assertEquals("server", base.server());
        SequenceDiagram.Row end = base.rows().get(base.rows().size() - 1);
        assertEquals(List.of("30m", "FIN_WAIT_2"), end.args());
        SequenceDiagram.Row fixEnd = report.sequences().get(1).diagram().rows()
                .get(report.sequences().get(1).diagram().rows().size() - 1);
        assertEquals("CLOSED", fixEnd.args().get(1));
    }

    /*
     * The server closes first and ends in TIME_WAIT; the story says what ended it. The fetch is
     * over within a second (40 ms each way) and the client closes at 2 s, so the server's TIME_WAIT
     * starts at F = 2.04 s (the client's FIN, 40 ms on the way).
     * 14.2: a callout of exactly 2MSL = 60 s (net.inet.tcp.msl 30 s): it ends at F + 60 s =
     * 62.04 s. 5.4: 2MSL is over at 62.04 s (2040 ticks + 60000); the walks run at 1 ms + k x
     * 500 ms after boot at 0 (62.001, 62.501 s): the one at 62.501 s ends it (printed 62.5 s).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"5.4", "14.2"})
    @DisplayName("a connection that ended in TIME_WAIT: the 2MSL callout (4.x, 14.x) or tcp_slowtimo's walk (5.x-13.x)")
    void timeWaitEnd(String release, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("tw.scn");
        Files.writeString(file, """
                scenario tw {
                    title en "TIME_WAIT" zh "TIME_WAIT"
                    seed 1
                    run 2m
                    host server {
                        os freebsd RELEASE
                        ip 192.0.2.10
                        listen 80 http { request 300 response 20k then close }
                    }
                    host client {
                        os freebsd RELEASE
                        ip 198.51.100.7
                    }
                    link client server delay 40ms
                    at 0s client connect server:80 as c1
                    at 2s c1 close
                }
                """.replace("RELEASE", release), StandardCharsets.UTF_8);
        Report report = SeedReport.build(file).report();
        String en = String.join("\n", story(report, Messages.load(Lang.EN)));
        String zh = String.join("\n", story(report, Messages.load(Lang.ZH)));
        if (release.equals("5.4")) {
            assertTrue(en.contains("server closed first, so it held the connection in TIME_WAIT; once 2MSL (60 s:"
                    + " net.inet.tcp.msl = 30000 ms · tcp_slowtimo walk = 500 ms) was over, the next half-second walk of"
                    + " the TIME_WAIT list by tcp_slowtimo ended it at 62.5 s. A normal end."), en);
            assertTrue(zh.contains("tcp_slowtimo 每半秒一次巡查 TIME_WAIT 列表，下一次巡查在 62.5 秒结束了它"), zh);
        } else {
            assertTrue(en.contains("server closed first, so it held the connection in TIME_WAIT; its 2MSL timer (60 s:"
                    + " net.inet.tcp.msl = 30000 ms) ended it at 62.04 s. A normal end."), en);
            assertFalse(en.contains("walk"), en);
        }
    }
}
