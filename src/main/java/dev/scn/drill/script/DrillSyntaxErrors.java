package dev.scn.drill.script;

import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.antlr.PacketdrillParser;
import dev.scn.model.Span;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ANTLR's syntax errors as E0120 diagnostics that say what was expected in packetdrill's terms
 * ("expected TCP flags such as S, S. or F.") rather than as a token set. Only the first error of a
 * line is kept: the rest are echoes while the parser recovers.
 */
final class DrillSyntaxErrors extends BaseErrorListener {
    private final String file;
    private final Diagnostics diagnostics;
    private final Set<Integer> linesWithErrors;
    private int count;

    DrillSyntaxErrors(String file, Diagnostics diagnostics, Set<Integer> linesWithErrors) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.linesWithErrors = linesWithErrors;
    }

    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        count++;
        Parser parser = (Parser) recognizer;
        Token offending = (Token) offendingSymbol;
        if (isLexicalError(offending)) {
            return; // DrillLexing reported it
        }
        Token previous = previous(parser, offending);
        ParserRuleContext ctx = e != null && e.getCtx() instanceof ParserRuleContext c ? c : parser.getContext();
        IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        String[] m = DrillExpectations.describe(parser, ctx, expected, offending, previous,
                e instanceof NoViableAltException nva && nva.getStartToken() != offending);
        Span where = place(offending, previous, m[0].startsWith("expected"));
        if (linesWithErrors.add(where.line())) {
            diagnostics.error(Code.DRILL_SYNTAX.id(), where, m[0], m[1]);
        }
    }

    private static boolean isLexicalError(Token t) {
        return switch (t.getType()) {
            case PacketdrillParser.UNEXPECTED_CHAR, PacketdrillParser.UNTERMINATED_BACKQUOTE,
                    PacketdrillParser.UNTERMINATED_CODE, PacketdrillParser.UNTERMINATED_COMMENT,
                    PacketdrillParser.UNTERMINATED_STRING -> true;
            default -> false;
        };
    }

    private static Token previous(Parser parser, Token offending) {
        int i = offending.getTokenIndex() - 1;
        return i >= 0 ? parser.getInputStream().get(i) : null;
    }

    /**
     * The offending token; but when something is missing and the line ended before it (the
     * offending token is on a later line), just after the previous token, where it belongs.
     */
    private Span place(Token offending, Token previous, boolean somethingMissing) {
        if (previous != null && somethingMissing && !previous.getText().contains("\n")
                && (offending.getType() == Token.EOF || offending.getLine() > previous.getLine())) {
            int end = previous.getCharPositionInLine() + previous.getText().length();
            return new Span(file, previous.getLine(), end + 1, 1);
        }
        if (offending.getType() == Token.EOF) {
            return new Span(file, offending.getLine(), offending.getCharPositionInLine() + 1, 0);
        }
        return Spans.of(file, offending);
    }

    /** Token names as a reader knows them, for the fallback message. */
    static List<String> names(Parser parser, IntervalSet expected) {
        List<String> names = new ArrayList<>();
        for (int type : expected.toList()) {
            names.add(DrillExpectations.display(parser, type));
        }
        return names;
    }
}
