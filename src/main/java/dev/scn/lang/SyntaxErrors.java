package dev.scn.lang;

import dev.scn.lang.antlr.ScnParser;
import dev.scn.model.Span;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replaces ANTLR's console listener: each syntax error becomes a {@link Diagnostic} with a short
 * phrase for what was expected ("expected a duration such as 30s or 5m after 'at'") instead of
 * ANTLR's raw token set. Only the first error of a line is kept: the rest are usually echoes of
 * it while the parser recovers.
 */
final class SyntaxErrors extends BaseErrorListener {
    private static final Set<Integer> SCENARIO_LEVEL = Set.of(ScnParser.SCENARIO, ScnParser.TITLE,
            ScnParser.SUMMARY, ScnParser.NOTE, ScnParser.SEED, ScnParser.RUN, ScnParser.HOST, ScnParser.LINK,
            ScnParser.BLACKHOLE, ScnParser.AT, ScnParser.EVERY, ScnParser.WITHIN, ScnParser.ALWAYS,
            ScnParser.TRAFFIC, ScnParser.VARIANT, Token.EOF);

    private final String file;
    private final Diagnostics diagnostics;
    private final Set<Integer> linesWithErrors;
    private int count;

    SyntaxErrors(String file, Diagnostics diagnostics, Set<Integer> linesWithErrors) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.linesWithErrors = linesWithErrors;
    }

    /** Syntax errors reported by the parser (lexical ones are not counted here). */
    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        count++;
        Parser parser = (Parser) recognizer;
        Token offending = (Token) offendingSymbol;
        Token previous = previousToken(parser.getInputStream(), offending);
        ParserRuleContext ctx = e != null && e.getCtx() instanceof ParserRuleContext c ? c : parser.getContext();
        Message m = describe(parser, offending, previous, ctx, e);
        Span where = place(offending, previous, m.text.startsWith("expected"));
        if (linesWithErrors.add(where.line())) {
            diagnostics.error(m.code, where, m.text, m.hint);
        }
    }

    private record Message(String code, String text, String hint) {
    }

    private Message describe(Parser parser, Token offending, Token previous, ParserRuleContext ctx,
                             RecognitionException e) {
        String after = previous == null ? "" : " after '" + shorten(previous.getText()) + "'";
        String found = offending.getType() == Token.EOF ? "the end of the file" : "'" + shorten(offending.getText()) + "'";
        if (e instanceof NoViableAltException nva && nva.getStartToken() != offending) {
            return new Message(Codes.SYNTAX, "unexpected " + found + after, ruleHint(ctx));
        }
        IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        if (expected.contains(ScnParser.ID) && expected.contains(ScnParser.DOT) && inFlags(ctx)) {
            boolean nested = previous != null && previous.getType() == ScnParser.LBRACK
                    && offending.getType() == ScnParser.LBRACK;
            return new Message(Codes.EXPECTED_FLAGS, "expected tcpdump flags such as S, S. or F." + after,
                    nested ? "brackets do not nest: write [F.] or F., as tcpdump prints flags"
                            : "flags are S F R P U E W and . for ACK, e.g. S. or [F.]");
        }
        Message block = blockMessage(offending, found, ctx, expected);
        if (block != null) {
            return block;
        }
        if (expected.contains(ScnParser.DURATION)) {
            return new Message(Codes.EXPECTED_DURATION, "expected a duration such as 30s or 5m" + after, null);
        }
        if (expected.contains(ScnParser.SIZE)) {
            return new Message(Codes.EXPECTED_SIZE, "expected a size such as 300, 20k or 1m" + after,
                    "sizes are bytes; k is 1024 bytes and m is 1048576 bytes");
        }
        if (expected.contains(ScnParser.SYSCTL_NAME) && !expected.contains(ScnParser.ID)) {
            return new Message(Codes.INCOMPLETE_COMMAND, "expected a sysctl name such as net.inet.tcp.msl" + after,
                    "write it as in sysctl.conf: sysctl net.inet.tcp.msl=30000");
        }
        if (expected.contains(ScnParser.SYSCTL_EQ)) {
            return new Message(Codes.INCOMPLETE_COMMAND, "expected '=' and a value" + after,
                    "write it as in sysctl.conf: sysctl net.inet.tcp.msl=30000");
        }
        if (expected.contains(ScnParser.SYSCTL_NUMBER)) {
            return new Message(Codes.INCOMPLETE_COMMAND, "expected a sysctl value" + after, null);
        }
        if (expected.contains(ScnParser.IPFW_WORD)) {
            return new Message(Codes.INCOMPLETE_COMMAND, "expected an ipfw command" + after,
                    "for example: ipfw add 100 check-state");
        }
        if (expected.contains(ScnParser.EQ)) {
            return new Message(Codes.EXPECTED_EXPECTATION, "expected a comparison (== != < <= > >=)" + after, null);
        }
        if (expected.contains(ScnParser.NETSTAT) && expected.contains(ScnParser.PACKETS)) {
            return new Message(Codes.EXPECTED_EXPECTATION, "expected what to check" + after, EXPECT_HINT);
        }
        if (expected.contains(ScnParser.VERSION_X)) {
            return new Message(Codes.EXPECTED_NUMBER, "expected a FreeBSD version such as 5.4 or 14.2" + after, null);
        }
        if (expected.contains(ScnParser.CIDR)) {
            return new Message(Codes.EXPECTED_ADDRESS, "expected an address range such as 203.0.113.0/24" + after, null);
        }
        if (expected.contains(ScnParser.IPV4) && !expected.contains(ScnParser.ID)) {
            return new Message(Codes.EXPECTED_ADDRESS, "expected an IPv4 address such as 192.0.2.10" + after, null);
        }
        if (expected.contains(ScnParser.PERCENT)) {
            return new Message(Codes.EXPECTED_NUMBER, "expected '%'" + after, "percentages are written 0.5%");
        }
        if (expected.contains(ScnParser.DECIMAL) && expected.contains(ScnParser.INT)
                && !expected.contains(ScnParser.VERSION_X)) {
            return new Message(Codes.EXPECTED_NUMBER, "expected a percentage such as 0.5%" + after, null);
        }
        if (expected.contains(ScnParser.RATE_PER_SECOND)) {
            return new Message(Codes.EXPECTED_NUMBER, "expected a rate such as 50/s" + after, null);
        }
        if (expected.contains(ScnParser.INT) && expected.size() == 1) {
            return new Message(Codes.EXPECTED_NUMBER, "expected a number" + after, null);
        }
        if (expected.contains(ScnParser.STRING)) {
            return new Message(Codes.EXPECTED_TEXT, "expected a text in double quotes" + after, null);
        }
        if (expected.contains(ScnParser.EN) && expected.contains(ScnParser.ZH)) {
            return new Message(Codes.EXPECTED_TEXT, "expected en \"...\" or zh \"...\"" + after, null);
        }
        if (expected.contains(ScnParser.ID) && expected.size() <= 2) {
            return new Message(Codes.EXPECTED_NAME, "expected a name" + after, null);
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toList()) {
            names.add(display(parser, type));
        }
        if (names.size() <= 4) {
            return new Message(Codes.SYNTAX, "expected " + String.join(" or ", names) + after + ", found " + found,
                    ruleHint(ctx));
        }
        return new Message(Codes.SYNTAX, "unexpected " + found + after, ruleHint(ctx));
    }

    /** Errors where a block's item list ends: a stray word inside it, or its '}' missing. */
    private Message blockMessage(Token offending, String found, ParserRuleContext ctx, IntervalSet expected) {
        if (!expected.contains(ScnParser.RBRACE)) {
            return null;
        }
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            String what;
            String holds;
            if (c instanceof ScnParser.HostBlockContext h) {
                what = "host '" + name(h.name) + "'";
                holds = "a host block holds os, ip, interface, sysctl, ipfw, stray and listen lines";
            } else if (c instanceof ScnParser.AppContext) {
                what = "the http settings";
                holds = "http { request SIZE response SIZE then close|shutdown|linger D|wait-for-client }";
            } else if (c instanceof ScnParser.TrafficContext t) {
                what = "traffic '" + name(t.name) + "'";
                holds = "a traffic block holds request SIZE, response SIZE and lines such as 0.1% vanish";
            } else if (c instanceof ScnParser.VariantContext) {
                what = "the variant";
                holds = "a variant holds host blocks, 'on H sysctl|ipfw' lines and timed lines";
            } else if (c instanceof ScnParser.ScenarioContext s) {
                what = "scenario '" + name(s.name) + "'";
                holds = "a scenario holds title, summary, note, seed, run, host, link, drop, blackhole, "
                        + "timeline (at, every, within, always), traffic and variant lines";
            } else {
                continue;
            }
            if (SCENARIO_LEVEL.contains(offending.getType()) && !(c instanceof ScnParser.ScenarioContext)
                    || offending.getType() == Token.EOF) {
                return new Message(Codes.BLOCK, "expected '}' to close " + what,
                        what + " opens at line " + c.getStart().getLine());
            }
            return new Message(Codes.BLOCK, "unexpected " + found + " in " + what, holds);
        }
        return null;
    }

    private static final String EXPECT_HINT = "expect H netstat STATE, H ipfw dynamic, H packets "
            + "keepalive|rst|fin|syn|sent, NAME on H is STATE or NAME on H exists";

    private static String ruleHint(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof ScnParser.ExpectationContext || c instanceof ScnParser.SubjectContext) {
                return EXPECT_HINT;
            }
            if (c instanceof ScnParser.ActionContext) {
                return "an action is one of: H connect H2:PORT as NAME, NAME send SIZE, NAME recv|shutdown|close|abort, "
                        + "H forget NAME, H crash|reboot|down|up, on H sysctl|ipfw|ifconfig ..., link A B down|up, "
                        + "inject ..., sample H, show H netstat|ipfw|sysctl, expect ...";
            }
        }
        return null;
    }

    private static boolean inFlags(ParserRuleContext ctx) {
        return ctx instanceof ScnParser.FlagLettersContext || ctx instanceof ScnParser.TcpFlagsContext;
    }

    private static String name(Token t) {
        return t == null ? "?" : t.getText();
    }

    private static String display(Parser parser, int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case ScnParser.ID -> "a name";
            case ScnParser.INT -> "a number";
            case ScnParser.IPV4 -> "an address";
            case ScnParser.DATE -> "a date such as 2005-06-01";
            default -> {
                String literal = parser.getVocabulary().getLiteralName(type);
                yield literal != null ? literal : parser.getVocabulary().getDisplayName(type);
            }
        };
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", " ");
        return oneLine.length() <= 24 ? oneLine : oneLine.substring(0, 21) + "...";
    }

    private static Token previousToken(TokenStream tokens, Token offending) {
        for (int i = offending.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    /**
     * The offending token; but when something is missing and the offending token sits on a later
     * line than the token before it (the line ended too early), just after that previous token,
     * where the missing part belongs.
     */
    private Span place(Token offending, Token previous, boolean somethingMissing) {
        boolean lineEndedEarly = previous != null && !previous.getText().contains("\n") && somethingMissing
                && (offending.getType() == Token.EOF || offending.getLine() > previous.getLine());
        if (lineEndedEarly) {
            int end = previous.getCharPositionInLine() + previous.getText().length();
            return new Span(file, previous.getLine(), end + 1, 1);
        }
        if (offending.getType() == Token.EOF) {
            return new Span(file, offending.getLine(), offending.getCharPositionInLine() + 1, 0);
        }
        return Tokens.span(file, offending);
    }

}
