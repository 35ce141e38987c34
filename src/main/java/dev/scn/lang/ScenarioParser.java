package dev.scn.lang;

import dev.scn.lang.antlr.ScnLexer;
import dev.scn.lang.antlr.ScnParser;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The language front end: source text to {@link dev.scn.model.Scenario}s and diagnostics.
 * Lexes (reporting stray characters and unterminated strings), parses with ANTLR's recovery so
 * one run reports several syntax errors, and, when the syntax is sound, builds the model.
 * Never prints, never throws on bad input. Diagnostic codes: see {@link Codes}.
 */
public final class ScenarioParser {
    private static final char BOM = '\uFEFF';
    /**
     * Tokens (words, numbers, symbols, stray characters) read from one file at most: the parse
     * tree of a file takes about 100 bytes a token, so this bounds the memory the way
     * {@link SourceFiles#MAX_BYTES} bounds the text (the largest scenario of the repository has 217).
     */
    public static final int MAX_TOKENS = 500_000;

    private ScenarioParser() {
    }

    /**
     * Reads the file ({@link SourceText#read}); a file that cannot be read or decoded, or is
     * larger than {@link SourceFiles#MAX_BYTES}, is one diagnostic.
     */
    public static ParseResult parse(Path path) {
        return parse(SourceText.read(path));
    }

    /** Parses a text read by {@link SourceText}; its reading problems come first. */
    public static ParseResult parse(SourceText source) {
        if (!source.readable()) {
            return new ParseResult(List.of(), source.diagnostics());
        }
        ParseResult parsed = parse(source.text(), source.name());
        Diagnostics all = new Diagnostics();
        all.addAll(source.diagnostics());
        all.addAll(parsed.diagnostics());
        return new ParseResult(parsed.scenarios(), all, parsed.recovered(), parsed.broken());
    }

    public static ParseResult parse(String source, String fileName) {
        Diagnostics diagnostics = new Diagnostics();
        String text = normalize(source);
        ScnLexer lexer = new ScnLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners(); // every character is some token: UNEXPECTED_CHAR catches the rest
        List<Token> lexed = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (lexed.size() == MAX_TOKENS && t.getType() != Token.EOF) {
                diagnostics.error(Codes.TOO_LARGE, Tokens.span(fileName, t), String.format(Locale.ROOT,
                        "the file has more than %,d words and symbols", MAX_TOKENS), tooLargeHint());
                return new ParseResult(List.of(), diagnostics);
            }
            lexed.add(t);
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        CommonTokenStream tokens = new CommonTokenStream(new ListTokenSource(lexed, fileName));
        tokens.fill();
        Set<Integer> linesWithErrors = new HashSet<>();
        reportLexical(tokens.getTokens(), fileName, diagnostics, linesWithErrors);

        ScnParser parser = new ScnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrors syntaxErrors = new SyntaxErrors(fileName, diagnostics, linesWithErrors);
        parser.addErrorListener(syntaxErrors);
        ScnParser.FileContext tree = parser.file();
        if (syntaxErrors.count() > 0) {
            BrokenLines broken = new BrokenLines(linesWithErrors);
            List<Scenario> recovered = buildRecovered(tree, fileName, broken, diagnostics);
            return new ParseResult(List.of(), diagnostics, recovered, broken);
        }
        return new ParseResult(new ModelBuilder(fileName, diagnostics).build(tree), diagnostics);
    }

    /**
     * The model of a tree ANTLR recovered from syntax errors, for more errors beside them: the
     * builder's errors worth showing ({@link BrokenLines}) join {@code diagnostics}. A recovered
     * tree may lack parts every rule expects (a name, a block); when the builder trips on one,
     * there is no model and only the syntax errors are reported.
     */
    private static List<Scenario> buildRecovered(ScnParser.FileContext tree, String fileName, BrokenLines broken,
                                                 Diagnostics diagnostics) {
        Diagnostics meaning = new Diagnostics();
        try {
            List<Scenario> scenarios = new ModelBuilder(fileName, meaning).build(tree);
            broken.copyKept(meaning, diagnostics);
            return scenarios;
        } catch (RuntimeException e) {
            return List.of();
        }
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
                                "unexpected character " + describeChar(t.getText()), unexpectedCharHint(t.getText()));
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

    /** The character in quotes, or its code point when it would print as nothing (a BOM, a control). */
    private static String describeChar(String c) {
        int cp = c.codePointAt(0);
        if (cp == BOM) {
            return "U+FEFF (a byte order mark)";
        }
        int type = Character.getType(cp);
        if (Character.isISOControl(cp) || type == Character.FORMAT || Character.isSpaceChar(cp)
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            return String.format(Locale.ROOT, "U+%04X", cp);
        }
        return "'" + c + "'";
    }

    private static String unexpectedCharHint(String c) {
        if (c.charAt(0) == BOM) {
            return "a byte order mark belongs only at the very start of the file; delete this one";
        }
        return switch (c) {
            case "=" -> "comparisons are == != < <= > >=; '=' alone belongs to sysctl NAME=VALUE";
            case "!" -> "did you mean '!='?";
            case "\"" -> null;
            default -> null;
        };
    }

    /** Why a file over a limit is refused, for every reader of files. */
    public static String tooLargeHint() {
        return String.format(Locale.ROOT, "scn reads at most %s and %,d words and symbols; a scenario is a few "
                + "kilobytes of text: is this the right file?", SourceFiles.limit(), MAX_TOKENS);
    }
}
