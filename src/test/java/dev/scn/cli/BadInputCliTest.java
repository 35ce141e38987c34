package dev.scn.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input under {@code bad/} (bytes, syntax, values, meaning) through the CLI as a user
 * meets it: exit code 2, the first line of stderr is {@code FILE:LINE:COL: error[CODE]: message}
 * as the file's header says, followed by the source line and a caret; no stack trace.
 */
public class BadInputCliTest {
    private static final Pattern HEADER = Pattern.compile("# expect: (\\d+):(\\d+) (E\\d{4}) (.+)");

    static Stream<Path> files() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/bad"))) {
            files.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(all::add);
        }
        return all.stream();
    }

    /** The header line, read as bytes: some of these files are not valid UTF-8 on purpose. */
    public static String firstLine(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3);
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void checkAndRunReportTheFirstErrorWithExitTwo(Path file) throws IOException {
        Matcher m = HEADER.matcher(firstLine(file));
        assertTrue(m.matches(), "header of " + file);
        String expected = file + ":" + m.group(1) + ":" + m.group(2) + ": error[" + m.group(3) + "]: " + m.group(4);
        for (String command : new String[] {"check", "run"}) {
            CliTest.Outcome o = CliTest.scn(command, file.toString());
            assertEquals(2, o.code(), command + " " + file + "\n" + o.err());
            String[] lines = o.err().split("\n");
            assertEquals(expected, lines[0]);
            assertTrue(lines.length >= 3 && lines[2].contains("^"), "caret line under the source:\n" + o.err());
            assertFalse(o.err().contains("Exception") || o.err().contains("at java.") || o.err().contains("at dev."),
                    o.err());
            assertEquals("", o.out(), "nothing on stdout for bad input");
        }
    }
}
