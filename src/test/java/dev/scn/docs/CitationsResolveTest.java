package dev.scn.docs;

import dev.scn.docs.CitationScanner.Citation;
import dev.scn.docs.CitationScanner.FileCitation;
import dev.scn.docs.CitationScanner.KeyCitation;
import dev.scn.docs.CitationScanner.RepoCitation;
import dev.scn.docs.SourceTable.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every source citation in the code's comments resolves in docs/sources.md (issue 11, Build
 * item 4): the file has a row, a release named with it has a row of that major version, a
 * source key is defined, a repository@commit is listed.
 */
class CitationsResolveTest {
    private static final Path SOURCES = Path.of("docs/sources.md");
    private static final Path CODE = Path.of("src/main/java");
    private static final Path MODEL = Path.of("docs/model-freebsd.md");

    @Test
    @DisplayName("every citation in src/main/java resolves to a row of docs/sources.md")
    void everyCitationResolves() throws IOException {
        List<Row> rows = SourceTable.parse(Files.readAllLines(SOURCES));
        List<String> unresolved = new ArrayList<>();
        int count = 0;
        try (Stream<Path> files = Files.walk(CODE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (Citation c : CitationScanner.scan(CODE.relativize(f).toString(), read(f))) {
                    count++;
                    String problem = problem(c, rows);
                    if (problem != null) {
                        unresolved.add(CODE.resolve(c.where()) + ": " + problem);
                    }
                }
            }
        }
        assertTrue(count > 100, "the scanner finds the code's citations (found " + count + ")");
        assertEquals(List.of(), unresolved, "citations without a row in docs/sources.md:\n"
                + String.join("\n", unresolved));
    }

    @Test
    @DisplayName("every citation in docs/model-freebsd.md resolves too")
    void modelDocCitationsResolve() throws IOException {
        List<Row> rows = SourceTable.parse(Files.readAllLines(SOURCES));
        List<Citation> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(MODEL);
        for (int i = 0; i < lines.size(); i++) {
            CitationScanner.scanLine(MODEL + ":" + (i + 1), lines.get(i), found);
        }
        List<String> unresolved = new ArrayList<>();
        for (Citation c : found) {
            String problem = problem(c, rows);
            if (problem != null) {
                unresolved.add(c.where() + ": " + problem);
            }
        }
        assertTrue(found.size() > 50, "citations found in the model: " + found.size());
        assertEquals(List.of(), unresolved, String.join("\n", unresolved));
    }

