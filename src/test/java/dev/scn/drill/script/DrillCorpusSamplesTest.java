package dev.scn.drill.script;

import dev.scn.drill.script.Expr.Ellipsis;
import dev.scn.drill.script.Expr.ListExpr;
import dev.scn.drill.script.Expr.Num;
import dev.scn.drill.script.Expr.Or;
import dev.scn.drill.script.Expr.Sym;
import dev.scn.drill.script.TcpOpt.SackBlock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lines of the suite read by hand and the tree the parser must make of them: every expected value
 * below is copied from the script's text quoted in the comment, not from the parser's output.
 */
class DrillCorpusSamplesTest {

    private static DrillScript parse(String relative) {
        DrillParse parsed = DrillParser.parse(SuiteCorpus.script(relative));
        assertTrue(parsed.usable(), () -> parsed.diagnostics().sorted().toString());
        return parsed.script();
    }

    private static <T extends Step> T at(DrillScript script, int line, Class<T> type) {
        for (Step s : script.steps()) {
            if (s.line() == line) {
                return type.cast(s);
            }
        }
        throw new AssertionError("no step at line " + line);
    }

    private static final String TOS = "socket-api/setsockopt/socket-api-setsockopt-tos-active-ipv4.pkt";

    @Test
    @DisplayName("options, and a SYN with the full option list (tos-active line 55)")
    void synWithOptions() {
        DrillScript s = parse(TOS);
        // lines 27-30: --ip_version=ipv4 --udp_encapsulation=tcp --tolerance_usecs=250000 --non_fatal=syscall
        assertEquals(List.of(new ScriptOption("ip_version", "ipv4", 27), new ScriptOption("udp_encapsulation", "tcp", 28),
                new ScriptOption("tolerance_usecs", "250000", 29), new ScriptOption("non_fatal", "syscall", 30)),
                s.options());
        assertEquals("250000", s.option("tolerance_usecs"));
        // +0.00 > (tos 0x20) S     0:0(0)                win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 100 ecr 0>
        PacketStep p = at(s, 55, PacketStep.class);
        assertEquals(new PacketStep(55, 1, Timing.relative(0), Direction.OUTBOUND, 0x20, "S", 0, 0, 0, false, null,
                65535L, List.of(new TcpOpt.Mss(1460), new TcpOpt.Nop(), new TcpOpt.WScale(6), new TcpOpt.SackOk(),
                new TcpOpt.Timestamp(100, 0)), null, null, null, false), p);
    }

    @Test
    @DisplayName("an RST-ACK with absolute sequence numbers and UDP encapsulation (tos-active line 73)")
    void absoluteRstOverUdp() {
        // +0.00 > (tos 0x20) R.    0:0(0)!      ack    2 win     0/udp(9811 > 1)
        PacketStep p = at(parse(TOS), 73, PacketStep.class);
        assertEquals(new PacketStep(73, 1, Timing.relative(0), Direction.OUTBOUND, 0x20, "R.", 0, 0, 0, true, 2L,
                0L, null, new UdpEncap(9811, 1), null, null, false), p);
        assertTrue(p.hasFlag('R') && p.hasFlag('.') && !p.hasFlag('S'));
    }

