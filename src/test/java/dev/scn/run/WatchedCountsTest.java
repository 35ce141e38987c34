package dev.scn.run;

import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code always} and {@code within} on counts read maintained counters after every event (issue
 * 12: no copy of the dynamic table per event). They must still decide at the exact event where the
 * count crosses the bound, with the value read then.
 *
 * <p>Seed hosts (RunnerTest.HOSTS: 5.4, keep-state, link 40 ms; SeedIncidentTest's derivation):
 * the client's SYN leaves at 0 and reaches the server at 0.04 s, where keep-state links the rule
 * (ipfw dynamic and dyn_count 0 -> 1); the client's ACK of the server's FIN arrives at A = 0.36 s
 * (FIN_WAIT_2 0 -> 1). The rule's last refresh is in second 0: expire 300. ipfw's tick runs at
 * 1 + 5k s; at 281 s 19 s remain (< 20), so it sends the keepalive pair, both packets from the
 * server in that one event (server packets keepalive 0 -> 2).
 */
class WatchedCountsTest {
    private static List<ExpectationResult> run(String body, String variantLines) {
        String source = "scenario t {\n seed 1\n run 1h\n" + RunnerTest.HOSTS + """
                at 0s client connect server:80 as c1
                at +2s client forget c1
                """ + body + (variantLines.isBlank() ? "" : "\nvariant \"v\" {\n" + variantLines + "\n}") + "\n}\n";
        ParseResult parsed = ScenarioParser.parse(source, "t.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        Scenario scenario = parsed.scenarios().get(0);
        dev.scn.lang.Diagnostics checked = new dev.scn.lang.Diagnostics();
        ScenarioValidator.validate(scenario, checked);
        assertTrue(checked.sorted().stream().noneMatch(d -> d.severity() == dev.scn.lang.Diagnostic.Severity.ERROR),
                checked.sorted().toString());
        ScenarioRunner runner = new ScenarioRunner(scenario, ScenarioRunner.RunOptions.defaults());
        return runner.run(variantLines.isBlank() ? ScenarioRunner.BASE : "v").expectations();
    }

    private static void decided(ExpectationResult e, boolean held, long micros, String actual) {
        assertEquals(held, e.held(), e.toString());
        assertEquals(micros, e.timeMicros(), e.toString());
        assertEquals(actual, e.actual(), e.toString());
    }

    @Test
    @DisplayName("always on a count fails at the event that crosses the bound, with the value then")
    void failsAtTheCrossingEvent() {
        List<ExpectationResult> e = run("""
                always expect server ipfw dynamic == 0
                always expect server sysctl net.inet.ip.fw.dyn_count <= 0
                always expect server netstat FIN_WAIT_2 <= 0
                always expect server packets keepalive <= 1
                always expect server netstat FIN_WAIT_2 <= 1
                at 1s always expect server ipfw dynamic == 1
                """, "");
        assertEquals(6, e.size());
        decided(e.get(0), false, 40_000, "1");        // the SYN at the server's ipfw
        decided(e.get(1), false, 40_000, "1");        // dyn_count, same event
        decided(e.get(2), false, 360_000, "1");       // A: the client's ACK of the FIN
        decided(e.get(3), false, 281_000_000, "2");   // the first keepalive pair
        decided(e.get(4), true, 3_600_000_000L, "1"); // FIN_WAIT_2 stays 1 to the end (keepalives)
        decided(e.get(5), true, 3_600_000_000L, "1"); // and so does its rule
    }

    /*
     * dyn_keepalive=0: nothing refreshes the rule after second 0, so it is dead once time_uptime
     * reaches 300. No event can see that earlier (uptime <= 299 before 300 s); the "show" line at
     * 300 s is an event at that very instant, so "always >= 1" fails at 300 s exactly with 0, and
     * "within 10m == 0" (watched from 1 s) holds then.
     */
    @Test
    @DisplayName("a rule's death (no event of its own) is seen at the first event from its expiry second on")
    void deathByTimeSeenAtTheFirstEventAfter() {
        List<ExpectationResult> e = run("at 1h expect server netstat LISTEN == 1", """
                on server sysctl net.inet.ip.fw.dyn_keepalive=0
                at 300s show server netstat
                at 1s always expect server ipfw dynamic >= 1
                at 1s within 10m expect server ipfw dynamic == 0
                """);
        ExpectationResult always = e.stream().filter(r -> r.mode().equals("always")).findFirst().orElseThrow();
        ExpectationResult within = e.stream().filter(r -> r.mode().equals("within")).findFirst().orElseThrow();
        decided(always, false, 300_000_000, "0");
        decided(within, true, 300_000_000, "0");
        assertFalse(e.stream().anyMatch(r -> !r.held() && r != always), e.toString());
    }
}
