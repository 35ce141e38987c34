package dev.scn.drill.script;

import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.antlr.PacketdrillParser;
import org.antlr.v4.runtime.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parse tree of a syntactically sound script to a {@link DrillScript}: options, init and
 * cleanup commands, events with their timing, {@code #ifdef} blocks kept or dropped. Checks what
 * packetdrill's parser.y checks beyond the grammar (ranges, placement of {@code *} and time
 * ranges); problems go to the diagnostics.
 */
final class ScriptBuilder {
    private final Path path;
    private final String file;
    private final Set<String> defines;
    private final Diagnostics diagnostics;
    private final Values values;
    private final PacketBuilder packets;
    private final ExprBuilder exprs;

    /** @param defines the #ifdef names that are defined, lower case */
    ScriptBuilder(Path path, String file, Set<String> defines, Diagnostics diagnostics) {
        this.path = path;
        this.file = file;
        this.defines = defines;
        this.diagnostics = diagnostics;
        this.values = new Values(file, diagnostics);
        this.packets = new PacketBuilder(file, diagnostics, values);
        this.exprs = new ExprBuilder(values);
    }

    DrillScript build(PacketdrillParser.ScriptContext ctx) {
        List<ScriptOption> options = new ArrayList<>();
        for (PacketdrillParser.OptionContext o : ctx.option()) {
            options.add(option(o.OPTION().getSymbol()));
        }
        List<Step> steps = new ArrayList<>();
        for (PacketdrillParser.ItemContext item : ctx.item()) {
            if (item.event() != null) {
                steps.add(event(item.event()));
            } else if (defined(item.ifdef().IFDEF().getText())) {
                for (PacketdrillParser.EventContext e : item.ifdef().event()) {
                    steps.add(event(e));
                }
            }
        }
        return new DrillScript(path, options, steps, untimed(ctx.initCommand), untimed(ctx.cleanupCommand));
    }

    /** packetdrill's lexer matches the name case-insensitively ((?i:FreeBSD) in lexer.l). */
    private boolean defined(String ifdef) {
        String name = ifdef.substring("#ifdef".length()).strip();
        return defines.contains(name.toLowerCase(Locale.ROOT));
    }

    private ScriptOption option(Token t) {
        String text = t.getText().substring(2);
        int eq = text.indexOf('=');
        if (eq < 0) {
            return new ScriptOption(text, null, t.getLine());
        }
        if (eq == text.length() - 1) {
            diagnostics.error(Code.DRILL_SYNTAX.id(), Spans.of(file, t), "expected a value after '='",
                    "write --name=value, e.g. --tolerance_usecs=10000");
        }
        return new ScriptOption(text.substring(0, eq), text.substring(eq + 1), t.getLine());
    }

    private ShellStep untimed(Token command) {
        if (command == null) {
            return null;
        }
        return new ShellStep(command.getLine(), command.getCharPositionInLine() + 1, Timing.none(),
                unquote(command.getText(), 1));
    }

    private Step event(PacketdrillParser.EventContext e) {
        Timing timing = timing(e.time());
        int line = e.getStart().getLine();
        int column = e.getStart().getCharPositionInLine() + 1;
        PacketdrillParser.ActionContext a = e.action();
        boolean outboundPacket = a.packet() != null && a.packet().direction().GT() != null;
        if (!outboundPacket && (timing.kind() == Timing.Kind.ANY || timing.kind() == Timing.Kind.RANGE)) {
            diagnostics.error(Code.DRILL_MISPLACED.id(), Spans.of(file, e.time()),
                    (timing.kind() == Timing.Kind.ANY ? "'*'" : "a time range") + " before something other than an "
                            + "outbound packet", "packetdrill lets only a packet the stack sends (>) come at any time "
                            + "or within a range; a blocking call is written 1.0...2.0 call(...)");
        }
        if (a.packet() != null) {
            return packets.build(a.packet(), line, column, timing);
        }
        if (a.syscall() != null) {
            return syscall(a.syscall(), line, column, timing);
        }
        if (a.BACKQUOTED() != null) {
            return new ShellStep(line, column, timing, unquote(a.BACKQUOTED().getText(), 1));
        }
        return new CodeStep(line, column, timing, code(a.CODE().getText()));
    }

    private Timing timing(PacketdrillParser.TimeContext t) {
        if (t instanceof PacketdrillParser.AnyTimeContext) {
            return Timing.any();
        }
        if (t instanceof PacketdrillParser.RelativeTimeContext r) {
            return Timing.relative(micros(r.at));
        }
        if (t instanceof PacketdrillParser.AbsoluteTimeContext a) {
            return Timing.absolute(micros(a.at));
        }
        boolean relative = t instanceof PacketdrillParser.RelativeRangeContext;
        PacketdrillParser.NumberContext start = relative ? ((PacketdrillParser.RelativeRangeContext) t).start
                : ((PacketdrillParser.AbsoluteRangeContext) t).start;
        PacketdrillParser.NumberContext end = relative ? ((PacketdrillParser.RelativeRangeContext) t).end
                : ((PacketdrillParser.AbsoluteRangeContext) t).end;
        long from = micros(start);
        long to = micros(end);
        if (to < from) {
            values.error(end.getStart(), "time range is backwards: it ends before it starts", null);
        }
        return Timing.range(from, to, relative);
    }

    private long micros(PacketdrillParser.NumberContext n) {
        return values.micros(n.getStart());
    }

    private SyscallStep syscall(PacketdrillParser.SyscallContext s, int line, int column, Timing timing) {
        Long endUs = s.end == null ? null : micros(s.end);
        List<Expr> args = exprs.all(s.expr().subList(0, s.expr().size() - 1));
        Expr result = exprs.expr(s.result);
        String note = s.note() == null ? null
                : Spans.between(s.note().getStart(), s.note().getStop(), false).strip();
        String errno = s.errno == null ? null : s.errno.getText();
        return new SyscallStep(line, column, timing, s.name.getText(), args, result, errno,
                errno != null ? note : null, errno == null ? note : null, endUs);
    }

    /** The text between the delimiters ({@code `...`}). */
    private static String unquote(String text, int delimiter) {
        return text.substring(delimiter, text.length() - delimiter);
    }

    /** Between %{ and }%, spaces and tabs stripped at both ends (packetdrill's lexer.l, code()). */
    private static String code(String text) {
        String inner = text.substring(2, text.length() - 2);
        int from = 0;
        int to = inner.length();
        while (from < to && (inner.charAt(from) == ' ' || inner.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (inner.charAt(to - 1) == ' ' || inner.charAt(to - 1) == '\t')) {
            to--;
        }
        return inner.substring(from, to);
    }
}
