package dev.scn.cli;

import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Action;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's language reference shows only what scn accepts. */
class ReadmeExamplesTest {
    private static final Path FILE = Path.of("src/test/resources/scenarios/readme-constructs.scn");

    @Test
    @DisplayName("every construct of the README's language reference parses and validates")
    void readmeConstructsAreValid() {
        CliTest.Outcome o = CliTest.scn("check", FILE.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err(), "no warning either");
        ParseResult parsed = ScenarioParser.parse(FILE);
        Scenario s = parsed.scenarios().get(0);
        assertEquals(5, s.hosts().get(0).listens().size());
        assertEquals(2, s.hosts().get(1).addresses().size());
        assertEquals(2, s.pathRules().size());
        assertEquals(2, s.traffic().size());
        assertEquals(dev.scn.model.TrafficDecl.Behaviour.SYN_ONLY,
                s.traffic().get(1).shares().get(0).behaviour());
        assertEquals(1, s.variants().size());
        Action.Inject inject = s.timeline().stream().map(t -> t.action()).filter(a -> a instanceof Action.Inject)
                .map(a -> (Action.Inject) a).findFirst().orElseThrow();
        assertEquals(dev.scn.engine.net.TcpFlags.RST, inject.tcpFlags(), "[R] in tcpdump's brackets");
        assertEquals(1025, inject.fromPort());
    }

    @Test
    @DisplayName("each code line of the README's language reference appears in the checked scenario")
    void readmeLinesAreInTheCheckedScenario() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String checked = Files.readString(FILE);
        int start = readme.indexOf("## Language reference");
        int end = readme.indexOf("### Diagnostics");
        String reference = readme.substring(start, end);
        String[] blocks = reference.split("```");
        int lines = 0;
        for (int i = 1; i < blocks.length; i += 2) {
            for (String line : blocks[i].split("\n")) {
                String code = line.replaceAll("\\s+#.*$", "").strip();
                if (code.isEmpty() || code.startsWith("#")) {
                    continue;
                }
                lines++;
                assertTrue(normalized(checked).contains(normalized(code)), "README line not in " + FILE + ": " + code);
            }
        }
        assertFalse(lines < 50, "found only " + lines + " code lines");
    }

    private static String normalized(String text) {
        return text.replaceAll("[ \\t]+", " ");
    }
}
