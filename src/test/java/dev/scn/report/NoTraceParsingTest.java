package dev.scn.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report reads structured facts and the run's data, never trace text: no class in report/
 * uses regular expressions or string searches on what the engine wrote, and none imports the
 * engine (report depends on run, model and the fact types only).
 */
class NoTraceParsingTest {
    private static final List<String> FORBIDDEN = List.of("java.util.regex", "Pattern.compile", ".detail()",
            ".render()", "dev.scn.engine", "dev.scn.observe", ".matches(", ".split(", "indexOf(\" ");

    @Test
    @DisplayName("no class in report/ parses trace text or imports the engine")
    void reportReadsFieldsOnly() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/scn/report"))) {
            // Messages fills {n} placeholders of the bundles (our own texts) with a regular expression
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("Messages.java")).toList()) {
                String source = Files.readString(f);
                for (String word : FORBIDDEN) {
                    assertTrue(!source.contains(word), f + " uses " + word);
                }
            }
        }
    }
}
