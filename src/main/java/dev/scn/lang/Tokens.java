package dev.scn.lang;

import dev.scn.model.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Spans of tokens and parse-tree nodes: ANTLR's 0-based columns turned 1-based. */
final class Tokens {
    private Tokens() {
    }

    static Span span(String file, Token token) {
        int length = Math.max(0, token.getStopIndex() - token.getStartIndex() + 1);
        return new Span(file, token.getLine(), token.getCharPositionInLine() + 1, length);
    }

    static Span span(String file, TerminalNode node) {
        return span(file, node.getSymbol());
    }

    /** From the first character of the node to its last (which may be on a later line). */
    static Span span(String file, ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null || ctx.getStop().getStopIndex() < start.getStartIndex()
                ? start : ctx.getStop();
        int length = Math.max(0, stop.getStopIndex() - start.getStartIndex() + 1);
        return new Span(file, start.getLine(), start.getCharPositionInLine() + 1, length);
    }
}
