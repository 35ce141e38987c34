package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The backed-off RTO of the 4th retransmission and what happens to srtt (tcp_timer.c
 * tcp_timer_rexmt, tcp_input.c tcp_xmit_timer), docs/research/sysctl-registry-and-syn-rto.md.
 */
class RtoInvalidationTest {

    /*
     * An estimate from one 80 ms sample: srtt = 80 << 5 = 2560, rttvar = 80 << 3 = 640 (the first
     * sample's branch of tcp_xmit_timer). TCP_REXMTVAL = ((2560 >> 3) + 640) >> 2 = 240 ms.
     * The 4th retransmission (t_rxtshift 3 -> 4, tcp_backoff[4] = 16): every release computes
     * rexmt = 240 x 16 = 3840 ms and TCPT_RANGESET adds rexmit_slop 200 ms: t_rxtcur = 4040 ms.
     * Only then, up to 10.4 (and 11.4, UNVERIFIED), since 4 > TCP_MAXRXTSHIFT / 4 = 3, the timer
     * clobbers the estimate: rttvar = 640 + (2560 >> 5) = 720, srtt = 0. 14.2 leaves both as they
     * are (in_losing only). Before this change the engine clobbered first and computed
     * ((0 >> 3) + 720) >> 2 = 180 ms x 16 + 200 = 3080 ms, on every release.
     * A 100 ms sample next: 10.4 sees srtt 0 and seeds srtt = 100 << 5 = 3200, rttvar = 100 << 3 =
     * 800; 14.2 sees t_rxtshift 4 > TCP_RTT_INVALIDATE and seeds the same way instead of smoothing.
     */
    @ParameterizedTest(name = "{0}: t_rxtcur {1} ms, then srtt {2} rttvar {3}")
    @CsvSource({"10.4, 4040, 0, 720", "11.4, 4040, 0, 720", "14.2, 4040, 2560, 640", "5.4, 4040, 0, 720"})
    @DisplayName("4th retransmission: the RTO comes from the estimate before any invalidation")
    void rtoBeforeInvalidation(String release, long rxtCur, long srtt, long rttvar) {
        TwoHosts n = new TwoHosts(release);
        n.serverTcp.listen(80, new HttpServer(300, 0, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        TcpSocket c = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.runUntil(SimTime.seconds(1));
        TcpConnection tp = c.connection();
        assertEquals(TcpState.ESTABLISHED, tp.state());
        tp.srtt = 2560;
        tp.rttvar = 640;
        tp.rxtShift = 3;
        TcpTimers.retransmit(tp);
        assertEquals(4, tp.rxtShift);
        assertEquals(rxtCur, tp.rxtCurMs);
        assertEquals(srtt, tp.srtt);
        assertEquals(rttvar, tp.rttvar);
        TcpInput.xmitTimer(tp, 100);
        assertEquals(3200, tp.srtt);
        assertEquals(800, tp.rttvar);
    }
}
