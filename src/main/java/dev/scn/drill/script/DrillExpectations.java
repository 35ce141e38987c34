package dev.scn.drill.script;

import dev.scn.lang.antlr.PacketdrillParser;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.List;

/** Says in packetdrill's terms what the parser expected where a syntax error happened. */
final class DrillExpectations {
    static final String EVENT_HINT = "every event starts with its time (0.10, +0.10, * or 0.1~0.2); "
            + "a `command` without a time may come only first (after the options) or last";
    static final String FLAGS_HINT = "flags are the letters F S R P U E W C, with '.' for ACK (S., F.) "
            + "and '-' for none";
    static final String SEQ_HINT = "write start:end(length) with end = start + length, e.g. 1:1001(1000); "
            + "...(length) accepts any sequence number";
    static final String OPTION_HINT = "options: mss N, wscale N, sackOK, TS val N ecr N, sack A:B ..., nop, "
            + "eol, md5 valid; <...> accepts any options on an outbound packet";
    static final String CALL_HINT = "a call is NAME(ARGS) = RESULT, then ERRNO (text) when it fails, "
            + "e.g. connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)";
    static final String VALUE_HINT = "a value is a number (4, 0x02, -1), a name (SOCK_STREAM), ..., "
            + "[value], \"text\" or names joined with | (O_RDWR | O_NONBLOCK)";

    private DrillExpectations() {
    }

    /** {message, hint}; the hint may be null. */
    static String[] describe(Parser parser, ParserRuleContext ctx, IntervalSet expected, Token offending,
                             Token previous, boolean noViableAlternative) {
        String after = previous == null ? "" : " after '" + shorten(previous.getText()) + "'";
        String found = offending.getType() == Token.EOF ? "the end of the file"
                : "'" + shorten(offending.getText()) + "'";
        PacketdrillParser.IfdefContext ifdef = enclosing(ctx, PacketdrillParser.IfdefContext.class);
        if (ifdef != null && offending.getType() == Token.EOF) {
            return new String[] {"expected '#endif' to close '" + ifdef.IFDEF().getText() + "'",
                    "the #ifdef opens at line " + ifdef.getStart().getLine()};
        }
        if (offending.getType() == PacketdrillParser.ENDIF && ifdef == null) {
            return new String[] {"'#endif' without an '#ifdef' before it", null};
        }
        if (offending.getType() == PacketdrillParser.OPTION) {
            return new String[] {"option " + found + " after the first event",
                    "option lines such as --tolerance_usecs=10000 come first, before the events"};
        }
        if (noViableAlternative) {
            return new String[] {"unexpected " + found + after, hintFor(ctx)};
        }
        String specific = specific(ctx, expected, after, found);
        if (specific != null) {
            return new String[] {specific, hintFor(ctx)};
        }
        List<String> names = DrillSyntaxErrors.names(parser, expected);
        if (names.size() <= 4) {
            return new String[] {"expected " + String.join(" or ", names) + after + ", found " + found, hintFor(ctx)};
        }
        return new String[] {"unexpected " + found + after, hintFor(ctx)};
    }

