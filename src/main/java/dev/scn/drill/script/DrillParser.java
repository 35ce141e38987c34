package dev.scn.drill.script;

import dev.scn.lang.Diagnostics;
import dev.scn.lang.SourceText;
import dev.scn.lang.antlr.PacketdrillParser;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses a packetdrill script into a {@link DrillScript}. Never throws on bad input and never
 * prints: every problem is a diagnostic with a code (see {@link DrillParse#diagnostics()}).
 *
 * <p>The file is read as scenario files are ({@link SourceText}: at most 16 MiB, UTF-8), the text
 * is cut into at most {@link DrillLexing#MAX_TOKENS} tokens, parsed by the grammar
 * {@code grammar/Packetdrill.g4}, and the tree is turned into the syntax tree with packetdrill's
 * own checks ({@link ScriptBuilder}).
 *
 * <p>{@code #ifdef NAME ... #endif}: packetdrill's lexer keeps such a block when NAME is the OS it
 * runs on (lexer.l: Linux, FreeBSD, NetBSD, OpenBSD, case-insensitively) and skips it otherwise.
 * The simulated host is FreeBSD, so {@link #parse(Path)} defines {@code FreeBSD} only: the suite's
 * {@code #ifdef STANDARD} blocks (what the RFCs say where FreeBSD differs) are dropped.
 */
public final class DrillParser {
    /** The names defined for {@code #ifdef} by default: the host runs FreeBSD. */
    public static final Set<String> DEFAULT_DEFINES = Set.of("FreeBSD");

    private DrillParser() {
    }

    public static DrillParse parse(Path path) {
        return parse(path, DEFAULT_DEFINES);
    }

    /** @param defines names for which {@code #ifdef NAME} blocks are kept (compared case-insensitively) */
    public static DrillParse parse(Path path, Set<String> defines) {
        SourceText source = SourceText.read(path);
        if (!source.readable()) {
            return new DrillParse(source.name(), null, source.diagnostics(), source.lines());
        }
        DrillParse parsed = parse(source.text(), source.name(), path, defines);
        Diagnostics all = new Diagnostics();
        all.addAll(source.diagnostics());
        all.addAll(parsed.diagnostics());
        return new DrillParse(parsed.name(), parsed.script(), all, source.lines());
    }

    /** A script given as text (tests), named {@code name} in diagnostics and {@code path} in the tree. */
    public static DrillParse parse(String text, String name, Path path, Set<String> defines) {
        Diagnostics diagnostics = new Diagnostics();
        String normalized = normalize(text);
        List<String> lines = SourceText.of(normalized, name).lines();
        Set<Integer> linesWithErrors = new HashSet<>();
        List<Token> tokens = DrillLexing.lex(normalized, name, diagnostics, linesWithErrors);
        if (tokens == null) {
            return new DrillParse(name, null, diagnostics, lines);
        }
        PacketdrillParser.ScriptContext tree = syntax(tokens, name, diagnostics, linesWithErrors);
        if (diagnostics.hasErrors()) {
            return new DrillParse(name, null, diagnostics, lines);
        }
        Set<String> lower = defines.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        DrillScript script = new ScriptBuilder(path, name, lower, diagnostics).build(tree);
        return new DrillParse(name, diagnostics.hasErrors() ? null : script, diagnostics, lines);
    }

    /**
     * SLL prediction first (fast, enough for every script of the suite); a script it fails on is
     * parsed again with full LL so the errors are the precise ones.
     */
    private static PacketdrillParser.ScriptContext syntax(List<Token> tokens, String name, Diagnostics diagnostics,
                                                          Set<Integer> linesWithErrors) {
        PacketdrillParser fast = parser(tokens, name);
        fast.getInterpreter().setPredictionMode(PredictionMode.SLL);
        fast.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        try {
            return fast.script();
        } catch (org.antlr.v4.runtime.misc.ParseCancellationException e) {
            PacketdrillParser precise = parser(tokens, name);
            precise.addErrorListener(new DrillSyntaxErrors(name, diagnostics, linesWithErrors));
            return precise.script();
        }
    }

    private static PacketdrillParser parser(List<Token> tokens, String name) {
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(tokens, name));
        PacketdrillParser parser = new PacketdrillParser(stream);
        parser.removeErrorListeners();
        return parser;
    }

    /** A leading BOM goes; CRLF and lone CR become LF (lines and columns stay the same). */
    private static String normalize(String source) {
        String text = !source.isEmpty() && source.charAt(0) == '\uFEFF' ? source.substring(1) : source;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
