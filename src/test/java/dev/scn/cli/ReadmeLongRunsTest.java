package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Command line examples for long runs: --trace-file and the progress line. */
class ReadmeLongRunsTest {
    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    @DisplayName("the README's --trace-file example runs and writes its file")
    void traceFileExample(@TempDir Path dir) throws Exception {
        List<String> examples = readme().lines().map(String::strip)
                .filter(l -> l.startsWith("scn run scenarios/") && l.contains("--trace-file")).toList();
        assertEquals(1, examples.size(), examples.toString());
        String[] words = examples.get(0).split("\\s+");
        assertEquals("trace.txt", words[words.length - 1]);
        words[words.length - 1] = dir.resolve("trace.txt").toString();
        CliTest.Outcome o = CliTest.scn(java.util.Arrays.copyOfRange(words, 1, words.length));
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(dir.resolve("trace.txt")).startsWith("00:00:00.000000 IP "));
        assertTrue(Files.exists(dir.resolve("trace-variant-1.txt")), "the variant's file, as the README says");
    }

    /*
     * The README's line is the example, which ProgressLineTest derives by hand: 1d02h of
     * 5d, 13.8 M events in 11.5 s of wall time.
     */
    @Test
    @DisplayName("the README's progress line is one scn draws")
    void progressExample() throws Exception {
        String line = ProgressLine.format("[2/3 fix]", 93_600_000_000L, 432_000_000_000L, 13_800_000,
                11_500_000_000L);
        assertTrue(readme().lines().anyMatch(l -> l.strip().equals(line)), line);
        assertTrue(readme().contains("SCN_PROGRESS=1") && readme().contains("--no-progress"));
    }
}
