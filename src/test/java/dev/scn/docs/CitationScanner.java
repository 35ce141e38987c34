package dev.scn.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source citations in the comments of a Java file, by the convention of
 * docs/sources.md: a C file name ({@code tcp_input.c}, {@code sbin/ipfw/ipfw2.c}), a release word
 * written right before or after it ({@code 5.x tcp_input.c}, {@code tcp_timer.c (6.x}), a source
 * key ({@code [A]}) or a repository at a commit ({@code freebsd/freebsd-src@82a1909e}).
 */
final class CitationScanner {
    /** One release word: 5.x, 14.2, RELENG_4, stable/13, releng/9.3, 7-CURRENT. */
    private static final String REL1 = "(?:RELENG_\\d+|stable/\\d+|releng/\\d+\\.\\d+|\\d{1,2}-CURRENT"
            + "|\\d{1,2}\\.(?:x|\\d{1,2}))";
    /** A release word, possibly a list (8.x/9.x) and possibly "-era". */
    private static final String REL = REL1 + "(?:/" + REL1 + ")*(?:-era)?";
    private static final String FILE = "(?:[\\w.-]+/)*[A-Za-z_][\\w-]*\\.[ch]";
    /** A file name not glued to a longer dotted word (a.b.c.d) and not followed by ".word". */
    static final Pattern FILE_NAME = Pattern.compile("(?<![\\w./-])(" + FILE + ")(?!\\w)(?!\\.\\w)");
    private static final Pattern RELEASE_BEFORE = Pattern.compile(
            "(?<![\\w.])(" + REL + ")(?:'s)?\\s+(?:\\(|the\\s+)?(" + FILE + ")(?!\\w)(?!\\.\\w)");
    private static final Pattern RELEASE_AFTER = Pattern.compile(
            "(?<![\\w./-])(" + FILE + ")\\s*[(,]?\\s*(?:of\\s+|in\\s+)?(" + REL + ")(?!\\w)(?!\\.\\d)");
    private static final Pattern MAJOR = Pattern.compile(
            "RELENG_(\\d+)|stable/(\\d+)|releng/(\\d+)|(\\d+)-CURRENT|(?<![\\w.])(\\d{1,2})\\.(?:x|\\d)");
    /** Source keys as docs/sources.md defines them: [A], [T6], [UL-2002], [SC-6x]. */
    private static final Pattern KEY = Pattern.compile("\\[([A-Z][0-9]?|[A-Z][A-Z0-9]{0,5}-[0-9A-Za-z.]+)\\]");
    private static final Pattern REPO_AT = Pattern.compile(
            "([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+) ?@ ?([0-9a-f]{7,40})\\b");
    private static final Pattern C_FILE = Pattern.compile("[A-Za-z_][\\w-]*\\.[ch]");
    private static final Pattern CODE_SPAN = Pattern.compile("\\{@code [^}]*}");

    private CitationScanner() {
    }

    /** What a citation asks of docs/sources.md. */
    sealed interface Citation permits FileCitation, KeyCitation, RepoCitation {
        /** "File.java:12". */
        String where();
    }

    /** A file, and the major release named with it (0 when none). */
    record FileCitation(String where, String file, int major) implements Citation {
    }

    record KeyCitation(String where, String key) implements Citation {
    }

    record RepoCitation(String where, String repo, String commitPrefix) implements Citation {
    }

    /** Every citation in the comments of these lines of one file. */
    static List<Citation> scan(String fileName, List<String> lines) {
        List<Citation> out = new ArrayList<>();
        List<String> comments = JavaComments.perLine(lines);
        for (int i = 0; i < comments.size(); i++) {
            String text = comments.get(i);
            if (!text.isBlank()) {
                scanLine(fileName + ":" + (i + 1), text, out);
            }
        }
        return out;
    }

    /** The citations of one line of comment text. */
    static void scanLine(String where, String text, List<Citation> out) {
        Matcher f = FILE_NAME.matcher(text);
        while (f.find()) {
            for (String file : files(f.group(1))) {
                out.add(new FileCitation(where, file, 0));
            }
        }
        Matcher before = RELEASE_BEFORE.matcher(text);
        while (before.find()) {
            for (int major : majors(before.group(1))) {
                for (String file : files(before.group(2))) {
                    out.add(new FileCitation(where, file, major));
                }
            }
        }
        Matcher after = RELEASE_AFTER.matcher(text);
        while (after.find()) {
            for (int major : majors(after.group(2))) {
                for (String file : files(after.group(1))) {
                    out.add(new FileCitation(where, file, major));
                }
            }
        }
        String prose = CODE_SPAN.matcher(text).replaceAll(" ");
        Matcher k = KEY.matcher(prose);
        while (k.find()) {
            out.add(new KeyCitation(where, k.group(1)));
        }
        Matcher r = REPO_AT.matcher(text);
        while (r.find()) {
            out.add(new RepoCitation(where, r.group(1), r.group(2)));
        }
    }

    /**
     * The files a matched name lists: "tcp_input.c/tcp_sack.c" names two files (a directory part
     * that is itself a C file name ends one file), "sys/netinet/tcp_input.c" one.
     */
    static List<String> files(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String part : name.split("/")) {
            if (current.length() > 0) {
                current.append('/');
            }
            current.append(part);
            if (C_FILE.matcher(part).matches()) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        return out;
    }

    /** The major versions a release word names: "8.x/9.x-era" gives 8 and 9. */
    static List<Integer> majors(String release) {
        List<Integer> out = new ArrayList<>();
        Matcher m = MAJOR.matcher(release);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    out.add(Integer.parseInt(m.group(g)));
                    break;
                }
            }
        }
        return out;
    }
}