    @Test
    @DisplayName("data, SACK blocks with spaces, fcntl with a note, an or-ed argument (tos-active)")
    void syscallsAndSack() {
        DrillScript s = parse(TOS);
        // +0.00 fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)
        assertEquals(new SyscallStep(50, 1, Timing.relative(0), "fcntl", List.of(new Num(3), new Sym("F_GETFL")),
                new Num(2), null, null, "flags O_RDWR", null), at(s, 50, SyscallStep.class));
        // +0.00 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0
        assertEquals(List.of(new Num(3), new Sym("F_SETFL"), new Or(List.of(new Sym("O_RDWR"), new Sym("O_NONBLOCK")))),
                at(s, 51, SyscallStep.class).args());
        // +0.00 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
        assertEquals(new SyscallStep(54, 1, Timing.relative(0), "connect", List.of(new Num(3), new Ellipsis(),
                new Ellipsis()), new Num(-1), "EINPROGRESS", "Operation now in progress", null, null),
                at(s, 54, SyscallStep.class));
        // +0.10 < (tos 0x28)  .    1:1(0)       ack 2921 win 32767 <sack 4381:5841, nop, nop>
        PacketStep sack = at(s, 97, PacketStep.class);
        assertEquals(Timing.relative(100_000), sack.timing());
        assertEquals(List.of(new TcpOpt.Sack(List.of(new SackBlock(4381, 5841))), new TcpOpt.Nop(), new TcpOpt.Nop()),
                sack.options());
        // +0.00 > (tos 0xe0) P. 1461:2921(1460) ack    1 win 65535
        PacketStep data = at(s, 86, PacketStep.class);
        assertEquals(List.of(0xe0, "P.", 1461L, 2921L, 1460), List.of(data.tos(), data.flags(), data.seqStart(),
                data.seqEnd(), data.length()));
    }

    @Test
    @DisplayName("getsockopt with [ECONNRESET], [4] (rcv-syn-closing line 63)")
    void getsockoptList() {
        // +0.00 getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNRESET], [4]) = 0
        SyscallStep g = at(parse("state-event-engine/rcv-syn-closing/rcv-syn-closing-right-edge-insecure-ipv4.pkt"),
                63, SyscallStep.class);
        assertEquals("getsockopt", g.name());
        assertEquals(List.of(new Num(3), new Sym("SOL_SOCKET"), new Sym("SO_ERROR"),
                new ListExpr(List.of(new Sym("ECONNRESET"))), new ListExpr(List.of(new Num(4)))), g.args());
        assertEquals(new Num(0), g.result());
        assertNull(g.errno());
    }

    @Test
    @DisplayName("a multi-line init command, md5 options and the cleanup command (md5-active)")
    void md5Script() {
        DrillScript s = parse("socket-api/setsockopt/socket-api-setsockopt-md5-active-ipv4.pkt");
        assertEquals("secret", s.option("tcp_md5_secret"));
        // lines 33-34, written without a time after the options
        assertEquals(new ShellStep(33, 7, Timing.none(), "kldstat -q -m tcpmd5 || kldload tcpmd5; echo 'add "
                + "192.168.0.1 192.0.2.1 tcp 0x1000 -A tcp-md5 \"secret\" ;\n             add 192.0.2.1 "
                + "192.168.0.1 tcp 0x1001 -A tcp-md5 \"secret\" ;' | setkey -c"), s.initCommand());
        // the last line, 117:       `setkey -F`
        assertEquals(new ShellStep(117, 7, Timing.none(), "setkey -F"), s.cleanupCommand());
        // +0.10 <  .    1:1(0)       ack 1441 win 32767 <nop,nop,md5 valid,nop,nop,sack 2881:4321>
        PacketStep p = at(s, 97, PacketStep.class);
        assertEquals(List.of(new TcpOpt.Nop(), new TcpOpt.Nop(), new TcpOpt.Md5("valid"), new TcpOpt.Nop(),
                new TcpOpt.Nop(), new TcpOpt.Sack(List.of(new SackBlock(2881, 4321)))), p.options());
        assertEquals(Direction.INBOUND, p.dir());
    }

    @Test
    @DisplayName("'*' timing with <...>, and '+ 1.00' with a space (snd-syn-rtx-max-number)")
    void anyTime() {
        DrillScript s = parse("snd-syn/snd-syn-rtx-max-number-ipv4.pkt");
        // *      > S  0:0(0) win 65535 <...>
        PacketStep any = at(s, 63, PacketStep.class);
        assertEquals(Timing.any(), any.timing());
        assertEquals(List.of(new TcpOpt.Any()), any.options());
        // + 2.20 > S  0:0(0) win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 3300 ecr 0>
        assertEquals(Timing.relative(2_200_000), at(s, 62, PacketStep.class).timing());
    }

