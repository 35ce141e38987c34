package dev.scn.cli;

import dev.scn.lang.Codes;
import dev.scn.lang.Diagnostic;
import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.lang.SourceFiles;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import dev.scn.run.ScenarioValidator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;

/** Reads, parses and validates one scenario file, collecting every problem. */
final class ScenarioLoader {
    private ScenarioLoader() {
    }

    /**
     * @param scenario    the scenario when the file parsed (it may still have validation errors)
     * @param sourceLines the file's lines, for printing diagnostics with their source
     */
    record Loaded(Path path, String displayName, Scenario scenario, Diagnostics diagnostics, List<String> sourceLines) {
        boolean usable() {
            return scenario != null && !diagnostics.hasErrors();
        }
    }

    /** Loads the file and prints its diagnostics: the one place the CLI reports a file's problems. */
    static Loaded load(Path path, PrintWriter err) {
        Loaded loaded = load(path);
        print(loaded, err);
        return loaded;
    }

    /** Every diagnostic of a loaded file, with its source line and caret, then the error count. */
    static void print(Loaded loaded, PrintWriter err) {
        for (Diagnostic d : loaded.diagnostics().sorted()) {
            err.print(DiagnosticPrinter.format(d, loaded.sourceLines()));
        }
        if (loaded.diagnostics().truncated()) {
            err.println(loaded.displayName() + ": too many errors; only the first " + dev.scn.lang.Diagnostics.MAX_ERRORS
                    + " are shown");
        }
        int errors = loaded.diagnostics().errorCount();
        if (errors > 0) {
            err.println(errors + " error" + (errors == 1 ? "" : "s") + " in " + loaded.displayName());
        }
    }

    static Loaded load(Path path) {
        String name = path.toString();
        Diagnostics diagnostics = new Diagnostics();
        if (Files.isDirectory(path)) {
            diagnostics.error(Code.NO_FILE.id(), new Span(name, 0, 0, 0), "is a directory, not a .scn file",
                    "give a file, e.g. " + path.resolve("example.scn"));
            return new Loaded(path, name, null, diagnostics, List.of());
        }
        byte[] bytes;
        try {
            bytes = SourceFiles.read(path);
        } catch (SourceFiles.TooLargeException e) {
            diagnostics.error(Codes.TOO_LARGE, new Span(name, 0, 0, 0), e.getMessage(), ScenarioParser.tooLargeHint());
            return new Loaded(path, name, null, diagnostics, List.of());
        } catch (IOException e) {
            diagnostics.error(Code.NO_FILE.id(), new Span(name, 0, 0, 0), Files.exists(path) ? "cannot be read" : "no such file",
                    null);
            return new Loaded(path, name, null, diagnostics, List.of());
        }
        String source;
        try {
            source = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            diagnostics.error(Code.NOT_UTF8.id(), invalidUtf8At(name, bytes), "the file is not valid UTF-8",
                    "save it as UTF-8; scn reads Chinese and English text as UTF-8 only");
            // Show the line anyway, bad bytes as U+FFFD, so the caret has something to point at.
            SourceLines lenient = new SourceLines(new String(bytes, StandardCharsets.UTF_8));
            return new Loaded(path, name, null, diagnostics, lenient);
        }
        // Numbered as the parser numbers them: only a leading BOM goes (a later one is an error
        // that needs its line), and the text after the last newline is a line too.
        List<String> lines = new SourceLines(source.startsWith("\uFEFF") ? source.substring(1) : source);
        ParseResult parsed = ScenarioParser.parse(source, name);
        parsed.diagnostics().sorted().forEach(d -> copy(d, diagnostics));
        Scenario scenario = parsed.scenarios().isEmpty() ? null : parsed.scenarios().get(0);
        if (scenario != null && !parsed.diagnostics().hasErrors()) {
            ScenarioValidator.validate(scenario, diagnostics);
        }
        return new Loaded(path, name, scenario, diagnostics, lines);
    }

    /**
     * The lines of a text, split where the parser counts a new line (LF, CRLF, lone CR), found
     * when asked: a file of millions of short lines costs one int per line, not one string.
     */
    static final class SourceLines extends AbstractList<String> {
        private final String text;
        private final int[] starts;

        SourceLines(String text) {
            this.text = text;
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    count++;
                }
            }
            starts = new int[count];
            int line = 1;
            for (int i = 0; i < text.length() && line < count; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    starts[line++] = i + 1;
                }
            }
        }

        @Override
        public String get(int index) {
            int end = index + 1 < starts.length ? starts[index + 1] : text.length();
            String line = text.substring(starts[index], end);
            return line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                    : line.endsWith("\n") || line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        @Override
        public int size() {
            return starts.length;
        }
    }

    private static void copy(dev.scn.lang.Diagnostic d, Diagnostics into) {
        if (d.isError()) {
            into.error(d.code(), d.span(), d.message(), d.hint());
        } else {
            into.warning(d.code(), d.span(), d.message(), d.hint());
        }
    }

    /** Line and column (in characters) of the first byte sequence that is not valid UTF-8. */
    private static Span invalidUtf8At(String name, byte[] bytes) {
        int line = 1;
        int column = 1;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int width = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : -1;
            if (width < 0 || i + width > bytes.length) {
                return new Span(name, line, column, 1);
            }
            for (int k = 1; k < width; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return new Span(name, line, column, 1);
                }
            }
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += width;
        }
        // Overlong forms and surrogates pass the walk above; the decoder refused them somewhere.
        return new Span(name, line, 1, 1);
    }
}
