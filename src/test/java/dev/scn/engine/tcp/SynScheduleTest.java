package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The instants of every SYN of a connect() into a blackhole, and of the give-up, per release
 * (docs/research/freebsd-sources-4-close-syn.md).
 */
class SynScheduleTest {

    /*
     * 4.11 to 11.4: tcp_newtcpcb sets t_srtt = 0, t_rttvar = (TCPTV_RTOBASE << 4) / 4 and t_rxtcur =
     * TCPTV_RTOBASE = 3 s; tcp_output arms the retransmit callout with t_rxtcur, so the first
     * retransmission is at 3.0 s. Each expiry then computes TCP_REXMTVAL x tcp_syn_backoff[shift]
     * (RELENG_4 tcp_timer.c 1.34.2.x, 6.x 1.76, 9.3 with TCPTV_RTOBASE in place of REXMTVAL: the
     * same 3 s, as srtt is 0 and rttvar never moves). TCP_REXMTVAL = ((0 >> 3) + 12 s·4) >> 2 = 3 s.
     * TCPT_RANGESET adds tcp_rexmit_slop = 200 ms:
     *   shift 1..4: 3 s x 1 + 0.2 = 3.2 s   -> SYNs at 3.0 + 3.2 = 6.2, 9.4, 12.6, 15.8
     *   shift 5:    3 s x 2 + 0.2 = 6.2 s   -> 15.8 + 6.2 = 22.0
     *   shift 6:    3 s x 4 + 0.2 = 12.2 s  -> 22.0 + 12.2 = 34.2
     *   shift 7:    3 s x 8 + 0.2 = 24.2 s  -> 34.2 + 24.2 = 58.4
     *   shift 8:    3 s x 16 + 0.2 = 48.2 s -> 106.6, after keepinit
     * tcp_connect armed the keep timer with tcp_keepinit = 75 s; tcp_timer_keep in a state before
     * ESTABLISHED drops the connection (ETIMEDOUT) at 75.0 s. So 9 SYNs, 8 of them retransmissions.
     */
    @ParameterizedTest
    @ValueSource(strings = {"4.11", "5.4", "6.4", "7.4", "8.4", "9.3", "10.4", "11.4"})
    @DisplayName("4.x-11.x: SYN at 0, 3, 6.2, 9.4, 12.6, 15.8, 22.0, 34.2, 58.4 s; connect() times out at 75 s")
    void gentleSynBackoff(String release) {
        assertSchedule(release, List.of(0L, 3_000L, 6_200L, 9_400L, 12_600L, 15_800L, 22_000L, 34_200L, 58_400L));
    }

    /*
     * 14.2: t_rxtcur = tcp_rexmit_initial = TCPTV_RTOBASE = 1 s, so the first retransmission is at
     * 1.0 s; tcp_timer_rexmt in SYN_SENT computes tcp_rexmit_initial x tcp_backoff[shift], plus the
     * 200 ms slop of TCPT_RANGESET, capped at TCPTV_REXMTMAX = 64 s:
     *   shift 1: 1 x 2 + 0.2 = 2.2 s   -> 1.0 + 2.2 = 3.2
     *   shift 2: 1 x 4 + 0.2 = 4.2 s   -> 7.4
     *   shift 3: 1 x 8 + 0.2 = 8.2 s   -> 15.6
     *   shift 4: 1 x 16 + 0.2 = 16.2 s -> 31.8
     *   shift 5: 1 x 32 + 0.2 = 32.2 s -> 64.0
     *   shift 6: 64.2 s capped to 64 s -> 128.0, after keepinit (75 s)
     * So 7 SYNs, 6 of them retransmissions, and the drop at 75.0 s.
     */
    @ParameterizedTest
    @ValueSource(strings = {"14.2"})
    @DisplayName("14.2: SYN at 0, 1.0, 3.2, 7.4, 15.6, 31.8, 64.0 s; connect() times out at 75 s")
    void exponentialSynBackoff(String release) {
        assertSchedule(release, List.of(0L, 1_000L, 3_200L, 7_400L, 15_600L, 31_800L, 64_000L));
    }

    private static void assertSchedule(String release, List<Long> expectedMillis) {
        TwoHosts n = new TwoHosts(release);
        n.link.from(n.client).setBlackhole(true);
        List<TcpApplication.CloseReason> ends = new ArrayList<>();
        TcpSocket c = n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, new TcpApplication() {
            @Override
            public void terminated(TcpSocket socket, CloseReason reason) {
                ends.add(reason);
            }
        });
        n.runUntil(SimTime.seconds(75) - 1);
        assertEquals(TcpState.SYN_SENT, c.state(), "still trying just before keepinit");
        n.runUntil(SimTime.seconds(200));
        List<Long> syns = n.sentBy("client").stream().filter(s -> s.packet().has(TcpFlags.SYN))
                .map(TwoHosts.Sent::time).toList();
        assertEquals(expectedMillis.stream().map(SimTime::millis).toList(), syns);
        assertEquals(TcpState.CLOSED, c.state());
        assertEquals(List.of(TcpApplication.CloseReason.TIMED_OUT), ends);
        assertNull(n.clientTcp.connection(c.connection().flow()));
        // Nothing but SYNs: tcp_drop in SYN_SENT sends no RST (no SYN was received).
        assertEquals(expectedMillis.size(), n.sentBy("client").size());
    }
}
