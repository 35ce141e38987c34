package dev.scn.engine.tcp;

import dev.scn.drill.DrillRunner;
import dev.scn.drill.DrillVerdict;
import dev.scn.drill.script.DrillParse;
import dev.scn.drill.script.DrillParser;
import dev.scn.engine.os.Profiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * When 14.2 acknowledges received data, with which window and SACK blocks: segments injected
 * from the wire into a server whose receive buffer is 65700 bytes (45 x 1460) and whose
 * delayed-ACK time is 40 ms, the unread data staying in the buffer (tcp_mss rounds recvspace
 * 65536 up to 45 x 1460). Written as packetdrill scripts and run by {@code scn drill}'s runner,
 * as the suite's rcv-data-segments scripts are; every expected line is derived in the comment.
 */
class ReceiveAckTest {
    private static final List<String> HANDSHAKE = List.of(
            "0.00 < S 0:0(0) win 65535 <mss 1460,sackOK,eol,eol>",
            "+0.00 > S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,eol,eol>",
            "+0.01 < . 1:1(0) ack 1 win 65535",
            "+0.00 accept(3, ..., ...) = 4");

    private static String play(String... lines) {
        return play("14.2", List.of(), HANDSHAKE, lines);
    }

    /** Runs a listener, the given handshake and lines on the release; null when every line held. */
    private static String play(String release, List<String> sysctls, List<String> handshake, String... lines) {
        List<String> all = new ArrayList<>(sysctls);
        all.add("+0.00 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3");
        all.add("+0.00 bind(3, ..., ...) = 0");
        all.add("+0.00 listen(3, 1) = 0");
        all.addAll(handshake);
        all.addAll(List.of(lines));
        String text = "--tolerance_usecs=10000\n" + String.join("\n", all) + "\n";
        DrillParse parse = DrillParser.parse(text, "inline.pkt", Path.of("inline.pkt"), DrillParser.DEFAULT_DEFINES);
        if (!parse.usable()) {
            return parse.diagnostics().sorted().toString();
        }
        DrillVerdict verdict = new DrillRunner(Profiles.exact(release).orElseThrow()).run(parse.script());
        return verdict.passed() ? null : verdict.describe();
    }

    /*
     * tcp_input, data step: in order with nothing queued, DELAY_ACK holds (no delack callout
     * running, 1000 <= t_maxseg 1460): TF_DELACK, the ACK goes when the 40 ms callout fires,
     * window 65700 - 1000 = 64700. 100 ms later a second segment is delayed again; the third,
     * 10 ms after it, finds the callout running: TF_ACKNOW, ack 3001 at once (one ACK for two
     * segments), window 65700 - 3000 = 62700.
     */
    @Test
    @DisplayName("in-order data: the first ACK is delayed 40 ms, the second segment is ACKed at once")
    void inOrderDelayed() {
        assertNull(play(
                "+0.00 < . 1:1001(1000) ack 1 win 65535",
                "+0.04 > . 1:1(0) ack 1001 win 64700",
                "+0.10 < . 1001:2001(1000) ack 1 win 65535",
                "+0.01 < . 2001:3001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 3001 win 62700"));
    }

    /*
     * Out of order (seq 1001 != rcv_nxt 1): tcp_reass queues it and TF_ACKNOW sends ack 1 at
     * once, with SACK 1001:2001; the queued bytes are not in so_rcv, the window stays
     * min(65700, 65535) = 65535. The segment filling the hole goes through tcp_reass too (the
     * queue is not empty): ack 2001 at once, window 65700 - 2000 = 63700, no block left
     * (tcp_update_dsack_list finds 1001:2001 at or below rcv_nxt).
     */
    @Test
    @DisplayName("out-of-order data and the segment filling the hole are ACKed at once; queued data keeps the window")
    void outOfOrderImmediate() {
        assertNull(play(
                "+0.00 < . 1001:2001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1 win 65535 <nop,nop,sack 1001:2001>",
                "+0.05 < . 1:1001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 2001 win 63700"));
    }

