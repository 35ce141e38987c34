package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.TcpFlags;
import dev.scn.load.ScenarioLoad;
import dev.scn.observe.CapturedPacket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory stays flat as connections end: what a run keeps per connection is freed when the
 * connection is gone, so a five-day run holds what its live connections need, not what every
 * connection ever needed. Each test counts what is left through an accessor, never by timing.
 */
class ConnectionsEndTest {

    private static ScenarioRunner.Live run(String os, String mix, int rate, int seconds, int tail, boolean capture) {
        String source = String.format(Locale.ROOT, """
                scenario churn {
                    seed 7
                    run %ds
                    host server {
                        os freebsd %s
                        ip 192.0.2.10
                        listen 80 http { request 300 response 20k then close }
                    }
                    traffic web from 10.1.0.0/24 to server:80 rate %d/s during 0s..%ds {
                        request 300 response 20k
                        %s
                    }
                    link web server delay 20ms
                }
                """, seconds + tail, os, rate, seconds, mix);
        ScenarioLoad.Loaded parsed = ScenarioLoad.text(source, "churn.scn");
        assertTrue(parsed.usable(), () -> parsed.diagnostics().sorted().toString());
        return new ScenarioRunner(parsed.scenario(), new ScenarioRunner.RunOptions(50_000_000L, false,
                capture ? "" : null)).runLive(ScenarioRunner.BASE);
    }

    /*
     * 5.4 answers every SYN with a cookie as well as a syncache entry (net.inet.tcp.syncookies=1),
     * and the kernel keeps nothing per cookie: the simulator remembers one only to check a
     * returning ACK, for SYNCOOKIE_TIMEOUT, 16 s. Here every handshake completes through the
     * syncache, so no cookie is ever looked up. What may be left at the end is the cookies issued
     * within 16 s of the last one: those of the SYNs sent at or after (last SYN - 16 s), every SYN
     * arriving 20 ms after it was sent. Before the fix all of them were kept (about 20/s * 100 s
     * = 2000).
     */
    @Test
    @DisplayName("SYN cookies older than 16 s are forgotten though no ACK ever looks one up")
    void cookiesDoNotPileUp() {
        ScenarioRunner.Live live = run("5.4", "100% normal", 20, 100, 100, true);
        List<Long> times = live.result().capture().packets().stream()
                .filter(c -> c.packet().flags() == TcpFlags.SYN).map(CapturedPacket::time).toList();
        assertTrue(times.size() > 1_500, "about 2000 connections: " + times.size());
        long last = times.get(times.size() - 1);
        long young = times.stream().filter(t -> t >= last - 16_000_000L).count();
        Machine server = live.simulation().machine("server");
        assertEquals(young, server.tcp().syncookiesRemembered(),
                "cookies of the last 16 s only, of " + times.size() + " SYNs");
        assertEquals(0, server.tcp().connections().size(), "every connection ended");
        assertEquals(0, server.tcp().syncacheSize());
        assertEquals(0, live.simulation().machine("web").tcp().connections().size());
    }

    /*
     * A lose-fin client's first FIN is dropped on its way (a path filter for its connection,
     * count 1); its retransmission passes and the connection ends. The filter has then done its
     * one job. 100 s at 10/s: about 1000 such connections, every one of which sent its FIN by
     * the end (100 s of tail); no filter is left on the pool's side of the link. Before the fix
     * all of them were (and every packet on the link was compared with each).
     */
    @Test
    @DisplayName("a lose-fin client's path filter is dropped once it has eaten its FIN")
    void spentFiltersGo() {
        ScenarioRunner.Live live = run("14.2", "100% lose-fin", 10, 100, 100, false);
        Simulation sim = live.simulation();
        Host pool = sim.machine("web").host();
        Host server = sim.machine("server").host();
        assertTrue(live.result().packetsByKind().getOrDefault("syn", 0L) > 1_500, "about 1000 connections");
        assertEquals(0, sim.network().link(pool, server).from(pool).filters().size());
        assertEquals(0, sim.machine("server").tcp().connections().size(), "every connection ended");
        assertEquals(0, sim.machine("web").tcp().connections().size());
    }
}
