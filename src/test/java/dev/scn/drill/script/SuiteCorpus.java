package dev.scn.drill.script;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FreeBSD's TCP test suite as the tests find it: ../shared/tcp-testsuite from the project root
 * (Maven's working directory). Absent, the tests that need it are skipped with a message; in CI
 * (environment variable CI set) its absence is a failure, so a broken checkout cannot pass green.
 */
final class SuiteCorpus {
    static final Path ROOT = Path.of("..", "shared", "tcp-testsuite");
    /** The README of the corpus counts 408 scripts. */
    static final int SCRIPTS = 408;

    private SuiteCorpus() {
    }

    /** Skips the calling test (or fails it in CI) when the corpus is not there. */
    static Path require() {
        boolean present = Files.isDirectory(ROOT);
        if (System.getenv("CI") != null) {
            assertTrue(present, "CI is set but the FreeBSD TCP test suite is missing at " + ROOT.toAbsolutePath());
        }
        Assumptions.assumeTrue(present, "skipped: the FreeBSD TCP test suite is not at " + ROOT.toAbsolutePath()
                + " (see the issue's ../shared/tcp-testsuite)");
        return ROOT;
    }

    /** Every .pkt file under the corpus, sorted. */
    static List<Path> scripts() {
        try (Stream<Path> files = Files.walk(require())) {
            return files.filter(p -> p.toString().endsWith(".pkt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path script(String relative) {
        return require().resolve(relative);
    }
}
