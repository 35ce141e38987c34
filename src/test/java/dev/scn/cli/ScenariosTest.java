package dev.scn.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every documented scenario of the repository runs green: its expectations are derived by hand in
 * its comments. The lengthy ones (ScenarioFolder) are run up to their first minutes by
 * dev.scn.run.LongScenariosTest instead.
 */
class ScenariosTest {

    static Stream<Path> scenarios() {
        return ScenarioFolder.quick().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void runsGreen(Path scenario) {
        CliTest.Outcome o = CliTest.scn("run", scenario.toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertFalse(o.out().contains("FAILED"), o.out());
        assertEquals("", o.err(), "no warnings in documented scenarios");
    }

    /**
     * Every documented scenario also makes its report: an expectation on an instant ("leaves S at
     * T", "first at T") has its own row label in the key figures, in both languages.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void reportsGreen(Path scenario, @org.junit.jupiter.api.io.TempDir Path out) {
        CliTest.Outcome o = CliTest.scn("report", scenario.toString(), "-o", out.toString());
        assertEquals(0, o.code(), o.out() + o.err());
    }
}
