package dev.scn.cli;

import dev.scn.drill.script.DrillParse;
import dev.scn.drill.script.DrillParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bad packetdrill script prints like a bad scenario: file:line:col, the line, a caret, a hint. */
class DrillDiagnosticPrintTest {

    @Test
    @DisplayName("a drill syntax error prints with its source line, caret and hint")
    void printed() {
        DrillParse parsed = DrillParser.parse("--tolerance_usecs=10000\n+0.00 > S. 1:10(10) ack 1 win 65535\n",
                "demo.pkt", Path.of("demo.pkt"), Set.of("FreeBSD"));
        String text = DiagnosticPrinter.format(parsed.diagnostics().sorted().get(0), parsed.sourceLines());
        assertEquals("""
                demo.pkt:2:14: error[E0121]: inconsistent sequence numbers and length: 1:10(10) has end - start = 9
                   2 | +0.00 > S. 1:10(10) ack 1 win 65535
                     |              ^^
                     = hint: write start:end(length) with end = start + length, e.g. 1:1001(1000); ...(length) \
                accepts any sequence number
                """, text);
    }
}
