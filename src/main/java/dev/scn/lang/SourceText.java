package dev.scn.lang;

import dev.scn.model.Span;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scenario file read as text: the one reader of files, so every caller (the CLI, the bench,
 * the tests, {@link ScenarioParser#parse(Path)}) reports a missing, unreadable, over-large or
 * non-UTF-8 file the same way (E0001, E0003, E0002 with the line and column of the first bad byte).
 *
 * @param text  the decoded text, or null when the file could not be read or decoded
 * @param lines the file's lines as the parser numbers them, for printing diagnostics with their
 *              source (bad bytes shown as U+FFFD), empty when nothing was read
 */
public record SourceText(String name, String text, List<String> lines, Diagnostics diagnostics) {

    public boolean readable() {
        return text != null;
    }

    /** Text given in memory (the bench, tests): nothing to read. */
    public static SourceText of(String text, String name) {
        return new SourceText(name, text, lines(text), new Diagnostics());
    }

    public static SourceText read(Path path) {
        String name = path.toString();
        Diagnostics diagnostics = new Diagnostics();
        Span file = new Span(name, 0, 0, 0);
        if (Files.isDirectory(path)) {
            diagnostics.error(Code.NO_FILE.id(), file, "is a directory, not a .scn file",
                    "give a file, e.g. " + path.resolve("example.scn"));
            return new SourceText(name, null, List.of(), diagnostics);
        }
        byte[] bytes;
        try {
            bytes = SourceFiles.read(path);
        } catch (SourceFiles.TooLargeException e) {
            diagnostics.error(Code.TOO_LARGE.id(), file, e.getMessage(), ScenarioParser.tooLargeHint());
            return new SourceText(name, null, List.of(), diagnostics);
        } catch (IOException e) {
            diagnostics.error(Code.NO_FILE.id(), file, Files.exists(path) ? "cannot be read" : "no such file", null);
            return new SourceText(name, null, List.of(), diagnostics);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new SourceText(name, text, lines(text), diagnostics);
        } catch (CharacterCodingException e) {
            diagnostics.error(Code.NOT_UTF8.id(), invalidUtf8At(name, bytes), "the file is not valid UTF-8",
                    "save it as UTF-8; scn reads Chinese and English text as UTF-8 only");
            // Show the line anyway, bad bytes as U+FFFD, so the caret has something to point at.
            return new SourceText(name, null, new SourceLines(new String(bytes, StandardCharsets.UTF_8)), diagnostics);
        }
    }

    /**
     * Numbered as the parser numbers them: only a leading BOM goes (a later one is an error that
     * needs its line), and the text after the last newline is a line too.
     */
    private static List<String> lines(String text) {
        return new SourceLines(text.startsWith("\uFEFF") ? text.substring(1) : text);
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
