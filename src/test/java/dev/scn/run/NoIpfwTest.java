package dev.scn.run;

import dev.scn.lang.Diagnostic;
import dev.scn.lang.Diagnostics;
import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host without ipfw has no net.inet.ip.fw tree (the module registers it when it loads:
 * ip_fw2.c SYSCTL_NODE(_net_inet_ip, OID_AUTO, fw, ...)), and ipfw(8) there fails on its socket
 * option with ENOPROTOOPT, worded per release (ipfw2.c list: "getsockopt(IP_FW_GET)" up to 10.x;
 * ipfw_list: "retrieving config failed" from the IP_FW3 rewrite). Issue 10: such a host printed
 * "ipfw: socket: Protocol not available" and yet listed net.inet.ip.fw.enable: 1.
 */
class NoIpfwTest {

    private static Scenario parse(String os, String body) {
        ParseResult parsed = ScenarioParser.parse("scenario t {\n run 1m\n host a {\n os freebsd " + os
                + "\n ip 192.0.2.1\n }\n host b {\n os freebsd " + os + "\n ip 192.0.2.2\n ipfw add 100 allow ip from any to any\n }\n"
                + " link a b delay 1ms\n" + body + "\n}\n", "t.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        return parsed.scenarios().get(0);
    }

    private static List<ShowOutput> shows(String os) {
        Scenario s = parse(os, """
                at 1s show a sysctl net.inet.ip.fw
                at 1s show a ipfw
                at 1s show b sysctl net.inet.ip.fw.dyn_keepalive
                at 1s show a sysctl net.inet.ip.fw.enable
                """);
        return new ScenarioRunner(s, ScenarioRunner.RunOptions.defaults()).run(ScenarioRunner.BASE).shows();
    }

    @Test
    @DisplayName("5.4: no net.inet.ip.fw on a host without ipfw; ipfw show fails on IP_FW_GET")
    void old() {
        List<ShowOutput> out = shows("5.4");
        assertEquals("sysctl: unknown oid 'net.inet.ip.fw'\n", out.get(0).text());
        assertEquals("ipfw: getsockopt(IP_FW_GET): Protocol not available\n", out.get(1).text());
        assertEquals("net.inet.ip.fw.dyn_keepalive: 1\n", out.get(2).text(), "b has ipfw: its tree is there");
        assertEquals("sysctl: unknown oid 'net.inet.ip.fw.enable'\n", out.get(3).text());
    }

    @Test
    @DisplayName("14.2: ipfw show without ipfw fails while retrieving the config")
    void modern() {
        List<ShowOutput> out = shows("14.2");
        assertEquals("ipfw: retrieving config failed: Protocol not available\n", out.get(1).text());
    }

    @Test
    @DisplayName("check: setting or expecting an ipfw sysctl on a host without ipfw is an error")
    void checked() {
        Scenario s = parse("5.4", """
                at 1s on a sysctl net.inet.ip.fw.dyn_keepalive=0
                at 2s expect a sysctl net.inet.ip.fw.dyn_count == 0
                at 2s expect b sysctl net.inet.ip.fw.dyn_count == 0
                """);
        Diagnostics d = new Diagnostics();
        ScenarioValidator.validate(s, d);
        List<String> errors = d.sorted().stream().filter(x -> x.severity() == Diagnostic.Severity.ERROR)
                .map(x -> x.span().line() + " " + x.code()).toList();
        assertEquals(List.of("13 E0319", "14 E0319"), errors);
    }
}
