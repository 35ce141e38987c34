package dev.scn.lang;

import dev.scn.lang.antlr.ScnLexer;
import dev.scn.lang.antlr.ScnParser;
import dev.scn.model.Span;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The language front end: source text to {@link dev.scn.model.Scenario}s and diagnostics.
 * Lexes (reporting stray characters and unterminated strings), parses with ANTLR's recovery so
 * one run reports several syntax errors, and, when the syntax is sound, builds the model.
 * Never prints, never throws on bad input. Diagnostic codes: see {@link Codes}.
 */
public final class ScenarioParser {
    private static final char BOM = '\uFEFF';

    private ScenarioParser() {
    }

    /** Reads the file as UTF-8; a file that cannot be read or decoded is one diagnostic. */
    public static ParseResult parse(Path path) {
        String name = path.toString();
        try {
            byte[] bytes = Files.readAllBytes(path);
            String source = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return parse(source, name);
        } catch (CharacterCodingException e) {
            return failure(name, "the file is not UTF-8 text");
        } catch (IOException e) {
            return failure(name, "cannot read the file: " + e.getMessage());
        }
    }

    public static ParseResult parse(String source, String fileName) {
        Diagnostics diagnostics = new Diagnostics();
        String text = normalize(source);
        ScnLexer lexer = new ScnLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners(); // every character is some token: UNEXPECTED_CHAR catches the rest
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        Set<Integer> linesWithErrors = new HashSet<>();
        reportLexical(tokens.getTokens(), fileName, diagnostics, linesWithErrors);

        ScnParser parser = new ScnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors syntaxErrors = new SyntaxErrors(fileName, diagnostics, linesWithErrors);
        parser.addErrorListener(syntaxErrors);
        ScnParser.FileContext tree = parser.file();
        if (syntaxErrors.count() > 0) {
            return new ParseResult(List.of(), diagnostics);
        }
        return new ParseResult(new ModelBuilder(fileName, diagnostics).build(tree), diagnostics);
    }

    /** A leading BOM goes; CRLF and lone CR become LF (lines and columns stay the same). */
    private static String normalize(String source) {
        String text = !source.isEmpty() && source.charAt(0) == BOM ? source.substring(1) : source;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static void reportLexical(List<Token> tokens, String file, Diagnostics diagnostics,
                                      Set<Integer> linesWithErrors) {
        for (Token t : tokens) {
            switch (t.getType()) {
                case ScnLexer.UNEXPECTED_CHAR -> {
                    if (linesWithErrors.add(t.getLine())) {
                        diagnostics.error(Codes.UNEXPECTED_CHAR, Tokens.span(file, t),
                                "unexpected character '" + t.getText() + "'", unexpectedCharHint(t.getText()));
                    }
                }
                case ScnLexer.UNTERMINATED_STRING, ScnLexer.UNTERMINATED_TRIPLE_STRING -> {
                    if (linesWithErrors.add(t.getLine())) {
                        boolean triple = t.getType() == ScnLexer.UNTERMINATED_TRIPLE_STRING;
                        diagnostics.error(Codes.UNTERMINATED_STRING, new Span(file, t.getLine(),
                                        t.getCharPositionInLine() + 1, triple ? 3 : 1), "unterminated string",
                                triple ? "close it with \"\"\"" : "close it with \" on the same line; "
                                        + "use \"\"\"...\"\"\" for text on several lines");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String unexpectedCharHint(String c) {
        return switch (c) {
            case "=" -> "comparisons are == != < <= > >=; '=' alone belongs to sysctl NAME=VALUE";
            case "!" -> "did you mean '!='?";
            case "\"" -> null;
            default -> null;
        };
    }

    private static ParseResult failure(String file, String message) {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.error(Codes.UNEXPECTED_CHAR, new Span(file, 1, 1, 0), message, null);
        return new ParseResult(List.of(), diagnostics);
    }
}
