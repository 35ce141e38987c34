package dev.scn.cli;

import dev.scn.engine.kernel.SimTime;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import dev.scn.report.Lang;
import dev.scn.report.Messages;
import dev.scn.report.Report;
import dev.scn.report.ReportBuilder;
import dev.scn.run.ExpectationResult;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lengthy scenarios of scenarios/ (ScenarioFolder: the five-day benchmark) in bounded time:
 * checked whole as {@code scn check} does, run up to their first ten simulated minutes through
 * {@link ScenarioRunner.RunOptions#withUntil} (every expectation due by then holds, every later one
 * is "not reached"), and reported from their first 30 seconds. Their full runs are measured by
 * bench/, not by {@code mvn verify}.
 */
class LongScenariosTest {
    private static final long REPORT_PREFIX_MICROS = 30_000_000L;

    static Stream<Path> lengthy() {
        return ScenarioFolder.lengthy().stream();
    }

    @Test
    void theFiveDayScenarioIsLengthy() {
        // 50/s for 5 d: 21.6 million connections, far above the quick bound.
        assertTrue(ScenarioFolder.lengthy().contains(Path.of("scenarios/five-days-production.scn")),
                ScenarioFolder.lengthy().toString());
        assertEquals(21_600_000, ScenarioFolder.connections(Path.of("scenarios/five-days-production.scn")));
        assertEquals(ScenarioFolder.all().size(), ScenarioFolder.quick().size() + ScenarioFolder.lengthy().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lengthy")
    void checkedWhole(Path file) {
        CliTest.Outcome o = CliTest.scn("check", file.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("ok"), o.out());
        assertEquals("", o.err(), "no warnings in documented scenarios");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lengthy")
    void firstMinutesGreen(Path file) {
        Scenario scenario = ScenarioParser.parse(file).scenarios().get(0);
        ScenarioRunner runner = new ScenarioRunner(scenario,
                ScenarioRunner.RunOptions.defaults().withUntil(ScenarioFolder.LENGTHY_PREFIX_MICROS));
        for (String variant : runner.variantNames()) {
            RunResult r = runner.run(variant);
            assertEquals(RunResult.Outcome.COMPLETED, r.outcome(), variant);
            assertEquals(ScenarioFolder.LENGTHY_PREFIX_MICROS, r.endMicros(), variant);
            int reached = 0;
            for (ExpectationResult e : r.expectations()) {
                String where = variant + " line " + e.span().line() + ": " + e;
                if (e.actual().startsWith("not reached")) {
                    assertEquals("not reached (the run ends at " + SimTime.human(ScenarioFolder.LENGTHY_PREFIX_MICROS)
                            + ")", e.actual(), where);
                } else {
                    assertTrue(e.held(), where);
                    reached++;
                }
            }
            assertTrue(reached >= 1, variant + ": some expectation is due in the first minutes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lengthy")
    void reportedFromItsFirstMinutes(Path file) {
        Scenario scenario = ScenarioParser.parse(file).scenarios().get(0);
        ScenarioRunner runner = new ScenarioRunner(scenario, ScenarioRunner.RunOptions
                .forReport(scenario, ScenarioRunner.DEFAULT_MAX_EVENTS).withUntil(REPORT_PREFIX_MICROS));
        List<RunResult> runs = runner.runAll(runner.variantNames());
        String stem = file.getFileName().toString().replace(".scn", "");
        Report report = ReportBuilder.build(scenario, file.toString(), "0".repeat(64), stem, runs).report();
        for (Lang lang : Lang.values()) {
            Messages m = Messages.load(lang);
            List<String> lines = new ArrayList<>();
            for (Report.Paragraph p : report.narrative()) {
                lines.add(m.text(p.heading().key(), p.heading().args()));
                p.steps().forEach(s -> lines.add(m.text(s.key(), s.args())));
            }
            assertFalse(String.join("", lines).isBlank(), lang + ": a narrative");
        }
    }
}
