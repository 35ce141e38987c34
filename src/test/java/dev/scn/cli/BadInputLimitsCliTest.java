package dev.scn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, items 1, 2, 5 and 13a through the CLI: inputs that once ended in a stack trace, an
 * out-of-memory error or "internal error" are bad input like any other: exit 2, a compiler-style
 * message, no stack trace.
 */
class BadInputLimitsCliTest {

    private static void assertCleanBadInput(CliTest.Outcome o) {
        assertEquals(2, o.code(), o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("Error:") || o.err().contains("\tat ")
                || o.err().contains("internal error"), o.err());
    }

    @Test
    void sixThousandNestedBracketsAreASyntaxErrorWithItsPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deep.scn");
        Files.writeString(file, "scenario s {\n    run 1d\n    drop on a->b tcp flags " + "[".repeat(6000) + "F.\n}\n",
                StandardCharsets.UTF_8);
        for (String command : new String[] {"check", "run"}) {
            CliTest.Outcome o = CliTest.scn(command, file.toString());
            assertCleanBadInput(o);
            String[] lines = o.err().split("\n");
            assertEquals(file + ":3:29: error[E0112]: expected tcpdump flags such as S, S. or F. after '['", lines[0]);
            // The 6000-character line is shown around the caret only, and the caret still
            // points at the second '[' (the first one after "flags ").
            assertTrue(lines[1].length() < 200, lines[1]);
            assertTrue(lines[1].startsWith("   3 |     drop on a->b tcp flags [[[[") && lines[1].endsWith("[..."), lines[1]);
            assertEquals("     | " + " ".repeat(28) + "^", lines[2]);
        }
    }

    @Test
    void aThreeGigabyteFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.scn");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        CliTest.Outcome o = CliTest.scn("check", big.toString());
        assertCleanBadInput(o);
        assertTrue(o.err().startsWith(big + ":0:0: error[E0003]: the file is larger than 16 MiB"), o.err());
    }

    @Test
    void devZeroIsRefusedAfterSixteenMebibytes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        CliTest.Outcome o = CliTest.scn("check", "/dev/zero");
        assertCleanBadInput(o);
        assertTrue(o.err().startsWith("/dev/zero:0:0: error[E0003]: "), o.err());
    }

    /** Item 2: explain and report went through the engine, which threw on the second address. */
    @Test
    void duplicateAddressesAreBadInputForExplainAndReportToo(@TempDir Path dir) {
        String file = "src/test/resources/bad/duplicate-address.scn";
        String expected = file + ":13:12: error[E0314]: 192.0.2.10 is already server's address (line 6)";
        CliTest.Outcome explain = CliTest.scn("explain", file, "--conn", "c1");
        assertCleanBadInput(explain);
        assertEquals(expected, explain.err().split("\n")[0]);
        CliTest.Outcome report = CliTest.scn("report", file, "-o", dir.toString());
        assertCleanBadInput(report);
        assertTrue(report.err().contains(expected), report.err());
    }

    @Test
    void everyKindOfAddressClashIsReportedAtCheckTime() {
        for (String name : new String[] {"duplicate-address", "duplicate-own-address", "traffic-overlaps-host",
                "traffic-overlaps-traffic", "variant-duplicate-address"}) {
            CliTest.Outcome o = CliTest.scn("check", "src/test/resources/bad/" + name + ".scn");
            assertCleanBadInput(o);
            assertTrue(o.err().contains("error[E0314]"), name + ":\n" + o.err());
        }
    }

    /** Item 13a: a BOM after the start of the file lost the source line and the caret. */
    @Test
    void aByteOrderMarkAtTheEndShowsItsLineAndCaret(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.scn");
        Files.write(file, "scenario s {\n    run 1d\n}\n\uFEFF".getBytes(StandardCharsets.UTF_8));
        CliTest.Outcome o = CliTest.scn("check", file.toString());
        assertCleanBadInput(o);
        assertEquals(file + ":4:1: error[E0100]: unexpected character U+FEFF (a byte order mark)\n"
                + "   4 | <U+FEFF>\n"
                + "     | ^^^^^^^^\n"
                + "     = hint: a byte order mark belongs only at the very start of the file; delete this one\n"
                + "1 error in " + file + "\n", o.err());
    }

    @Test
    void aByteOrderMarkInsideALineIsShownWhereTheCaretPoints(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.scn");
        Files.write(file, "\uFEFFscenario s {\n    run 1d\n    at 0s a\uFEFF crash\n}\n".getBytes(StandardCharsets.UTF_8));
        CliTest.Outcome o = CliTest.scn("check", file.toString());
        assertCleanBadInput(o);
        String[] lines = o.err().split("\n");
        assertEquals(file + ":3:12: error[E0100]: unexpected character U+FEFF (a byte order mark)", lines[0]);
        assertEquals("   3 |     at 0s a<U+FEFF> crash", lines[1]);
        assertEquals("     |            ^^^^^^^^", lines[2]);
    }
}
