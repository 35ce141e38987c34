package dev.scn.run;

import dev.scn.lang.Diagnostic;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10: two hosts that talk need a link, every name (pools included) is resolved at check,
 * and variants change the topology and add expectations unless told to replace them.
 */
class TopologyChecksTest {
    private static final String HOSTS = """
            host client { os freebsd 5.4  ip 192.0.2.1 }
            host server { os freebsd 5.4  ip 192.0.2.2  listen 80 }
            """;

    private static ParseResult parse(String body) {
        ParseResult parsed = ScenarioParser.parse("scenario t {\n    seed 1\n    run 1h\n" + HOSTS + body + "\n}\n",
                "t.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        return parsed;
    }

    private static List<Diagnostic> check(String body) {
        Diagnostics out = new Diagnostics();
        ScenarioValidator.validate(parse(body).scenarios().get(0), out);
        return out.sorted();
    }

    private static String codes(List<Diagnostic> diagnostics) {
        return String.join(" ", diagnostics.stream().map(d -> d.span().line() + ":" + d.span().column() + " "
                + d.code()).toList());
    }

    // Line numbers: 1 scenario, 2 seed, 3 run, 4-5 hosts, 6 on: the body.

    @Test
    @DisplayName("a connect with no link between the hosts is E0315 at the target, with the link to add")
    void connectWithoutLink() {
        List<Diagnostic> d = check("    at 0s client connect server:80 as c1");
        assertEquals("6:26 E0315", codes(d));
        assertEquals("no path between client and server: the SYN of c1 would go nowhere and the connection "
                + "would sit in SYN_SENT", d.get(0).message());
        assertEquals("add `link client server delay 40ms`", d.get(0).hint());
    }

    @Test
    @DisplayName("an inject between declared hosts without a link, and 'link A B down' of no link, are errors")
    void injectAndLinkStateWithoutLink() {
        List<Diagnostic> d = check("""
                    at 1s inject client:1025->server:80 tcp [R] seq 1 ack 0 win 0 len 0
                    at 2s link client server down""");
        assertEquals("6:27 E0315 7:1 E0311", codes(d));
    }

    @Test
    @DisplayName("with a link, the same lines are clean")
    void withLinkClean() {
        assertEquals("", codes(check("""
                    link client server delay 40ms
                    at 0s client connect server:80 as c1
                    at 1s inject client:1025->server:80 tcp [R] seq 1 ack 0 win 0 len 0
                    at 2s link client server down""")));
    }

    private static final String POOL = """
                traffic flood from 198.51.100.0/24 to server:80 rate 1/s during 0s..10s {
                    100% normal
                }
            """;

    @Test
    @DisplayName("a pool is linked to its target only: path rules toward it pass, a link elsewhere is E0311")
    void poolNames() {
        assertEquals("", codes(check(POOL + "    blackhole server->flood\n    drop on flood->server tcp flags S")));
        assertEquals("9:10 E0311", codes(check(POOL + "    link flood client")));
        assertEquals("9:5 E0311", codes(check(POOL + "    blackhole client->flood")));
        assertEquals("9:5 E0302", codes(check(POOL + "    blackhole server->floood")));
    }

    /*
     * blackhole server->flood: every SYN-ACK toward the pool vanishes, so no client of the pool
     * leaves SYN_SENT (5.4 gives up a connect after tcp_keepinit, 75 s, past this 10 s) and none
     * is ESTABLISHED; the pool opened at least one connection in 0..10 s (seed 1). On e094ba5 the
     * run died with "no host named flood": the rule was applied before the pool existed.
     */
    @Test
    @DisplayName("blackhole toward a pool runs and covers every client of the pool")
    void blackholeToPoolRuns() {
        Scenario s = parse(POOL + """
                    blackhole server->flood
                    at 10s expect flood netstat ESTABLISHED == 0
                    at 10s expect flood netstat SYN_SENT >= 1
                    variant "open" {
                        no blackhole server->flood
                        at 10s replace expect flood netstat SYN_SENT == 0
                        at 10s replace expect flood netstat ESTABLISHED >= 1
                    }
                """).scenarios().get(0);
        RunResult base = new ScenarioRunner(s, ScenarioRunner.RunOptions.defaults()).run(ScenarioRunner.BASE);
        assertTrue(base.expectations().stream().allMatch(ExpectationResult::held), base.expectations().toString());
        RunResult open = new ScenarioRunner(s, ScenarioRunner.RunOptions.defaults()).run("open");
        assertEquals(2, open.expectations().size());
        assertTrue(open.expectations().stream().allMatch(ExpectationResult::held), open.expectations().toString());
    }

    @Test
    @DisplayName("a variant's link replaces the base's as a whole or is added; path rules are added or removed")
    void variantTopologyMerge() {
        Scenario s = parse("""
                    link client server delay 40ms loss 1%
                    blackhole server->client
                    drop on client->server tcp flags F count 1
                    variant "v" {
                        link server client delay 100ms
                        no blackhole server->client
                        drop on server->client tcp flags R
                    }
                """).scenarios().get(0);
        Scenario v = VariantMerger.apply(s, s.variants().get(0));
        assertEquals(1, v.links().size());
        LinkDecl link = v.links().get(0);
        assertEquals(100_000, link.delayMicros());
        assertEquals(0.0, link.lossPercent(), "replaced as a whole: the base's loss is gone");
        assertEquals(2, v.pathRules().size());
        assertTrue(v.pathRules().get(0) instanceof PathRule.Drop d && d.from().equals("client"));
        assertTrue(v.pathRules().get(1) instanceof PathRule.Drop d && d.from().equals("server"));
    }

    @Test
    @DisplayName("a variant may add the link the base lacks; its own connect then has a path")
    void variantAddsLink() {
        assertEquals("", codes(check("""
                    variant "linked" {
                        link client server delay 40ms
                        at 0s client connect server:80 as c1
                    }""")));
        assertEquals("7:26 E0315", codes(check("""
                    variant "unlinked" {
                        at 0s client connect server:80 as c1
                    }""")));
    }

    @Test
    @DisplayName("a variant's 'no' rule must match a base rule (E0316)")
    void removalMustMatch() {
        assertEquals("9:8 E0316", codes(check("""
                    link client server
                    blackhole server->client
                    variant "v" {
                        no blackhole client->server
                    }""")));
    }

    /*
     * Base: ESTABLISHED == 0 and LISTEN == 1 at 10 min. A plain variant expectation on the same
     * subject and instant is added (3 in the variant, W0307 says both are checked); with 'replace'
     * the base's one on that subject goes (2 in the variant).
     */
    @Test
    @DisplayName("a variant expectation is added unless written 'replace expect'")
    void expectationsAddedUnlessReplaced() {
        String base = """
                    link client server
                    at 10m expect server netstat ESTABLISHED == 0
                    at 10m expect server netstat LISTEN == 1
                """;
        Scenario added = parse(base + "    variant \"v\" {\n        at 10m expect server netstat LISTEN == 1\n    }")
                .scenarios().get(0);
        assertEquals(3, VariantMerger.apply(added, added.variants().get(0)).timeline().size());
        Diagnostics out = new Diagnostics();
        ScenarioValidator.validate(added, out);
        assertEquals("10:9 W0307", codes(out.sorted()));
        Scenario replaced = parse(base + "    variant \"v\" {\n        at 10m replace expect server netstat LISTEN == 1\n    }")
                .scenarios().get(0);
        assertEquals(2, VariantMerger.apply(replaced, replaced.variants().get(0)).timeline().size());
    }

    @Test
    @DisplayName("'replace' outside a variant, or before something other than expect, is E0216")
    void replaceOnlyInVariants() {
        ParseResult r = ScenarioParser.parse("scenario t {\n    run 1h\n" + HOSTS
                + "    at 1s replace expect server netstat LISTEN == 1\n"
                + "    variant \"v\" {\n        at 1s replace client crash\n    }\n}\n", "t.scn");
        assertEquals("5:11 E0216 7:15 E0216", codes(r.diagnostics().sorted()));
    }
}
