package dev.scn.drill.script;

import dev.scn.model.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/** Spans of tokens and rules: ANTLR's 0-based columns turned 1-based, as dev.scn.lang does. */
final class Spans {
    private Spans() {
    }

    static Span of(String file, Token token) {
        int length = Math.max(0, token.getStopIndex() - token.getStartIndex() + 1);
        return new Span(file, token.getLine(), token.getCharPositionInLine() + 1, length);
    }

    /** From the rule's first character to its last, or to the end of its first line if it spans lines. */
    static Span of(String file, ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null || ctx.getStop().getStopIndex() < start.getStartIndex()
                ? start : ctx.getStop();
        int length = stop.getLine() == start.getLine()
                ? stop.getStopIndex() - start.getStartIndex() + 1
                : start.getStopIndex() - start.getStartIndex() + 1;
        return new Span(file, start.getLine(), start.getCharPositionInLine() + 1, Math.max(0, length));
    }

    /** The rule's text as written, white space and all (ANTLR's getText() drops skipped tokens). */
    static String text(ParserRuleContext ctx) {
        return between(ctx.getStart(), ctx.getStop(), true);
    }

    /** The characters from {@code first} to {@code last}, with or without the two tokens themselves. */
    static String between(Token first, Token last, boolean inclusive) {
        int from = inclusive ? first.getStartIndex() : first.getStopIndex() + 1;
        int to = inclusive ? last.getStopIndex() : last.getStartIndex() - 1;
        return to < from ? "" : first.getInputStream().getText(Interval.of(from, to));
    }
}
