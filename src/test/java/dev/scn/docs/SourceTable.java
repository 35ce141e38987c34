package dev.scn.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The rows of the table in docs/sources.md: Key | Release | Repository | Path | Commit | Notes. */
final class SourceTable {
    /** A full or short commit hash, or {@code id:N} for a file the index served without its repository. */
    static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}|id:\\d+");

    record Row(int line, String key, String release, String repo, String path, String commit) {
        /** Whether this row is a copy of the cited file (a bare name or a path suffix). */
        boolean isFile(String cited) {
            return path.equals(cited) || path.endsWith("/" + cited);
        }

        /** Whether the Release column names this major version. */
        boolean isRelease(int major) {
            return CitationScanner.majors(release).contains(major);
        }
    }

    private SourceTable() {
    }

    /** Table rows of the markdown text, header and separator skipped. */
    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("| Key |")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            if (cells.length < 6) {
                throw new IllegalStateException("docs/sources.md:" + (i + 1) + ": expected 6 columns: " + line);
            }
            rows.add(new Row(i + 1, strip(cells[0]), cells[1].trim(), cells[2].trim(), cells[3].trim(),
                    cells[4].trim()));
        }
        return rows;
    }

    /** "[A]" -> "A"; "" stays "". */
    private static String strip(String key) {
        String k = key.trim();
        return k.startsWith("[") && k.endsWith("]") ? k.substring(1, k.length() - 1) : k;
    }
}
