package dev.scn.drill;

import dev.scn.drill.script.DrillParse;
import dev.scn.drill.script.DrillParser;
import dev.scn.engine.os.Profiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner's own rules, on short scripts written here: how a {@code >} line is matched (fields
 * in packetdrill's order, relative sequence numbers, the tolerance), how calls and commands are
 * checked, and that the first line that does not hold stops the script with packetdrill's words.
 * The expected segments are FreeBSD 14's answers as the suite records them (its
 * rcv-data-segments scripts open connections exactly like {@link #PASSIVE_OPEN}).
 */
class DrillRunnerTest {
    /** A listener, the peer's SYN offering MSS and SACK, FreeBSD's SYN-ACK, the final ACK, accept. */
    static final String PASSIVE_OPEN = """
            --tolerance_usecs=10000
             0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0.00 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
            +0.00 bind(3, ..., ...) = 0
            +0.00 listen(3, 1) = 0
            +0.00 < S   0:0(0) win 65535 <mss 1460,sackOK,eol,eol>
            +0.00 > S.  0:0(0) ack 1 win 65535 <mss 1460,sackOK,eol,eol>
            +0.01 <  .  1:1(0) ack 1 win 65535
            +0.00 accept(3, ..., ...) = 4
            """;

    private static DrillVerdict run(String text) {
        DrillParse parse = DrillParser.parse(text, "t.pkt", Path.of("t.pkt"), DrillParser.DEFAULT_DEFINES);
        assertTrue(parse.usable(), () -> parse.diagnostics().sorted().toString());
        return new DrillRunner(Profiles.newest()).run(parse.script());
    }

    @Test
    void passiveOpenAsFreeBsdAnswersIt() {
        DrillVerdict v = run(PASSIVE_OPEN + "+0.00 close(4) = 0\n+0.00 > F. 1:1(0) ack 1 win 65535\n");
        assertTrue(v.passed(), v::describe);
        assertEquals("PASS t.pkt", v.describe());
    }

    /*
     * ECN on the passive side (14.x tcp_ecn.c tcp_ecn_syncache_add/_respond/_socket): the peer's
     * SYN with ECE|CWR ("SEW") gets a SYN-ACK with ECE ("SE."), and the 10 bytes written after
     * accept leave ECT(0). The [ect0] mark on the '>' line is compared; [noecn] there fails on
     * the ECN field, named as the other fields are.
     */
    @Test
    void ecnMarksAreSetAndCompared() {
        String script = PASSIVE_OPEN.replace("< S   0:0(0)", "< SEW 0:0(0)").replace("> S.  0:0(0)", "> SE. 0:0(0)")
                + "+0.00 write(4, ..., 10) = 10\n"
                + "+0.00 >[ect0] P. 1:11(10) ack 1 win 65535\n";
        DrillVerdict v = run(script);
        assertTrue(v.passed(), v::describe);
        DrillVerdict wrong = run(script.replace(">[ect0]", ">[noecn]"));
        assertEquals("FAIL t.pkt:11: error handling packet: live packet field ip_ecn: expected: noecn vs actual: ect0",
                wrong.describe());
        // Without ECE|CWR on the SYN: a plain SYN-ACK, so "SE." names the missing ECE bit.
        DrillVerdict plain = run(PASSIVE_OPEN.replace("> S.  0:0(0)", "> SE. 0:0(0)"));
        assertEquals("FAIL t.pkt:7: error handling packet: live packet field tcp_ece: expected: 1 vs actual: 0",
                plain.describe());
    }

    @Test
    void aWrongAckNamesTheFieldWithRelativeNumbers() {
        // The SYN-ACK acknowledges the peer's SYN: ack 1 relative to the peer's ISN, whatever its value.
        DrillVerdict v = run(PASSIVE_OPEN.replace("> S.  0:0(0) ack 1", "> S.  0:0(0) ack 2"));
        assertEquals("FAIL t.pkt:7: error handling packet: live packet field tcp_ack: expected: 2 vs actual: 1",
                v.describe());
    }

    @Test
    void aSegmentOutsideTheToleranceIsATimingError() {
        // The SYN-ACK leaves at once (0.000); expected 0.5 s later with 10 ms tolerance.
        DrillVerdict v = run(PASSIVE_OPEN.replace("+0.00 > S.", "+0.50 > S."));
        assertEquals(7, v.line());
        assertEquals("error handling packet: timing error: expected outbound packet at 0.500000 sec but happened at "
                + "0.000000 sec; tolerance 0.010000 sec", v.message());
    }

    @Test
    void aSegmentThatNeverComesTimesOut() {
        // After accept nothing is due: no FIN, no data, so a '>' line waits until 1.01 + 0.01 s in vain.
        DrillVerdict v = run(PASSIVE_OPEN + "+1.00 > F. 1:1(0) ack 1 win 65535\n");
        assertEquals(10, v.line());
        assertEquals("error handling packet: timed out waiting for packet expected at 1.010000 sec", v.message());
    }

    @Test
    void aCallsResultAndErrnoAreChecked() {
        // Nothing to read on a non-blocking socket: EAGAIN, which scripts also spell EWOULDBLOCK.
        String script = PASSIVE_OPEN + "+0.00 fcntl(4, F_SETFL, O_RDWR | O_NONBLOCK) = 0\n"
                + "+0.00 recv(4, ..., 1024, 0) = -1 EWOULDBLOCK (Operation would block)\n";
        assertTrue(run(script).passed(), () -> run(script).describe());
        DrillVerdict v = run(script.replace("= -1 EWOULDBLOCK (Operation would block)", "= 0"));
        assertEquals("FAIL t.pkt:11: runtime error in recv call: Expected result 0 but got -1 with errno 35 "
                + "(Resource temporarily unavailable)", v.describe());
    }

    @Test
    void aGetsockoptValueIsCompared() {
        // Before any connection SO_RCVBUF is net.inet.tcp.recvspace, 65536.
        String script = " 0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0.00 getsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], [4]) = 0\n";
        assertTrue(run(script).passed(), () -> run(script).describe());
        assertEquals("FAIL t.pkt:2: runtime error in getsockopt call: Bad getsockopt optval: expected: 1 actual: 65536",
                run(script.replace("[65536]", "[1]")).describe());
    }

    @Test
    void sysctlAndSockstatAnswerFromTheHost() {
        String script = " 0.00 `sysctl -w net.inet.tcp.insecure_rst=1`\n"
                + "+0.00 `sysctl -w net.inet.tcp.no_such_thing=1`\n";
        DrillVerdict v = run(script);
        assertEquals(2, v.line());
        assertEquals("error executing `sysctl -w net.inet.tcp.no_such_thing=1` command: sysctl: unknown oid "
                + "'net.inet.tcp.no_such_thing'", v.message());
        // One listening socket of the script's: sockstat counts it as LISTEN, and none in TIME_WAIT.
        String sockstat = PASSIVE_OPEN
                + "+0.00 `sockstat -4 -P tcp -s | grep packetdril | grep -c ESTABLISHED | grep 1`\n"
                + "+0.00 `sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1`\n";
        DrillVerdict s = run(sockstat);
        assertEquals(11, s.line(), s::describe);
        assertTrue(s.message().contains("sockstat counted 0 sockets in TIME_WAIT"), s::describe);
    }

    @Test
    void tcpdropEndsTimeWait() {
        // The host closes first: FIN, the peer's FIN|ACK, the host's last ACK, then TIME_WAIT,
        // which sockstat sees on port 8080 until tcpdrop -s TIME_WAIT drops it.
        String script = PASSIVE_OPEN
                + "+0.00 close(4) = 0\n"
                + "+0.00 > F. 1:1(0) ack 1 win 65535\n"
                + "+0.01 < F. 1:1(0) ack 2 win 65535\n"
                + "+0.00 > . 2:2(0) ack 2 win 65535\n"
                + "+0.00 `sockstat -4 -P tcp -s -p 8080 | grep -c TIME_WAIT | grep 1`\n"
                + "+0.00 `tcpdrop -s TIME_WAIT`\n"
                + "+0.00 `sockstat -4 -P tcp -s -p 8080 | grep -c TIME_WAIT | grep 0`\n";
        DrillVerdict v = run(script);
        assertTrue(v.passed(), v::describe);
        DrillVerdict without = run(script.replace("+0.00 `tcpdrop -s TIME_WAIT`\n", ""));
        assertEquals(15, without.line(), without::describe);
    }

    @Test
    void aCommandScnDoesNotModelFailsTheScriptByName() {
        DrillVerdict v = run(" 0.00 `ifconfig em0 mtu 9000`\n");
        assertEquals("FAIL t.pkt:1: error executing `ifconfig em0 mtu 9000` command: command not supported by scn drill",
                v.describe());
    }

    @Test
    void tcpInfoStateIsAsserted() {
        assertTrue(run(PASSIVE_OPEN + "+0.00 %{ assert tcpi_state == TCPI_ESTABLISHED }%\n").passed());
        DrillVerdict v = run(PASSIVE_OPEN + "+0.00 %{ assert tcpi_state == TCPI_CLOSING }%\n");
        assertEquals("FAIL t.pkt:10: AssertionError: assert tcpi_state == TCPI_CLOSING (tcpi_state is TCPI_ESTABLISHED)",
                v.describe());
    }

    @Test
    void sameScriptSameVerdict() {
        String script = PASSIVE_OPEN.replace("ack 1 win 65535 <mss", "ack 1 win 1 <mss");
        assertEquals(run(script), run(script));
    }
    /*
     * packetdrill's blocking call: "1.00...6.00 connect" starts at 1.0 and must return at 6.0.
     * TCP_KEEPINIT 5 s: tcp_timer_keep drops the SYN_SENT connection at 1.0 + 5.0 = 6.0 with
     * ETIMEDOUT; meanwhile the SYNs leave at 1.0, 2.0 (+1.0) and 4.2 (+2.2: rexmit_initial 1 s x
     * tcp_backoff[1] 2 + rexmit_slop 0.2 s). With a range ending at 5.0 the call is still asleep
     * at 5.0 + 0.025 s.
     */
    @Test
    void aTimeRangeCallSleepsWhileTheScriptGoesOnAndReturnsAtItsEnd() {
        String script = " 0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0.00 setsockopt(3, IPPROTO_TCP, TCP_KEEPINIT, [5], 4) = 0\n"
                + " 1.00...6.00 connect(3, ..., ...) = -1 ETIMEDOUT (Operation timed out)\n"
                + "+0.00 > S  0:0(0) win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 100 ecr 0>\n"
                + "+1.00 > S  0:0(0) win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 1100 ecr 0>\n"
                + "+2.20 > S  0:0(0) win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 3300 ecr 0>\n"
                + " 7.00 close(3) = 0\n";
        String withTolerance = "--tolerance_usecs=25000\n" + script;
        assertTrue(run(withTolerance).passed(), () -> run(withTolerance).describe());
        DrillVerdict early = run(withTolerance.replace("1.00...6.00", "1.00...5.00"));
        assertEquals("FAIL t.pkt:4: runtime error in connect call: it blocked and did not return within the tolerance",
                early.describe());
    }
    /* --mtu sets the interface MTU: the SYN offers 9000 - 40 = 8960 (tcp_mssopt); below IF_MINMTU 72 it is refused. */
    @Test
    void theMtuOptionSetsTheInterfaceMtu() {
        String script = "--mtu=9000\n"
                + " 0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
                + "+0.00 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0\n"
                + "+0.00 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n"
                + "+0.00 > S 0:0(0) <mss 8960,nop,wscale 6,sackOK,TS val 100 ecr 0>\n";
        assertTrue(run(script).passed(), () -> run(script).describe());
        assertEquals("FAIL t.pkt:1: not modelled by scn: --mtu=71 (FreeBSD accepts 72 to 65535)",
                run(script.replace("9000", "71")).describe());
    }
}