    /*
     * 13.x-era DELAY_ACK also requires tlen <= t_maxseg: a 2920-byte (LRO-sized) in-order
     * segment is ACKed at once, window 65700 - 2920 = 62780.
     */
    @Test
    @DisplayName("14.x: a segment longer than the MSS is ACKed at once")
    void longSegmentNotDelayed() {
        assertNull(play(
                "+0.00 < . 1:2921(2920) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 2921 win 62780"));
    }

    /*
     * A retransmission of data already received (seq 1 < rcv_nxt 1001, wholly old): the trim
     * drops all 1000 bytes, records D-SACK 1:1001 (tcp_update_sack_list) and sets TF_ACKNOW:
     * ack 1001 at once, window 65700 - 1000 = 64700 (the ACK delayed for the first segment is
     * the one that goes). Once sent, the block is cleaned: the next out-of-order segment reports
     * only itself.
     */
    @Test
    @DisplayName("a duplicate segment is ACKed at once with a D-SACK block, reported once")
    void duplicateReportedOnce() {
        assertNull(play(
                "+0.00 < . 1:1001(1000) ack 1 win 65535",
                "+0.01 < . 1:1001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1001 win 64700 <nop,nop,sack 1:1001>",
                "+0.01 < . 2001:3001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1001 win 64700 <nop,nop,sack 2001:3001>"));
    }

    /*
     * SACK needs TF_SACK_PERMIT: a peer whose SYN carried no SACK-permitted option gets no SACK
     * option (tcp_input.c / syncache: SCF_SACK only from TOF_SACKPERM), and neither does one when
     * net.inet.tcp.sack.enable = 0 (tcp_dooptions ignores the option). The out-of-order segment
     * is still ACKed at once with ack 1, window 65535.
     */
    @Test
    @DisplayName("no SACK blocks unless both SYNs carried SACK-permitted and sack.enable is on")
    void sackOnlyWhenNegotiated() {
        List<String> plainSyn = new ArrayList<>(HANDSHAKE);
        plainSyn.set(0, "0.00 < S 0:0(0) win 65535 <mss 1460>");
        plainSyn.set(1, "+0.00 > S. 0:0(0) ack 1 win 65535 <mss 1460>");
        assertNull(play("14.2", List.of(), plainSyn,
                "+0.00 < . 1001:2001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1 win 65535"));
        List<String> synAckWithoutSack = new ArrayList<>(HANDSHAKE);
        synAckWithoutSack.set(1, "+0.00 > S. 0:0(0) ack 1 win 65535 <mss 1460>");
        assertNull(play("14.2", List.of(" 0.00 `sysctl -w net.inet.tcp.sack.enable=0`"), synAckWithoutSack,
                "+0.00 < . 1001:2001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1 win 65535"));
    }

    /*
     * Before D-SACK (11.4, the classic tcp_update_sack_list of the 8.x text; that 11.x lacks
     * D-SACK is UNVERIFIED): the out-of-order 1001:2001 is reported, its retransmission only
     * re-reports the same block (no duplicate block first), and the wholly old 1:1001 resent
     * after the hole is filled draws an immediate ACK without any block. Window 65535 (cap) and
     * then 65700 - 2000 = 63700.
     */
    @Test
    @DisplayName("11.4: SACK blocks but no D-SACK")
    void classicSackWithoutDsack() {
        assertNull(play("11.4", List.of(), HANDSHAKE,
                "+0.00 < . 1001:2001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1 win 65535 <nop,nop,sack 1001:2001>",
                "+0.01 < . 1001:2001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 1 win 65535 <nop,nop,sack 1001:2001>",
                "+0.01 < . 1:1001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 2001 win 63700",
                "+0.01 < . 1:1001(1000) ack 1 win 65535",
                "+0.00 > . 1:1(0) ack 2001 win 63700"));
    }
}
