package dev.scn.drill.script;

import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.antlr.PacketdrillLexer;
import dev.scn.model.Span;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a script's text into tokens, at most {@link #MAX_TOKENS}, and reports what cannot be a
 * token: a stray character (E0100) and an unterminated backquote, string, {@code %{} or
 * {@code /*} (E0101). Only the first lexical error of a line is reported.
 */
final class DrillLexing {
    /**
     * The suite's largest script has about 1,600 tokens; like the scenario parser's limit, this
     * bounds the parse tree's memory the way the 16 MiB file limit bounds the text.
     */
    static final int MAX_TOKENS = 500_000;

    private DrillLexing() {
    }

    /** The tokens, ending with EOF; or null when the file has too many (reported as E0003). */
    static List<Token> lex(String text, String file, Diagnostics diagnostics, Set<Integer> linesWithErrors) {
        PacketdrillLexer lexer = new PacketdrillLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners(); // every character is some token: UNEXPECTED_CHAR catches the rest
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (tokens.size() == MAX_TOKENS && t.getType() != Token.EOF) {
                diagnostics.error(Code.TOO_LARGE.id(), Spans.of(file, t), String.format(Locale.ROOT,
                        "the script has more than %,d words and symbols", MAX_TOKENS),
                        "a packetdrill script is a few kilobytes of text: is this the right file?");
                return null;
            }
            tokens.add(t);
            report(t, file, diagnostics, linesWithErrors);
            if (t.getType() == Token.EOF) {
                return tokens;
            }
        }
    }

    private static void report(Token t, String file, Diagnostics diagnostics, Set<Integer> linesWithErrors) {
        String what = switch (t.getType()) {
            case PacketdrillLexer.UNTERMINATED_BACKQUOTE -> "unterminated command: no closing '`'";
            case PacketdrillLexer.UNTERMINATED_CODE -> "unterminated code block: no closing '}%'";
            case PacketdrillLexer.UNTERMINATED_COMMENT -> "unterminated comment: no closing '*/'";
            case PacketdrillLexer.UNTERMINATED_STRING -> "unterminated string: no closing '\"' on this line";
            default -> null;
        };
        if (what != null && linesWithErrors.add(t.getLine())) {
            Span opening = new Span(file, t.getLine(), t.getCharPositionInLine() + 1,
                    t.getType() == PacketdrillLexer.UNTERMINATED_BACKQUOTE ? 1 : 2);
            diagnostics.error(Code.UNTERMINATED_STRING.id(), t.getType() == PacketdrillLexer.UNTERMINATED_STRING
                    ? new Span(file, t.getLine(), t.getCharPositionInLine() + 1, 1) : opening, what,
                    "it opens here and runs to the end of the file");
        }
        if (t.getType() == PacketdrillLexer.UNEXPECTED_CHAR && linesWithErrors.add(t.getLine())) {
            diagnostics.error(Code.UNEXPECTED_CHAR.id(), Spans.of(file, t),
                    "unexpected character " + describe(t.getText()), hint(t.getText()));
        }
    }

    private static String describe(String c) {
        int cp = c.codePointAt(0);
        if (Character.isISOControl(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT) {
            return String.format(Locale.ROOT, "U+%04X", cp);
        }
        return "'" + c + "'";
    }

    private static String hint(String c) {
        return switch (c) {
            case "#" -> "the only directives are '#ifdef NAME' and '#endif'";
            case "%" -> "code blocks are written %{ ... }%";
            case ";" -> "packetdrill needs no ';': one event after another, each with its time";
            default -> null;
        };
    }
}