    @Test
    @DisplayName("a blocking connect written 1.00...6.00 (snd-syn-rtx-keepinit line 58)")
    void blockingCall() {
        //  1.00...6.00 connect(3, ..., ...) = -1 ETIMEDOUT (Operation timed out)
        SyscallStep c = at(parse("snd-syn/snd-syn-rtx-keepinit-ipv4.pkt"), 58, SyscallStep.class);
        assertEquals(new SyscallStep(58, 2, Timing.absolute(1_000_000), "connect", List.of(new Num(3), new Ellipsis(),
                new Ellipsis()), new Num(-1), "ETIMEDOUT", "Operation timed out", null, 6_000_000L), c);
    }

    @Test
    @DisplayName("ECN marks, a packet without win, write with a space, a code block (syn-rcvd-via-syn-sent-ecn10)")
    void ecnAndCode() {
        DrillScript s = parse("snippets/syn-rcvd-via-syn-sent-ipv4-ecn10.pkt");
        // +0.00 %{ assert tcpi_state == TCPI_SYN_RECEIVED }%
        assertEquals(new CodeStep(54, 1, Timing.relative(0), "assert tcpi_state == TCPI_SYN_RECEIVED"),
                at(s, 54, CodeStep.class));
        // +0.01 <[noecn] . 1:1(0) ack 1 win 65535
        PacketStep in = at(s, 56, PacketStep.class);
        assertEquals(List.of("noecn", ".", 10_000L), List.of(in.ecn(), in.flags(), in.timing().startUs()));
        // +0.00 write (3, ..., 10) = 10
        assertEquals(List.of(new Num(3), new Ellipsis(), new Num(10)), at(s, 60, SyscallStep.class).args());
        // +0.00 >[noecn] P. 1:11(10) ack 1
        PacketStep out = at(s, 61, PacketStep.class);
        assertEquals(List.of("noecn", 1L, 11L, 10, 1L), List.of(out.ecn(), out.seqStart(), out.seqEnd(),
                out.length(), out.ack()));
        assertNull(out.window());
        assertNull(out.options());
    }

    @Test
    @DisplayName("#ifdef FreeBSD kept, #ifdef STANDARD dropped; ...(0) sequence (rcv-syn-fin-time-wait)")
    void ifdefAndAnySeq() {
        String f = "state-event-engine/rcv-syn-fin-time-wait/rcv-syn-fin-time-wait-using-shutdown-outside-right-secure-drop-ipv4.pkt";
        DrillScript s = parse(f);
        List<Integer> lines = s.steps().stream().map(Step::line).toList();
        // events 67 and 69 are inside #ifdef STANDARD (66-70), 72, 73, 75, 76 inside #ifdef FreeBSD (71-77)
        assertEquals(List.of(65, 72, 73, 75, 76, 78), lines.subList(lines.indexOf(65), lines.indexOf(78) + 1));
        DrillParse standard = DrillParser.parse(SuiteCorpus.script(f), java.util.Set.of("standard"));
        List<Integer> both = standard.script().steps().stream().map(Step::line).toList();
        assertEquals(List.of(65, 67, 69, 78), both.subList(both.indexOf(65), both.indexOf(78) + 1));

        // +0.00 > S.     ...(0)     ack 65538 win 65535 <mss 1460,sackOK,eol,eol>
        PacketStep any = at(parse("state-event-engine/rcv-syn-fin-time-wait/"
                + "rcv-syn-fin-time-wait-using-shutdown-outside-right-insecure-nodrop-ipv4.pkt"), 72, PacketStep.class);
        assertTrue(any.anySeq());
        assertEquals(List.of(0, 65538L), List.of(any.length(), any.ack()));
    }
}
