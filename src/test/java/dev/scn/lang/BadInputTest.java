package dev.scn.lang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each file under {@code bad/} names its first error in its header:
 * {@code # expect: LINE:COL CODE message}.
 */
class BadInputTest {
    private static final Pattern HEADER = Pattern.compile("# expect: (\\d+):(\\d+) (E\\d{4}) (.+)");

    static Stream<Path> badFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(BadInputTest.class.getResource("/bad")).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            // The parser's own errors (E01xx, E02xx); the rest of bad/ is checked through the CLI.
            return files.filter(p -> p.toString().endsWith(".scn")).filter(BadInputTest::parserLevel).sorted()
                    .toList().stream();
        }
    }

    private static boolean parserLevel(Path file) {
        try {
            String first = dev.scn.cli.BadInputCliTest.firstLine(file);
            return first.matches("# expect: \\d+:\\d+ E0[12]\\d\\d .*");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void firstErrorIsTheOneInTheHeader(Path file) throws IOException {
        String header = dev.scn.cli.BadInputCliTest.firstLine(file);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            fail("header of " + file.getFileName() + " is not '# expect: L:C CODE message': " + header + "\n got: "
                    + ScenarioParser.parse(file).diagnostics().sorted());
        }
        ParseResult result = ScenarioParser.parse(file);
        assertFalse(result.ok(), "no error in " + file.getFileName());
        Diagnostic first = result.diagnostics().sorted().get(0);
        String actual = first.span().line() + ":" + first.span().column() + " " + first.code() + " " + first.message();
        assertEquals(m.group(1) + ":" + m.group(2) + " " + m.group(3) + " " + m.group(4), actual);
        assertEquals(file.toString(), first.span().file());
    }

    @Test
    void severalIndependentSyntaxErrorsAreAllReported() {
        ParseResult r = ScenarioParser.parse("""
                scenario s {
                    run 1d
                    host a {
                        os freebsd
                        stray silent
                        ip 10.0.0.1
                    }
                    at soon a crash
                    at 1s c1 send lots
                    at 1h expect a netstat LISTEN = 1
                    title en "open
                }
                """, "many.scn");
        List<String> got = r.diagnostics().sorted().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code()).toList();
        assertEquals(List.of("4:19 E0104", "5:15 E0111", "8:8 E0102", "9:19 E0103", "10:35 E0100", "11:14 E0101"), got);
        assertTrue(r.scenarios().isEmpty());
    }

    @Test
    void severalBuilderErrorsAreAllReported() {
        ParseResult r = ScenarioParser.parse("""
                scenario s {
                    run 30
                    link a b loss 101%
                    at +1s a crash
                    drop on a->b tcp flags Q
                }
                """, "many.scn");
        List<String> got = r.diagnostics().sorted().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code()).toList();
        assertEquals(List.of("2:9 E0202", "3:19 E0207", "4:8 E0204", "5:28 E0203"), got);
    }

    @Test
    void errorsStopAtTwenty() {
        StringBuilder source = new StringBuilder("scenario s {\n run 1d\n");
        for (int i = 0; i < 30; i++) {
            source.append(" at soon a crash\n");
        }
        ParseResult r = ScenarioParser.parse(source.append("}\n").toString(), "many.scn");
        assertEquals(Diagnostics.MAX_ERRORS, r.diagnostics().errorCount());
        assertTrue(r.diagnostics().truncated());
    }

    @Test
    void unreadableBytesAreOneDiagnosticNotAnException(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.scn");
        Files.write(file, new byte[] {'s', (byte) 0xE9, '\n'});
        ParseResult r = ScenarioParser.parse(file);
        // The same diagnostic as the CLI gives (SourceText): E0002 at the first bad byte, line 1 column 2.
        var d = r.diagnostics().sorted().get(0);
        assertEquals("1:2 E0002 the file is not valid UTF-8", d.span().line() + ":" + d.span().column() + " " + d.code()
                + " " + d.message());
    }
}
