package dev.scn.drill.script;

import dev.scn.lang.Diagnostic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrillCorpusTest {

    @Test
    @DisplayName("every script of FreeBSD's TCP test suite parses without a diagnostic, quickly")
    void everyScriptParses() {
        List<Path> scripts = SuiteCorpus.scripts();
        assertEquals(SuiteCorpus.SCRIPTS, scripts.size(), "scripts in " + SuiteCorpus.ROOT);
        DrillParser.parse(scripts.get(0)); // load the classes and the grammar's ATN before timing
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        int steps = 0;
        for (Path p : scripts) {
            DrillParse parsed = DrillParser.parse(p);
            for (Diagnostic d : parsed.diagnostics().sorted()) {
                problems.add(p + ":" + d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message());
            }
            if (parsed.usable()) {
                steps += parsed.script().steps().size();
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), problems);
        // Counted with awk outside scn: 12,264 lines start with a time, '-', '+' or '*' once the
        // 23 #ifdef STANDARD blocks (46 lines) are left out; 825 of them are option lines
        // (--ip_version and --tolerance_usecs in each of the 408, plus 3 udp_encapsulation,
        // 3 non_fatal, 2 mtu, 1 tcp_md5_secret): 12,264 - 825 = 11,439 timed events.
        assertEquals(11_439, steps);
        System.out.println("parsed " + scripts.size() + " scripts in " + ms + " ms");
        // The issue asks for all 408 in well under 2 s; measured about 0.3 s on the 2-core build machine.
        assertTrue(ms < 2000, "parsing the suite took " + ms + " ms");
    }
}
