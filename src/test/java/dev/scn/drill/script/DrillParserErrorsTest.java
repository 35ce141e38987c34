package dev.scn.drill.script;

import dev.scn.lang.Diagnostic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad scripts: each gives one diagnostic, at the place and with the words pinned here. */
class DrillParserErrorsTest {

    private static Diagnostic only(String script) {
        DrillParse parsed = DrillParser.parse(script.replace("\\n", "\n"), "t.pkt", Path.of("t.pkt"), Set.of("FreeBSD"));
        assertNull(parsed.script());
        assertFalse(parsed.usable());
        List<Diagnostic> all = parsed.diagnostics().sorted();
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }

    /** line:column code message (the hint is checked separately where it matters). */
    private static String where(Diagnostic d) {
        return d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "+0.00 > 0:0(0) win 1              | 1:9 E0120 expected TCP flags such as S, S., . or F. after '>', found '0'",
        "+0 > S 0:0 win 5                  | 1:12 E0120 expected a sequence range such as 0:0(0) after '0', found 'win'",
        "+0.00 close(3)\\n+0.10 close(4) = 0 | 1:15 E0120 expected '=' and the call's result after ')', found '+'",
        "+0 close 3) = 0                   | 1:10 E0120 expected '(' and the arguments after 'close', found '3'",
        "0.00 socket(..., SOCK_STREAM IPPROTO_TCP) = 3 | 1:30 E0120 expected ')' or ',' after 'SOCK_STREAM', found 'IPPROTO_TCP'",
        "+0 > S 0:0(0) <mss 1460 nop>      | 1:25 E0120 expected ',' or '>' in the option list after '1460', found 'nop'",
        "+0 > S 0:0(0) win 1 <mss 1460,nop\\n+0 close(3) = 0 | 1:34 E0120 expected ',' or '>' in the option list after 'nop', found '+'",
        "+0 > S 0:0(0) win 1 /udp(1 9811)  | 1:28 E0120 expected /udp(SOURCE > DESTINATION) such as /udp(1 > 9811) after '1', found '9811'",
        "+0 > (tos 0x20 S 0:0(0) win 1     | 1:16 E0120 expected ',' or ')' to close the IP fields after '0x20', found 'S'",
        "0.00                              | 1:5 E0120 expected a packet (< or >), a system call, a `command` or %{ code }% after '0.00', found the end of the file",
        "#ifdef FreeBSD\\n+0 close(3) = 0   | 2:16 E0120 expected '#endif' to close '#ifdef FreeBSD'",
        "#endif                            | 1:1 E0120 '#endif' without an '#ifdef' before it",
        "+0 close(3) = 0\\n--mtu=1500       | 2:1 E0120 option '--mtu=1500' after the first event",
        "--tolerance_usecs=\\n+0 close(3) = 0 | 1:1 E0120 expected a value after '='",
        "+0.00 > S 1:10(10) win 1          | 1:13 E0121 inconsistent sequence numbers and length: 1:10(10) has end - start = 9",
        "+0.00 > SX 0:0(0) win 1           | 1:9 E0121 unknown TCP flag 'X' in SX",
        "+0 > . 1:1(0) ack 4294967296 win 0 | 1:19 E0121 ack out of range: 4294967296 (at most 4,294,967,295)",
        "+0 > S 0:0(0) win 70000           | 1:19 E0121 window out of range: 70000 (at most 65,535)",
        "+0.2~+0.1 > S 0:0(0)              | 1:7 E0121 time range is backwards: it ends before it starts",
        "* close(3) = 0                    | 1:1 E0122 '*' before something other than an outbound packet",
        "0.1~0.2 < S 0:0(0) win 1          | 1:1 E0122 a time range before something other than an outbound packet",
        "+0.00 < S 0:0(0)                  | 1:16 E0122 an inbound packet needs 'win N'",
        "+0.00 < S 0:0(0) win 1 <...>      | 1:24 E0122 <...> on an inbound packet",
        "+0 close(3) = 0;                  | 1:16 E0100 unexpected character ';'",
        "+0.00 `sysctl -w x=1              | 1:7 E0101 unterminated command: no closing '`'",
        "+0 close(3) = 0\\n+0 %{ assert x   | 2:4 E0101 unterminated code block: no closing '}%'",
        "/* never closed\\n+0 close(3) = 0  | 1:1 E0101 unterminated comment: no closing '*/'",
    })
    void pinnedMessages(String script, String expected) {
        assertEquals(expected, where(only(script)));
    }

    @Test
    @DisplayName("hints say how to write the thing")
    void hints() {
        assertEquals("flags are the letters F S R P U E W C, with '.' for ACK (S., F.) and '-' for none",
                only("+0.00 > SX 0:0(0) win 1").hint());
        assertEquals("a call is NAME(ARGS) = RESULT, then ERRNO (text) when it fails, e.g. connect(3, ..., ...) = -1 "
                + "EINPROGRESS (Operation now in progress)", only("+0 close(3)").hint());
        assertEquals("the #ifdef opens at line 1", only("#ifdef FreeBSD\n+0 close(3) = 0").hint());
        assertEquals("packetdrill needs no ';': one event after another, each with its time",
                only("+0 close(3) = 0;").hint());
    }

    @Test
    @DisplayName("several errors on several lines are all reported, one per line")
    void severalErrors() {
        DrillParse parsed = DrillParser.parse("+0 > SX 0:0(0) win 1\n+0 > S 1:2(0) win 1\n+0 close(3) = 0;\n",
                "t.pkt", Path.of("t.pkt"), Set.of());
        // the lexical error (line 3) stops the parse: the builder's value errors are not reached
        assertEquals(List.of("3:16 E0100 unexpected character ';'"),
                parsed.diagnostics().sorted().stream().map(DrillParserErrorsTest::where).toList());
        DrillParse values = DrillParser.parse("+0 > SX 0:0(0) win 1\n+0 > S 1:2(0) win 1\n", "t.pkt", Path.of("t.pkt"),
                Set.of());
        assertEquals(List.of("1:6 E0121 unknown TCP flag 'X' in SX",
                        "2:10 E0121 inconsistent sequence numbers and length: 1:2(0) has end - start = 1"),
                values.diagnostics().sorted().stream().map(DrillParserErrorsTest::where).toList());
    }

    @Test
    @DisplayName("files: missing, a directory, too many tokens")
    void files(@TempDir Path dir) throws IOException {
        assertEquals("E0001 no such file", codeAndMessage(DrillParser.parse(dir.resolve("missing.pkt"))));
        assertEquals("E0001 is a directory, not a .scn file", codeAndMessage(DrillParser.parse(dir)));
        Path big = dir.resolve("big.pkt");
        // "+0 close(3) = 0\n" is 8 tokens ('+', '0', close, '(', 3, ')', '=', 0): 62,501 lines pass 500,000
        Files.writeString(big, "+0 close(3) = 0\n".repeat(62_501));
        DrillParse parsed = DrillParser.parse(big);
        assertEquals("E0003 the script has more than 500,000 words and symbols", codeAndMessage(parsed));
        assertEquals(62_501, parsed.diagnostics().sorted().get(0).span().line());
        Files.writeString(big, "+0 close(3) = 0\n".repeat(62_500));
        assertTrue(DrillParser.parse(big).usable());
    }

    private static String codeAndMessage(DrillParse p) {
        Diagnostic d = p.diagnostics().sorted().get(0);
        return d.code() + " " + d.message();
    }
}
