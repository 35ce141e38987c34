package dev.scn.lang;

import java.util.AbstractList;

/**
 * The lines of a text, split where the parser counts a new line (LF, CRLF, lone CR), found
 * when asked: a file of millions of short lines costs one int per line, not one string.
 */
public final class SourceLines extends AbstractList<String> {
    private final String text;
    private final int[] starts;

    public SourceLines(String text) {
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
