package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The TCP timer sysctls the engine reads where the kernel reads them: rexmit_initial and
 * rexmit_slop drive the SYN schedule, keepcnt the FIN_WAIT_2 idle limit (tcp_timer.c).
 */
class TimerSysctlsTest {

    /*
     * 14.2, a SYN into a blackhole: t_rxtcur = tcp_rexmit_initial, then each expiry
     * tcp_rexmit_initial x tcp_backoff[shift] + tcp_rexmit_slop (TCPT_RANGESET), capped at 64 s;
     * keepinit (75 s) ends it.
     *   rexmit_initial 2000, slop 200: 2.0; +2x2+0.2 = 6.2; +8.2 = 14.4; +16.2 = 30.6; +32.2 = 62.8;
     *     next +64 (64.2 capped) = 126.8 > 75.
     *   rexmit_initial 1000, slop 1 ms (the least: sysctl_msec_to_ticks refuses 0 ticks with
     *     EINVAL): 1.0; +2.001 = 3.001; +4.001 = 7.002; +8.001 = 15.003; +16.001 = 31.004;
     *     +32.001 = 63.005; next +64 > 75.
     * Before the registry, 14.2 had neither sysctl and used the constants 1 s and 200 ms.
     */
    @ParameterizedTest(name = "rexmit_initial={0} rexmit_slop={1}: SYNs at {2} ms")
    @CsvSource({"2000, 200, 0 2000 6200 14400 30600 62800", "1000, 1, 0 1000 3001 7002 15003 31004 63005"})
    @DisplayName("14.2: the SYN schedule follows net.inet.tcp.rexmit_initial and rexmit_slop")
    void synScheduleReadsSysctls(int initial, int slop, String expected) {
        TwoHosts n = new TwoHosts("14.2");
        n.client.sysctls().setByAdministrator("net.inet.tcp.rexmit_initial", initial);
        n.client.sysctls().setByAdministrator("net.inet.tcp.rexmit_slop", slop);
        n.link.from(n.client).setBlackhole(true);
        n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, null);
        n.runUntil(SimTime.seconds(80));
        List<Long> syns = n.sentBy("client").stream().filter(s -> s.packet().has(TcpFlags.SYN))
                .map(TwoHosts.Sent::time).toList();
        assertEquals(Arrays.stream(expected.split(" ")).map(ms -> SimTime.millis(Long.parseLong(ms))).toList(), syns);
    }

    /*
     * net.inet.tcp.keepcnt (9.x on): maxidle = keepcnt x keepintvl (TP_MAXIDLE). With keepcnt 2 on
     * 14.2: 2 x 75 s = 150 s. TcpStack.maxIdleMs looked for the sysctl before, but no release
     * had it, so it was always 8 x 75 = 600 s.
     */
    @Test
    @DisplayName("14.2: keepcnt is a sysctl (default 8) and sets maxidle = keepcnt x keepintvl")
    void keepcntSetsMaxIdle() {
        TwoHosts n = new TwoHosts("14.2");
        assertEquals(600_000, n.serverTcp.maxIdleMs());
        n.server.sysctls().setByAdministrator("net.inet.tcp.keepcnt", 2);
        assertEquals(150_000, n.serverTcp.maxIdleMs());
        assertEquals(600_000, new TwoHosts("6.4").serverTcp.maxIdleMs(), "6.x: static tcp_keepcnt = 8, no sysctl");
    }
}
