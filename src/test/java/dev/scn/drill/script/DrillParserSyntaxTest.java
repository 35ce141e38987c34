package dev.scn.drill.script;

import dev.scn.drill.script.Expr.Ellipsis;
import dev.scn.drill.script.Expr.Field;
import dev.scn.drill.script.Expr.ListExpr;
import dev.scn.drill.script.Expr.Num;
import dev.scn.drill.script.Expr.Str;
import dev.scn.drill.script.Expr.Struct;
import dev.scn.drill.script.Expr.Sym;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Constructs of packetdrill's language that the suite uses rarely or not at all, written here. */
class DrillParserSyntaxTest {

    private static DrillScript parse(String text) {
        DrillParse parsed = DrillParser.parse(text, "t.pkt", Path.of("t.pkt"), Set.of("FreeBSD"));
        assertTrue(parsed.usable(), () -> parsed.diagnostics().sorted().toString());
        return parsed.script();
    }

    private static Step first(String text) {
        return parse(text).steps().get(0);
    }

    @Test
    @DisplayName("timings: absolute, relative, integer seconds, ranges, '*', microsecond truncation")
    void timings() {
        assertEquals(Timing.absolute(100_000), first("0.10 close(3) = 0").timing());
        assertEquals(Timing.relative(100_000), first("+0.10 close(3) = 0").timing());
        assertEquals(Timing.relative(250_000), first("+ .25 close(3) = 0").timing());
        assertEquals(Timing.absolute(3_000_000), first("3 close(3) = 0").timing());
        // packetdrill converts with (s64)(secs * 1e6): the 0.5 us left over is dropped
        assertEquals(Timing.absolute(1), first("0.0000015 close(3) = 0").timing());
        assertEquals(new Timing(Timing.Kind.RANGE, 100_000, 200_000, false), first("0.1~0.2 > S 0:0(0)").timing());
        assertEquals(new Timing(Timing.Kind.RANGE, 100_000, 200_000, true), first("+0.1~+0.2 > S 0:0(0)").timing());
        assertEquals(Timing.any(), first("* > S 0:0(0)").timing());
    }

    @Test
    @DisplayName("a relative blocking call keeps its end as written")
    void relativeBlockingCall() {
        SyscallStep s = (SyscallStep) first("+0...0.5 accept(3, ..., ...) = 4");
        assertEquals(Timing.relative(0), s.timing());
        assertEquals(500_000L, s.endUs());
        assertEquals(new Num(4), s.result());
    }

    @Test
    @DisplayName("expressions: hex, negative, string, empty list, struct, three names or-ed")
    void expressions() {
        SyscallStep s = (SyscallStep) first("+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0");
        assertEquals(new Struct(List.of(new Field("onoff", new Num(1)), new Field("linger", new Num(0)))),
                s.args().get(3));
        SyscallStep t = (SyscallStep) first("+0 f(0x10, -5, \"a b\", [], A | B | C) = -1 EAGAIN");
        assertEquals(List.of(new Num(16), new Num(-5), new Str("a b"), new ListExpr(List.of()),
                new Expr.Or(List.of(new Sym("A"), new Sym("B"), new Sym("C")))), t.args());
        assertEquals("EAGAIN", t.errno());
        assertNull(t.errnoNote());
        SyscallStep none = (SyscallStep) first("+0 getpid() = ...");
        assertEquals(List.of(), none.args());
        assertEquals(new Ellipsis(), none.result());
    }

    @Test
    @DisplayName("packets: no flags, (tos, ttl), [ect0], ecn ce, unknown option kept as text, comments anywhere")
    void packets() {
        PacketStep p = (PacketStep) first("+0 < (tos 0x20, ttl 64) - 1:1(0) win 0 /* c */ <FO abc> // c");
        assertEquals(List.of("", 0x20, 64), List.of(p.flags(), p.tos(), p.ttl()));
        assertEquals(List.of(new TcpOpt.Other("FO abc")), p.options());
        PacketStep q = (PacketStep) first("+0 > [ect0] SEW 0:0(0)");
        assertEquals(List.of("ect0", "SEW"), List.of(q.ecn(), q.flags()));
        assertNull(q.window());
        assertEquals("ce", ((PacketStep) first("+0 > (ecn ce) . 1:1(0)")).ecn());
    }

    @Test
    @DisplayName("a trailing // comment glued to a result, CRLF line ends, a BOM, #ifdef case-insensitive")
    void layout() {
        DrillScript s = parse("\uFEFF--x\r\n+0 close(3) = 0//end\r\n#ifdef freebsd\r\n+0 close(4) = 0\r\n#endif\r\n");
        assertEquals(List.of(new ScriptOption("x", null, 1)), s.options());
        assertNull(s.option("x"));
        assertEquals(List.of(2, 4), s.steps().stream().map(Step::line).toList());
        assertNull(s.initCommand());
    }
}