    private static String specific(ParserRuleContext ctx, IntervalSet expected, String after, String found) {
        if (ctx instanceof PacketdrillParser.FlagsContext || ctx instanceof PacketdrillParser.PacketContext
                && expected.contains(PacketdrillParser.MINUS) && expected.contains(PacketdrillParser.DOT)) {
            return "expected TCP flags such as S, S., . or F." + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.SeqContext || expected.contains(PacketdrillParser.ELLIPSIS)
                && expected.contains(PacketdrillParser.INTEGER) && enclosing(ctx, PacketdrillParser.PacketContext.class) != null) {
            return "expected a sequence range such as 0:0(0)" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.TcpOptionContext
                || ctx instanceof PacketdrillParser.SackBlockContext) {
            return "expected a TCP option such as mss 1460" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.TcpOptionsContext) {
            return expected.contains(PacketdrillParser.GT) ? "expected ',' or '>' in the option list" + after
                    + ", found " + found : "expected a TCP option such as mss 1460" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.UdpEncapContext) {
            return "expected /udp(SOURCE > DESTINATION) such as /udp(1 > 9811)" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.IpInfoContext
                && (expected.contains(PacketdrillParser.RPAREN) || expected.contains(PacketdrillParser.RBRACK))) {
            String close = expected.contains(PacketdrillParser.RPAREN) ? "')'" : "']'";
            return "expected ',' or " + close + " to close the IP fields" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.IpInfoContext || ctx instanceof PacketdrillParser.IpInfoItemContext
                || ctx instanceof PacketdrillParser.EcnNameContext) {
            return "expected (tos 0xNN), (ttl N) or an ECN mark such as [noecn] or [ect0]" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.SyscallContext) {
            if (expected.contains(PacketdrillParser.EQ) && expected.size() <= 2) {
                return "expected '=' and the call's result" + after + ", found " + found;
            }
            if (expected.contains(PacketdrillParser.LPAREN) && expected.size() == 1) {
                return "expected '(' and the arguments" + after + ", found " + found;
            }
        }
        if (ctx instanceof PacketdrillParser.PrimaryContext || ctx instanceof PacketdrillParser.ExprContext
                || ctx instanceof PacketdrillParser.FieldContext) {
            return "expected a value such as 3, SOCK_STREAM or ..." + after + ", found " + found;
        }
        if (expected.contains(PacketdrillParser.LT) && expected.contains(PacketdrillParser.BACKQUOTED)
                && expected.contains(PacketdrillParser.CODE)) {
            return "expected a packet (< or >), a system call, a `command` or %{ code }%" + after + ", found " + found;
        }
        if (ctx instanceof PacketdrillParser.TimeContext || ctx instanceof PacketdrillParser.NumberContext) {
            return "expected a time such as 0.10" + after + ", found " + found;
        }
        if (expected.contains(PacketdrillParser.STAR) && expected.contains(PacketdrillParser.PLUS)) {
            return "expected an event starting with its time, such as +0.10" + after + ", found " + found;
        }
        return null;
    }

    private static String hintFor(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof PacketdrillParser.FlagsContext) {
                return FLAGS_HINT;
            }
            if (c instanceof PacketdrillParser.SeqContext) {
                return SEQ_HINT;
            }
            if (c instanceof PacketdrillParser.TcpOptionsContext || c instanceof PacketdrillParser.TcpOptionContext) {
                return OPTION_HINT;
            }
            if (c instanceof PacketdrillParser.PrimaryContext || c instanceof PacketdrillParser.ExprContext) {
                return VALUE_HINT;
            }
            if (c instanceof PacketdrillParser.SyscallContext) {
                return CALL_HINT;
            }
            if (c instanceof PacketdrillParser.PacketContext) {
                return "a packet is < or >, flags, start:end(length), then ack N, win N, <options>, /udp(...)";
            }
            if (c instanceof PacketdrillParser.ScriptContext || c instanceof PacketdrillParser.EventContext) {
                return EVENT_HINT;
            }
        }
        return null;
    }

    static String display(Parser parser, int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case PacketdrillParser.WORD -> "a name";
            case PacketdrillParser.INTEGER -> "a number";
            case PacketdrillParser.FLOAT -> "a time";
            case PacketdrillParser.HEX -> "a hexadecimal number";
            case PacketdrillParser.BACKQUOTED -> "a `command`";
            case PacketdrillParser.CODE -> "%{ code }%";
            case PacketdrillParser.STRING -> "a \"text\"";
            case PacketdrillParser.ENDIF -> "'#endif'";
            default -> {
                String literal = parser.getVocabulary().getLiteralName(type);
                yield literal != null ? literal : parser.getVocabulary().getDisplayName(type);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <T extends ParserRuleContext> T enclosing(ParserRuleContext ctx, Class<T> type) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (type.isInstance(c)) {
                return (T) c;
            }
        }
        return null;
    }

    static String shorten(String text) {
        String oneLine = text.replace("\n", " ");
        return oneLine.length() <= 24 ? oneLine : oneLine.substring(0, 21) + "...";
    }
}
