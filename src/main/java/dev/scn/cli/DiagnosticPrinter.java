package dev.scn.cli;

import dev.scn.lang.Diagnostic;

import java.util.List;
import java.util.Locale;

/**
 * Prints diagnostics the way javac and clang do:
 * <pre>
 * scenarios/x.scn:12:11: error[E0302]: unknown host 'clinet'
 *    12 |   at 0s clinet connect server:80 as c1
 *       |         ^^^^^^
 *       = hint: did you mean 'client'?
 * </pre>
 * A CJK (wide) character counts as two columns when the caret is placed; a character that
 * prints as nothing (a stray byte order mark) is shown as {@code <U+FEFF>}; a very long line is
 * cut around the caret.
 */
final class DiagnosticPrinter {
    /** Lines longer than this (in characters) are shown as CONTEXT characters each side of the caret. */
    static final int LONG_LINE = 200;
    static final int CONTEXT = 60;

    private DiagnosticPrinter() {
    }

    static String format(Diagnostic d, List<String> sourceLines) {
        StringBuilder out = new StringBuilder();
        String severity = d.severity().name().toLowerCase(Locale.ROOT);
        out.append(d.span().file()).append(':').append(d.span().line()).append(':').append(d.span().column())
                .append(": ").append(severity).append('[').append(d.code()).append("]: ").append(d.message())
                .append('\n');
        int line = d.span().line();
        if (line >= 1 && line <= sourceLines.size()) {
            String source = sourceLines.get(line - 1);
            String number = Integer.toString(line);
            String gutter = " ".repeat(Math.max(4, number.length() + 1) - number.length());
            int caretFrom = Math.max(1, d.span().column()) - 1;
            int caretTo = caretFrom + Math.max(1, d.span().length());
            // A line of thousands of characters (a generated or mangled file) shows only the part
            // around the caret, so the message stays readable and its size bounded.
            int start = 0;
            int end = source.length();
            if (source.length() > LONG_LINE) {
                start = Math.max(0, Math.min(caretFrom, source.length()) - CONTEXT);
                end = Math.min(source.length(), Math.max(caretFrom, start) + CONTEXT);
                caretTo = Math.min(caretTo, Math.max(end, caretFrom + 1));
            }
            String cutBefore = start > 0 ? "..." : "";
            String cutAfter = end < source.length() ? "..." : "";
            out.append(gutter).append(number).append(" | ").append(cutBefore).append(shown(source.substring(start, end)))
                    .append(cutAfter).append('\n');
            String pad = " ".repeat(gutter.length() + number.length());
            int before = cutBefore.length() + displayWidth(source, start, caretFrom);
            int width = Math.max(1, displayWidth(source, caretFrom, caretTo));
            out.append(pad).append(" | ").append(" ".repeat(before)).append("^".repeat(width)).append('\n');
            if (d.hint() != null) {
                out.append(pad).append(" = hint: ").append(d.hint()).append('\n');
            }
        } else if (d.hint() != null) {
            out.append("    = hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }

    /** Terminal columns taken by the first {@code chars} characters of {@code text}. */
    static int displayWidth(String text, int chars) {
        return displayWidth(text, 0, chars);
    }

    /**
     * Terminal columns taken by characters {@code from} (inclusive) to {@code to} (exclusive) of
     * {@code text} as {@link #shown} prints it; positions past its end count one column each (a
     * caret after the last character).
     */
    static int displayWidth(String text, int from, int to) {
        int width = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            width += i < text.length() ? shown(text.charAt(i)).length() + (isWide(text.charAt(i)) ? 1 : 0) : 1;
        }
        return width;
    }

    /**
     * The source line as printed: a tab as four spaces, a character that prints as nothing or
     * moves the cursor (a byte order mark, a control) as {@code <U+FEFF>}, so the caret has
     * something to point at.
     */
    static String shown(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            out.append(shown(line.charAt(i)));
        }
        return out.toString();
    }

    private static String shown(char c) {
        if (c == '\t') {
            return "    ";
        }
        int type = Character.getType(c);
        if (Character.isISOControl(c) || type == Character.FORMAT || c == '\uFFFE') {
            return String.format(Locale.ROOT, "<U+%04X>", (int) c);
        }
        return String.valueOf(c);
    }

    private static boolean isWide(char c) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_IDEOGRAPHS
                || block == Character.UnicodeBlock.HIRAGANA || block == Character.UnicodeBlock.KATAKANA
                || block == Character.UnicodeBlock.HANGUL_SYLLABLES;
    }
}