    @Test
    @DisplayName("every row of docs/sources.md has a repository, a path, a release and a commit form")
    void rowsAreWellFormed() throws IOException {
        List<Row> rows = SourceTable.parse(Files.readAllLines(SOURCES));
        assertTrue(rows.size() > 50, "table rows read: " + rows.size());
        List<String> bad = new ArrayList<>();
        for (Row r : rows) {
            boolean repoOk = r.commit().startsWith("id:") ? r.repo().equals("(not reported)")
                    : r.repo().matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
            if (!SourceTable.COMMIT.matcher(r.commit()).matches() || !repoOk || r.path().isEmpty()
                    || r.release().isEmpty()) {
                bad.add("docs/sources.md:" + r.line());
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    @DisplayName("the convention: what counts as a citation and what it asks for")
    void conventionExamples() {
        List<Citation> got = new ArrayList<>();
        CitationScanner.scanLine("X.java:1", "in the order of FreeBSD 5.x tcp_input.c: RST first", got);
        CitationScanner.scanLine("X.java:2", "RELENG_4 (tcp_timer.c 1.34.2.x) up to 2020 HEAD", got);
        CitationScanner.scanLine("X.java:3", "tcp_timer.c (6.x, v1.76); ip_fw2.c 6.x; tcp_input.c of 12.x-era", got);
        CitationScanner.scanLine("X.java:4", "inet.c read up to 7.x; as 8.x/9.x-era tcp_syncache.h says.", got);
        CitationScanner.scanLine("X.java:5", "ip_fw_dynamic.c [F]/[G]; {@code P% BEHAVIOUR [D]}; a.b.c.d", got);
        CitationScanner.scanLine("X.java:6", "inet.c of freebsd/freebsd-src@82a1909e, TrustedBSD/sebsd @fd5de6f5", got);
        CitationScanner.scanLine("X.java:7", "the 13.x-era tcp_input.c/sys/netinet/tcp_sack.c", got);
        assertEquals(List.of(
                new FileCitation("X.java:1", "tcp_input.c", 0), new FileCitation("X.java:1", "tcp_input.c", 5),
                new FileCitation("X.java:2", "tcp_timer.c", 0), new FileCitation("X.java:2", "tcp_timer.c", 4),
                new FileCitation("X.java:3", "tcp_timer.c", 0), new FileCitation("X.java:3", "ip_fw2.c", 0),
                new FileCitation("X.java:3", "tcp_input.c", 0), new FileCitation("X.java:3", "tcp_timer.c", 6),
                new FileCitation("X.java:3", "ip_fw2.c", 6), new FileCitation("X.java:3", "tcp_input.c", 12),
                new FileCitation("X.java:4", "inet.c", 0), new FileCitation("X.java:4", "tcp_syncache.h", 0),
                new FileCitation("X.java:4", "tcp_syncache.h", 8), new FileCitation("X.java:4", "tcp_syncache.h", 9),
                new FileCitation("X.java:5", "ip_fw_dynamic.c", 0),
                new KeyCitation("X.java:5", "F"), new KeyCitation("X.java:5", "G"),
                new FileCitation("X.java:6", "inet.c", 0),
                new RepoCitation("X.java:6", "freebsd/freebsd-src", "82a1909e"),
                new RepoCitation("X.java:6", "TrustedBSD/sebsd", "fd5de6f5"),
                new FileCitation("X.java:7", "tcp_input.c", 0), new FileCitation("X.java:7", "sys/netinet/tcp_sack.c", 0),
                new FileCitation("X.java:7", "tcp_input.c", 13),
                new FileCitation("X.java:7", "sys/netinet/tcp_sack.c", 13)), got);
    }

    @Test
    @DisplayName("an unresolved citation is reported with what is missing")
    void unresolvedIsReported() {
        List<Row> rows = List.of(new Row(1, "A", "6.x", "o/r", "sys/netinet/tcp_input.c", "0123456"));
        assertEquals(null, problem(new FileCitation("w", "tcp_input.c", 6), rows));
        assertEquals("tcp_input.c: no row for release 5",
                problem(new FileCitation("w", "tcp_input.c", 5), rows));
        assertEquals("tcp_inptu.c: no row for this file", problem(new FileCitation("w", "tcp_inptu.c", 0), rows));
        assertEquals("[B]: no row with this key", problem(new KeyCitation("w", "B"), rows));
        assertEquals(null, problem(new RepoCitation("w", "o/r", "0123456"), rows));
        assertEquals("o/r@fff0000: no row with this repository and commit",
                problem(new RepoCitation("w", "o/r", "fff0000"), rows));
    }

    /** Why a citation does not resolve, or null when it does. */
    static String problem(Citation c, List<Row> rows) {
        if (c instanceof FileCitation f) {
            List<Row> forFile = rows.stream().filter(r -> r.isFile(f.file())).toList();
            if (forFile.isEmpty()) {
                return f.file() + ": no row for this file";
            }
            if (f.major() != 0 && forFile.stream().noneMatch(r -> r.isRelease(f.major()))) {
                return f.file() + ": no row for release " + f.major();
            }
            return null;
        }
        if (c instanceof KeyCitation k) {
            return rows.stream().anyMatch(r -> r.key().equals(k.key())) ? null : "[" + k.key() + "]: no row with this key";
        }
        RepoCitation rc = (RepoCitation) c;
        boolean found = rows.stream().anyMatch(r -> r.repo().equals(rc.repo())
                && (r.commit().startsWith(rc.commitPrefix()) || rc.commitPrefix().startsWith(r.commit())));
        return found ? null : rc.repo() + "@" + rc.commitPrefix() + ": no row with this repository and commit";
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
