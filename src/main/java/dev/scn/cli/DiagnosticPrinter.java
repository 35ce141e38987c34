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
 * A CJK (wide) character counts as two columns when the caret is placed.
 */
final class DiagnosticPrinter {
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
            String text = sourceLines.get(line - 1).replace("\t", "    ");
            String number = Integer.toString(line);
            String gutter = " ".repeat(Math.max(4, number.length() + 1) - number.length());
            out.append(gutter).append(number).append(" | ").append(text).append('\n');
            String pad = " ".repeat(gutter.length() + number.length());
            int column = Math.max(1, d.span().column());
            int before = displayWidth(text, column - 1);
            int width = Math.max(1, displayWidth(text.substring(Math.min(text.length(), column - 1)),
                    Math.max(1, d.span().length())));
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
        int width = 0;
        int n = Math.min(chars, text.length());
        for (int i = 0; i < n; i++) {
            width += isWide(text.charAt(i)) ? 2 : 1;
        }
        return width + Math.max(0, chars - text.length());
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
