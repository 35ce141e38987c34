package dev.scn.engine.os;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed registry: each {@link Sysctl} constant is defined on some modelled release (a
 * constant the engine reads but no release has would only fail at run time), and engine code
 * reads values through constants, never by a name in a string.
 */
class SysctlRegistryTest {

    @Test
    @DisplayName("every Sysctl constant exists on at least one modelled profile")
    void everyConstantExistsSomewhere() {
        List<String> orphans = new ArrayList<>();
        for (Sysctl s : Sysctl.values()) {
            boolean somewhere = Profiles.all().stream()
                    .anyMatch(p -> p.sysctls().stream().anyMatch(d -> d.name().equals(s.oid())));
            if (!somewhere) {
                orphans.add(s.oid());
            }
        }
        assertEquals(List.of(), orphans);
    }

    @Test
    @DisplayName("each profile's sysctls are the registry's constants for its major, in declaration order")
    void profilesFollowTheRegistry() {
        for (Profile p : Profiles.all()) {
            List<String> expected = Stream.of(Sysctl.values()).filter(s -> s.existsIn(p.major())).map(Sysctl::oid).toList();
            assertEquals(expected, p.sysctls().stream().map(SysctlDef::name).toList(), p.name());
        }
    }

    /*
     * insecure_rst: tcp_input.c of 5.x declares it; RELENG_4 has no such knob, so 4.11 has no slot
     * value and reading it is a programming error, while on() answers false.
     */
    @Test
    @DisplayName("a slot read on a release without the sysctl fails; has/on/getOr answer for it")
    void slotReads() {
        Sysctls four = Profiles.exact("4.11").orElseThrow().newSysctls();
        assertFalse(four.has(Sysctl.TCP_INSECURE_RST));
        assertFalse(four.on(Sysctl.TCP_INSECURE_RST));
        assertEquals(7, four.getOr(Sysctl.TCP_INSECURE_RST, 7));
        assertThrows(IllegalArgumentException.class, () -> four.get(Sysctl.TCP_INSECURE_RST));
        Sysctls five = Profiles.exact("5.4").orElseThrow().newSysctls();
        assertTrue(five.has(Sysctl.TCP_INSECURE_RST));
        five.setByAdministrator("net.inet.tcp.insecure_rst", 1);
        assertTrue(five.on(Sysctl.TCP_INSECURE_RST));
        assertEquals(1, five.get(Sysctl.TCP_INSECURE_RST));
    }

    @Test
    @DisplayName("a module's subtree is unknown by name until it loads, while the kernel's slot keeps its value")
    void absentTreeHidesNamesOnly() {
        Sysctls s = Profiles.exact("14.2").orElseThrow().newSysctls();
        s.removeTree("net.inet.ip.fw.");
        assertFalse(s.exists("net.inet.ip.fw.dyn_max"));
        assertTrue(s.definitions().stream().noneMatch(d -> d.name().startsWith("net.inet.ip.fw.")));
        assertEquals(16384, s.get(Sysctl.IPFW_DYN_MAX));
        s.registerTree("net.inet.ip.fw.");
        assertTrue(s.exists("net.inet.ip.fw.dyn_max"));
    }

    private static final Pattern STRING_READ =
            Pattern.compile("\\.(get|exists|on|has|getOr|setByKernel|isDefault|definition)\\(\\s*\"(net|kern)\\.");

    @Test
    @DisplayName("engine code reads sysctls through Sysctl constants, never by a quoted name")
    void noStringReadsInMainCode() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher m = STRING_READ.matcher(text);
                while (m.find()) {
                    offenders.add(f + ": " + text.substring(m.start(), Math.min(text.length(), m.end() + 30)));
                }
            }
        }
        assertEquals(List.of(), offenders, "convert these to a Sysctl constant (one line in Sysctl.java)");
    }

    /*
     * Defaults per release, each from the source named in Sysctl.java: delacktime TCPTV_DELACK
     * hz/10 = 100 ms up to 11.x, 40 ms on 14.x (the test suite's delayed-ACK timing); mssdflt
     * TCP_MSS 512 (5.x-era tcp.h), 536 in releng/9.3 and release/10.4.0 tcp.h; keepcnt a sysctl
     * (8) in 9.3/10.4 tcp_timer.c, static before; rexmit_min TCPTV_MIN 3 ticks (30 ms at hz 100 on
     * 4.x, 3 ms at hz 1000) then hz/33 = 30 ms from 9.3; rexmit_slop hz/5 = 200 ms; rexmit_initial
     * (1 s) and insecure_syn (0) with 12.x on; drop_synfin (0) from the 7.0 HEAD file on.
     * -1 means the release has no such sysctl.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {1} = {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "4.11, net.inet.tcp.delacktime, 100", "11.4, net.inet.tcp.delacktime, 100", "14.2, net.inet.tcp.delacktime, 40",
            "5.4, net.inet.tcp.mssdflt, 512", "8.4, net.inet.tcp.mssdflt, 512", "9.3, net.inet.tcp.mssdflt, 536",
            "14.2, net.inet.tcp.mssdflt, 536",
            "8.4, net.inet.tcp.keepcnt, -1", "9.3, net.inet.tcp.keepcnt, 8", "14.2, net.inet.tcp.keepcnt, 8",
            "4.11, net.inet.tcp.rexmit_min, 30", "6.4, net.inet.tcp.rexmit_min, 3", "9.3, net.inet.tcp.rexmit_min, 30",
            "14.2, net.inet.tcp.rexmit_min, 30", "4.11, net.inet.tcp.rexmit_slop, 200", "14.2, net.inet.tcp.rexmit_slop, 200",
            "11.4, net.inet.tcp.rexmit_initial, -1", "14.2, net.inet.tcp.rexmit_initial, 1000",
            "11.4, net.inet.tcp.insecure_syn, -1", "14.2, net.inet.tcp.insecure_syn, 0",
            "6.4, net.inet.tcp.drop_synfin, -1", "7.4, net.inet.tcp.drop_synfin, 0", "14.2, net.inet.tcp.drop_synfin, 0"})
    @DisplayName("TCP sysctl defaults per release")
    void tcpDefaultsPerRelease(String release, String name, long expected) {
        Sysctls s = Profiles.exact(release).orElseThrow().newSysctls();
        assertEquals(expected, s.exists(name) ? s.get(name) : -1);
    }
}
