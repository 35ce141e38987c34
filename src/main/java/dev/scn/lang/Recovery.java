package dev.scn.lang;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which parts of a tree ANTLR recovered from syntax errors are whole. A rule that failed keeps
 * its exception, skipped tokens become error nodes and a token the parser conjured has no index
 * in the stream, and a rule that matched nothing gave up; the builder reads only whole parts, so a broken line is left out of the model
 * instead of being read as an empty size or a missing name.
 */
final class Recovery {
    private Recovery() {
    }

    /** True when nothing under {@code ctx} was recovered. Iterative: trees can be deep. */
    static boolean intact(ParserRuleContext ctx) {
        Deque<ParseTree> todo = new ArrayDeque<>();
        todo.push(ctx);
        while (!todo.isEmpty()) {
            ParseTree node = todo.pop();
            if (node instanceof ErrorNode) {
                return false;
            }
            if (node instanceof TerminalNode t) {
                if (t.getSymbol().getTokenIndex() < 0) {
                    return false;
                }
                continue;
            }
            // No rule of the grammar matches nothing, so an empty one is a rule that gave up.
            if (node instanceof ParserRuleContext c && (c.exception != null || c.getChildCount() == 0)) {
                return false;
            }
            for (int i = 0; i < node.getChildCount(); i++) {
                todo.push(node.getChild(i));
            }
        }
        return true;
    }
}
