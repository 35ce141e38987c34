package dev.scn.drill;

import dev.scn.drill.script.DrillParse;
import dev.scn.drill.script.DrillParser;
import dev.scn.engine.os.Profiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * FreeBSD's own TCP test suite ({@code ../shared/tcp-testsuite}, 408 packetdrill scripts run on
 * real kernels) against the newest profile. Every script passes except those listed in
 * {@code src/test/resources/drill/known-failures.txt}, each with the reason: a script that starts
 * failing fails this test, and so does a listed script that now passes (take it off the list), so
 * the pass count can only rise. Outside CI the test is skipped when the corpus is absent; in CI
 * (CI set) a missing corpus is a failure.
 */
class DrillConformanceTest {
    static final Path CORPUS = Path.of("..", "shared", "tcp-testsuite");
    static final Path KNOWN = Path.of("src", "test", "resources", "drill", "known-failures.txt");
    /** The corpus as the suite's README describes it: a script lost from it must not raise the rate. */
    static final int SCRIPTS = 408;

    private static List<DrillVerdict> verdicts;
    private static KnownFailures known;

    @BeforeAll
    static void runTheSuite() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            if (System.getenv("CI") != null) {
                fail("FreeBSD's TCP test suite is missing at " + CORPUS.toAbsolutePath().normalize()
                        + ": CI must provide it (see README, Conformance)");
            }
            Assumptions.abort("skipped: FreeBSD's TCP test suite is not at " + CORPUS.toAbsolutePath().normalize());
        }
        known = KnownFailures.read(KNOWN);
        DrillRunner runner = new DrillRunner(Profiles.newest());
        verdicts = new ArrayList<>();
        for (Path script : DrillBatch.collect(List.of(CORPUS))) {
            DrillParse parse = DrillParser.parse(script);
            verdicts.add(parse.usable() ? runner.run(parse.script())
                    : DrillVerdict.unreadable(script, parse.diagnostics().sorted().get(0).message()));
        }
    }

    @Test
    void theWholeSuiteIsRun() {
        assertEquals(SCRIPTS, verdicts.size());
        assertTrue(verdicts.stream().noneMatch(DrillVerdict::badInput),
                () -> verdicts.stream().filter(DrillVerdict::badInput).map(DrillVerdict::describe)
                        .collect(Collectors.joining("\n")));
    }

    @Test
    void noScriptFailsThatIsNotAKnownFailure() {
        KnownFailures.Comparison c = known.compare(CORPUS, verdicts);
        String details = verdicts.stream().filter(v -> c.newFailures().contains(KnownFailures.key(CORPUS, v.file())))
                .map(DrillVerdict::describe).collect(Collectors.joining("\n"));
        assertEquals(List.of(), c.newFailures(), "scripts that fail and are not in " + KNOWN + ":\n" + details);
    }

    @Test
    void everyKnownFailureStillFailsSoTheCountOnlyRises() {
        KnownFailures.Comparison c = known.compare(CORPUS, verdicts);
        assertEquals(List.of(), c.nowPassing(), "these pass now: remove them from " + KNOWN);
        assertEquals(List.of(), c.missing(), "listed in " + KNOWN + " but not in the corpus");
    }

    @Test
    void atLeastEightyFivePercentPass() {
        long passed = verdicts.stream().filter(DrillVerdict::passed).count();
        assertEquals(SCRIPTS - known.size(), passed);
        assertTrue(passed * 100 >= 85L * SCRIPTS, passed + " of " + SCRIPTS + " pass");
    }

    @Test
    void theReadmeShowsTheRealCount() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String summary = DrillBatch.summary(verdicts) + " on " + Profiles.newest().release();
        assertTrue(readme.contains("    " + summary + "\n"), "README's Conformance section should show: " + summary);
    }

    @Test
    void everyKnownFailureHasAReason() {
        for (DrillVerdict v : verdicts) {
            String key = KnownFailures.key(CORPUS, v.file());
            if (known.contains(key)) {
                assertTrue(known.reason(key).length() > 10, key + " is listed without a reason");
            }
        }
    }
}
