package dev.scn.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The comment text of each line of a Java file ("" for a line without comment), so that code
 * ({@code this.c = c}, "unit.h" keys, URLs in strings) is never read as a citation.
 */
final class JavaComments {
    private JavaComments() {
    }

    static List<String> perLine(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        boolean inBlock = false;
        for (String line : lines) {
            StringBuilder comment = new StringBuilder();
            int i = 0;
            while (i < line.length()) {
                if (inBlock) {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        comment.append(line, i, line.length());
                        i = line.length();
                    } else {
                        comment.append(line, i, end).append(' ');
                        i = end + 2;
                        inBlock = false;
                    }
                    continue;
                }
                char c = line.charAt(i);
                if (c == '"' || c == '\'') {
                    i = skipLiteral(line, i, c);
                } else if (line.startsWith("//", i)) {
                    comment.append(line, i + 2, line.length());
                    i = line.length();
                } else if (line.startsWith("/*", i)) {
                    inBlock = true;
                    i += 2;
                } else {
                    i++;
                }
            }
            out.add(comment.toString());
        }
        return out;
    }

    /** The index just past a string or char literal that starts at {@code start}. */
    private static int skipLiteral(String line, int start, char quote) {
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }
}
